package kr.hiway.adapter.conformance;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The check that no answer carries the test person's national identifier. The gateway never sends
 * one and an adapter must never return one: not as a Patient identifier, not in a narrative, not in
 * a header. The raw answers are searched, so nothing the parser drops or rewrites is missed, in the
 * forms a resident registration number is written: with the hyphen, without, with a space.
 * Stateless.
 */
final class NationalId {

  static final String NAME = "privacy.national-id";

  private static final int SHOWN = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  private NationalId() {}

  static Check check(List<FhirHttp.Answer> answers, String nationalId, String base) {
    Set<String> forms = forms(nationalId);
    List<String> found = new ArrayList<>();
    for (FhirHttp.Answer a : answers) {
      List<String> where = new ArrayList<>();
      for (Map.Entry<String, List<String>> header : a.headers().map().entrySet()) {
        if (header.getValue().stream().anyMatch(v -> containsAny(v, forms))) {
          where.add("header " + header.getKey());
        }
      }
      if (containsAny(a.body(), forms)) {
        where.addAll(locate(a.body(), forms));
      }
      if (!where.isEmpty()) {
        found.add(a.request(base) + " (" + a.status() + ") at " + String.join(", ", where));
      }
    }
    if (found.isEmpty()) {
      return Check.pass(
          NAME,
          "not in any of "
              + answers.size()
              + " answers (bodies and headers, with or without the hyphen)");
    }
    String shown = String.join("; ", found.subList(0, Math.min(SHOWN, found.size())));
    String more = found.size() > SHOWN ? " (and " + (found.size() - SHOWN) + " more)" : "";
    return Check.fail(
        NAME,
        "the test person's national identifier is in "
            + found.size()
            + " answers, expected in none (the gateway names a person by linkage token only): "
            + shown
            + more);
  }

  /** The ways the identifier may be written: as given, digits only, and a 13-digit one split. */
  static Set<String> forms(String nationalId) {
    Set<String> forms = new LinkedHashSet<>();
    forms.add(nationalId.strip());
    String digits = nationalId.replaceAll("\\D", "");
    if (digits.length() >= 6) {
      forms.add(digits);
    }
    if (digits.length() == 13) {
      forms.add(digits.substring(0, 6) + "-" + digits.substring(6));
      forms.add(digits.substring(0, 6) + " " + digits.substring(6));
    }
    return forms;
  }

  private static boolean containsAny(String text, Set<String> forms) {
    return forms.stream().anyMatch(text::contains);
  }

  /** The elements of a JSON body that hold the identifier, or just "the body" if not JSON. */
  private static List<String> locate(String body, Set<String> forms) {
    List<String> paths = new ArrayList<>();
    try {
      walk(JSON.readTree(body), "", forms, paths);
    } catch (JacksonException e) {
      // not JSON: the identifier is somewhere in the text
    }
    return paths.isEmpty() ? List.of("the body") : paths;
  }

  private static void walk(JsonNode node, String path, Set<String> forms, List<String> paths) {
    if (node.isObject()) {
      String here = JsonPaths.enter(node, path);
      node.properties()
          .forEach(e -> {
            if (containsAny(e.getKey(), forms)) {
              paths.add(JsonPaths.child(here, e.getKey()) + " (a property name)");
            }
            walk(e.getValue(), JsonPaths.child(here, e.getKey()), forms, paths);
          });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), path + "[" + i + "]", forms, paths);
      }
    } else if (node.isValueNode() && containsAny(node.asText(), forms)) {
      paths.add(path);
    }
  }
}
