package kr.hiway.consent.pseudonym;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the JSON form of a {@link DeidentificationProfile}, checking its shape only; the FHIR
 * meaning of types and paths is {@link PlanCompiler}'s to check. Stateless and thread-safe.
 */
final class ProfileReader {

  private static final Set<String> TOP_LEVEL = topLevel();
  private static final int VERSION = 2;

  // Duplicate keys are refused, so a path cannot silently get two actions.
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private ProfileReader() {}

  private static Set<String> topLevel() {
    Set<String> names = new java.util.TreeSet<>(Set.of("name", "version", "common", "resources"));
    names.addAll(PolicyReader.FIELDS);
    return Set.copyOf(names);
  }

  static DeidentificationProfile read(InputStream in) {
    JsonNode root;
    try {
      root = JSON.readTree(in);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new ProfileException("not valid JSON" + where + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (root == null || root.isMissingNode() || !root.isObject()) {
      throw new ProfileException(List.of("the profile must be a JSON object"));
    }
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      if (!TOP_LEVEL.contains(field.getKey())) {
        problems.add(
            "unknown top-level field '"
                + field.getKey()
                + "' (known: "
                + new java.util.TreeSet<>(TOP_LEVEL)
                + ")");
      }
    }
    JsonNode name = root.get("name");
    if (name == null || !name.isTextual() || name.asText().isBlank()) {
      problems.add("'name' must be a non-empty string");
    }
    JsonNode version = root.get("version");
    if (version == null || !version.isInt() || version.asInt() != VERSION) {
      problems.add("'version' must be " + VERSION);
    }
    Map<String, ProfileAction> common = new LinkedHashMap<>();
    JsonNode commonNode = root.get("common");
    if (commonNode != null) {
      rules("common", commonNode, problems).ifPresent(common::putAll);
    }
    Map<String, Map<String, ProfileAction>> resources = new LinkedHashMap<>();
    JsonNode resourcesNode = root.get("resources");
    if (resourcesNode == null || !resourcesNode.isObject()) {
      problems.add("'resources' must be an object of resource type to rules");
    } else {
      for (Map.Entry<String, JsonNode> e : resourcesNode.properties()) {
        rules(e.getKey(), e.getValue(), problems).ifPresent(r -> resources.put(e.getKey(), r));
      }
    }
    ReleasePolicy policy = PolicyReader.read(root, problems);
    if (!problems.isEmpty()) {
      throw new ProfileException(problems);
    }
    return new DeidentificationProfile(name.asText(), common, resources, policy);
  }

  private static Optional<Map<String, ProfileAction>> rules(
      String owner, JsonNode node, List<String> problems) {
    if (!node.isObject()) {
      problems.add("'" + owner + "' must be an object of element path to action");
      return Optional.empty();
    }
    Map<String, ProfileAction> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String where = owner + "." + e.getKey();
      if (!e.getValue().isTextual()) {
        problems.add(where + ": the action must be a string");
        continue;
      }
      Optional<ProfileAction> action = ProfileAction.ofLabel(e.getValue().asText());
      if (action.isEmpty()) {
        problems.add(
            where
                + ": unknown action '"
                + e.getValue().asText()
                + "' (known: "
                + ProfileAction.labels()
                + ")");
      } else {
        out.put(e.getKey(), action.get());
      }
    }
    return Optional.of(out);
  }
}
