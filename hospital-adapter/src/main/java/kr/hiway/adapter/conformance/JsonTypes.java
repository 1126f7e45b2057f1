package kr.hiway.adapter.conformance;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.parser.DataFormatException;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The check that every element of every FHIR JSON answer has the JSON type FHIR R4 defines for it:
 * a number for {@code decimal} and the integer types, {@code true}/{@code false} for {@code
 * boolean}, a string for the other primitives, an object for a complex type, an array exactly where
 * the element repeats. HAPI's parser, even strict, reads {@code "value": "7.8"} as the decimal 7.8
 * and a one-element array's value as the array, so a client less forgiving (or a JSON tool that is
 * not a FHIR parser) would break on answers the other checks pass. The raw answers are walked
 * against the definitions in the {@link FhirContext}. Elements the definitions do not know are left
 * to the parser, which fails them. Thread-safe.
 */
final class JsonTypes {

  static final String NAME = "json.types";

  private static final int SHOWN = 3;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> NUMBERS =
      Set.of("decimal", "integer", "integer64", "positiveInt", "unsignedInt");

  private final FhirContext fhir;

  JsonTypes(FhirContext fhir) {
    this.fhir = fhir;
  }

  Check check(List<FhirHttp.Answer> answers, String base) {
    List<String> found = new ArrayList<>();
    int checked = 0;
    for (FhirHttp.Answer a : answers) {
      if (!a.isFhirJson()) {
        continue;
      }
      JsonNode root;
      try {
        root = JSON.readTree(a.body());
      } catch (JacksonException e) {
        found.add(a.request(base) + ": not JSON: " + e.getOriginalMessage());
        continue;
      }
      checked++;
      for (String problem : problems(root)) {
        found.add(a.request(base) + ": " + problem);
      }
    }
    if (found.isEmpty()) {
      return Check.pass(
          NAME, checked + " FHIR JSON answers, every element of the JSON type R4 defines");
    }
    String shown = String.join("; ", found.subList(0, Math.min(SHOWN, found.size())));
    String more = found.size() > SHOWN ? " (and " + (found.size() - SHOWN) + " more)" : "";
    return Check.fail(NAME, found.size() + " elements of the wrong JSON type: " + shown + more);
  }

  /** What is of the wrong type in one answer, each as {@code path: expected …, found …}. */
  List<String> problems(JsonNode root) {
    List<String> problems = new ArrayList<>();
    if (root.isObject()) {
      resource(root, "", problems);
    } else {
      problems.add("expected a JSON object (a resource), found " + kind(root));
    }
    return problems;
  }

  private void resource(JsonNode node, String path, List<String> problems) {
    JsonNode type = node.get("resourceType");
    if (type == null || !type.isTextual()) {
      problems.add(
          (path.isEmpty() ? "the answer" : path) + ": a resource without a resourceType string");
      return;
    }
    RuntimeResourceDefinition definition;
    try {
      definition = fhir.getResourceDefinition(type.asText());
    } catch (DataFormatException e) {
      return; // an unknown resource type: the parser reports it
    }
    composite(node, definition, JsonPaths.enter(node, path), problems);
  }

  private void composite(
      JsonNode node,
      BaseRuntimeElementCompositeDefinition<?> definition,
      String path,
      List<String> problems) {
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String name = e.getKey();
      String at = JsonPaths.child(path, name);
      JsonNode value = e.getValue();
      if (name.equals("resourceType") || name.equals("fhir_comments")) {
        continue;
      }
      if (name.startsWith("_")) {
        // A primitive's id and extensions: an object, or an array beside a repeating primitive.
        if (!value.isObject() && !value.isArray() && !value.isNull()) {
          problems.add(at + ": expected an object or an array, found " + kind(value));
        }
        continue;
      }
      BaseRuntimeChildDefinition child = definition.getChildByName(name);
      if (child == null) {
        continue; // an unknown element: the parser reports it
      }
      BaseRuntimeElementDefinition<?> element = child.getChildByName(name);
      boolean repeats = child.getMax() == -1 || child.getMax() > 1;
      if (repeats) {
        if (!value.isArray()) {
          problems.add(at + ": expected an array (" + name + " repeats), found " + kind(value));
          continue;
        }
        for (int i = 0; i < value.size(); i++) {
          if (!value.get(i).isNull()) {
            value(value.get(i), element, at + "[" + i + "]", problems);
          }
        }
      } else if (value.isArray()) {
        problems.add(
            at + ": expected a single value (" + name + " does not repeat), found an array");
      } else {
        value(value, element, at, problems);
      }
    }
  }

  private void value(
      JsonNode value, BaseRuntimeElementDefinition<?> element, String at, List<String> problems) {
    if (element == null) {
      return;
    }
    switch (element.getChildType()) {
      case PRIMITIVE_DATATYPE, PRIMITIVE_XHTML, PRIMITIVE_XHTML_HL7ORG, ID_DATATYPE -> {
        String type = element.getName();
        boolean right =
            type.equals("boolean")
                ? value.isBoolean()
                : NUMBERS.contains(type) ? value.isNumber() : value.isTextual();
        if (!right) {
          problems.add(
              at + ": expected " + expected(type) + " (FHIR " + type + "), found " + kind(value));
        }
      }
      case RESOURCE, CONTAINED_RESOURCES, CONTAINED_RESOURCE_LIST -> {
        if (!value.isObject()) {
          problems.add(at + ": expected an object (a resource), found " + kind(value));
        } else {
          resource(value, at, problems);
        }
      }
      default -> {
        if (!value.isObject()) {
          problems.add(
              at + ": expected an object (FHIR " + element.getName() + "), found " + kind(value));
        } else if (element instanceof BaseRuntimeElementCompositeDefinition<?> c) {
          composite(value, c, at, problems);
        }
      }
    }
  }

  private static String expected(String type) {
    if (type.equals("boolean")) {
      return "true or false";
    }
    return NUMBERS.contains(type) ? "a number" : "a string";
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case STRING -> "a string " + quoted(node.asText());
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NULL -> "null";
      default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** A short string value, which shows the fault ({@code "7.8"}); long ones are cut. */
  private static String quoted(String s) {
    return "\"" + (s.length() <= 20 ? s : s.substring(0, 20) + "…") + "\"";
  }
}
