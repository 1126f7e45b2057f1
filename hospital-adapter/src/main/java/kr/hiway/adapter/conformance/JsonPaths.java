package kr.hiway.adapter.conformance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Element paths in a raw FHIR JSON answer, for messages: {@code
 * Patient/10000001.identifier[1].value}. A path starts again at each resource inside another (a
 * Bundle entry, a contained resource), so that it names the resource an adapter developer can look
 * up. Stateless.
 */
final class JsonPaths {

  private JsonPaths() {}

  /** The path of an object: itself, or the resource it is ({@code Type/id}) if it is one. */
  static String enter(JsonNode object, String path) {
    JsonNode type = object.get("resourceType");
    if (type == null || !type.isTextual()) {
      return path;
    }
    JsonNode id = object.get("id");
    return type.asText() + (id != null && id.isTextual() ? "/" + id.asText() : "");
  }

  static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
