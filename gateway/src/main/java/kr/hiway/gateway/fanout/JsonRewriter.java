package kr.hiway.gateway.fanout;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import kr.hiway.adapter.linkage.LinkageToken;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * {@link Rewriter}'s rules applied to a resource's JSON as the hospital sent it, for answers that
 * go to the patient as JSON: the tree HAPI has just parsed (strictly, so every element is known) is
 * changed in place and written out, instead of walking and re-encoding HAPI's model, which was a
 * third of the gateway's work on a search. The walk follows HAPI's definitions, so a reference is
 * rewritten only where the model has a {@link Reference}, and an identifier dropped only where it
 * has an {@link Identifier}, exactly as {@link Rewriter} does; what the rewriting empties is left
 * out, as HAPI's encoder leaves out empty elements. One per hospital exchange; not thread-safe.
 */
final class JsonRewriter {

  private static final ObjectMapper WRITER = new ObjectMapper();

  private final FhirContext fhir;
  private final String hospitalCode;
  private final String localPatientId;
  private final String gatewayPatientId;
  private final String token;
  private final BaseRuntimeElementCompositeDefinition<?> extensionDefinition;

  JsonRewriter(
      FhirContext fhir,
      String hospitalCode,
      String localPatientId,
      String gatewayPatientId,
      String token) {
    this.fhir = fhir;
    this.hospitalCode = hospitalCode;
    this.localPatientId = localPatientId;
    this.gatewayPatientId = gatewayPatientId;
    this.token = token;
    this.extensionDefinition =
        (BaseRuntimeElementCompositeDefinition<?>) fhir.getElementDefinition(Extension.class);
  }

  /**
   * Rewrites {@code resource} (a resource's JSON object, changed in place; its id as HAPI read it
   * is {@code localId}) and returns its JSON bytes, {@code resourceType}, {@code id} and {@code
   * meta} first as HAPI writes them.
   */
  byte[] rewrite(String localId, ObjectNode resource) {
    String type = resource.path("resourceType").asText();
    resource.remove("_id"); // the model's id element keeps no extensions across setIdElement
    walk(resource, fhir.getResourceDefinition(type));
    ObjectNode out = resource.objectNode();
    out.put("resourceType", type);
    out.put("id", GlobalIds.of(hospitalCode, localId));
    ObjectNode meta = resource.get("meta") instanceof ObjectNode m ? m : resource.objectNode();
    meta.put("source", Rewriter.SOURCE_PREFIX + hospitalCode);
    out.set("meta", meta);
    for (Map.Entry<String, JsonNode> field : resource.properties()) {
      String name = field.getKey();
      if (!name.equals("resourceType") && !name.equals("id") && !name.equals("meta")) {
        out.set(name, field.getValue());
      }
    }
    try {
      return WRITER.writeValueAsBytes(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed tree could not be written", e);
    }
  }

  /** Walks one object of the given definition; returns whether it ended up empty. */
  private boolean walk(ObjectNode node, BaseRuntimeElementCompositeDefinition<?> definition) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      JsonNode value = node.get(name);
      if (name.equals("resourceType")) {
        continue;
      }
      if (name.startsWith("_")) {
        // A primitive's id and extensions; an array of them runs parallel to the values.
        if (primitiveExtras(value)) {
          node.remove(name);
        }
        continue;
      }
      if (name.equals("contained")) {
        for (JsonNode item : value) {
          if (item instanceof ObjectNode contained) {
            RuntimeResourceDefinition def =
                fhir.getResourceDefinition(contained.path("resourceType").asText());
            walk(contained, def);
          }
        }
        continue;
      }
      BaseRuntimeChildDefinition child = definition.getChildByName(name);
      BaseRuntimeElementDefinition<?> element = child == null ? null : child.getChildByName(name);
      if (!(element instanceof BaseRuntimeElementCompositeDefinition<?> composite)) {
        continue; // a primitive (HAPI's strict parse has already refused unknown elements)
      }
      if (value instanceof ArrayNode array) {
        for (int i = array.size() - 1; i >= 0; i--) {
          if (array.get(i) instanceof ObjectNode item && element(item, composite)) {
            array.remove(i);
          }
        }
        if (array.isEmpty()) {
          node.remove(name);
        }
      } else if (value instanceof ObjectNode item && element(item, composite)) {
        node.remove(name);
      }
    }
    return node.isEmpty();
  }

  /** One element of a composite type; returns whether it is to be left out. */
  private boolean element(ObjectNode item, BaseRuntimeElementCompositeDefinition<?> definition) {
    Class<?> type = definition.getImplementingClass();
    if (type == Identifier.class && isLinkage(item)) {
      return true;
    }
    if (type == Reference.class) {
      reference(item);
    }
    boolean empty = walk(item, definition);
    if (type == Extension.class) {
      // An extension left with neither value nor extensions says nothing (and is invalid).
      return !hasValueOrExtensions(item);
    }
    return empty;
  }

  private static boolean hasValueOrExtensions(ObjectNode extension) {
    for (String name : (Iterable<String>) extension::fieldNames) {
      if (name.startsWith("value") || name.equals("extension")) {
        return true;
      }
    }
    return false;
  }

  private boolean primitiveExtras(JsonNode value) {
    if (value instanceof ObjectNode extras) {
      return walk(extras, extensionHolder());
    }
    if (value instanceof ArrayNode array) {
      boolean allEmpty = true;
      for (int i = 0; i < array.size(); i++) {
        if (array.get(i) instanceof ObjectNode extras) {
          if (walk(extras, extensionHolder())) {
            array.set(i, array.nullNode()); // keeps the array parallel to its values
          } else {
            allEmpty = false;
          }
        }
      }
      return allEmpty;
    }
    return false;
  }

  /** The children of a primitive's extras ({@code id}, {@code extension}): Extension's own. */
  private BaseRuntimeElementCompositeDefinition<?> extensionHolder() {
    return extensionDefinition;
  }

  private void reference(ObjectNode reference) {
    if (reference.get("identifier") instanceof ObjectNode identifier && isLinkage(identifier)) {
      reference.remove("identifier");
    }
    JsonNode target = reference.get("reference");
    if (target == null || !target.isTextual()) {
      return;
    }
    String value = target.asText();
    if (value.startsWith("#")) {
      return;
    }
    Matcher m = Ownership.RELATIVE.matcher(value);
    if (!m.matches()) {
      reference.remove("reference");
      reference.remove("_reference");
      return;
    }
    String type = m.group(1);
    String id = m.group(2);
    reference.put(
        "reference",
        type.equals("Patient") && id.equals(localPatientId)
            ? "Patient/" + gatewayPatientId
            : type + "/" + GlobalIds.of(hospitalCode, id));
  }

  private boolean isLinkage(ObjectNode identifier) {
    return LinkageToken.SYSTEM.equals(text(identifier, "system"))
        || token.equals(text(identifier, "value"));
  }

  private static String text(ObjectNode node, String name) {
    JsonNode value = node.get(name);
    return value != null && value.isTextual() ? value.asText() : null;
  }
}
