package kr.hiway.gateway.export;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.vocabulary.ErrorCode;
import kr.hiway.vocabulary.RecordType;

/**
 * A Bulk Data kick-off's parameters, checked: the types exported (the Patient and the nine record
 * types by default) and {@code _since}.
 *
 * @param url the kick-off URL as sent, for the manifest's {@code request}
 * @param types the types exported, Patient first if asked
 * @param since only records changed at or after this instant (ISO-8601), or null
 */
record ExportRequest(String url, List<String> types, String since) {

  static final String PATIENT = "Patient";

  /** The output formats of the IG that all mean NDJSON. */
  private static final Set<String> NDJSON =
      Set.of("application/fhir+ndjson", "application/ndjson", "ndjson");

  private static final Set<String> SUPPORTED = Set.of("_type", "_since", "_outputFormat");

  ExportRequest {
    types = List.copyOf(types);
  }

  /** The record types asked (the types less the Patient). */
  List<String> recordTypes() {
    return types.stream().filter(t -> !t.equals(PATIENT)).toList();
  }

  /**
   * Reads a kick-off's query parameters.
   *
   * @throws GatewayException HIW-G051 for a parameter the export does not take, an unknown type, a
   *     malformed {@code _since} or an output format other than NDJSON
   */
  static ExportRequest parse(String url, Map<String, String[]> params) {
    for (String name : params.keySet()) {
      if (!SUPPORTED.contains(name)) {
        throw unsupported("The export does not support the parameter " + name + ".");
      }
    }
    for (String format : values(params, "_outputFormat")) {
      if (!NDJSON.contains(format)) {
        throw unsupported("Only NDJSON output is supported (_outputFormat).");
      }
    }
    Set<String> types = new LinkedHashSet<>();
    for (String t : values(params, "_type")) {
      boolean known = t.equals(PATIENT) || RecordType.ofFhirType(t).isPresent();
      if (!known) {
        throw unsupported("The export has no resources of type " + t + ".");
      }
      types.add(t);
    }
    if (types.isEmpty()) {
      types.add(PATIENT);
      for (RecordType r : RecordType.values()) {
        types.add(r.fhirType());
      }
    }
    List<String> ordered = new ArrayList<>(types.size());
    if (types.remove(PATIENT)) {
      ordered.add(PATIENT);
    }
    ordered.addAll(types.stream().sorted().toList());
    ExportRequest request = new ExportRequest(url, ordered, since(values(params, "_since")));
    if (request.recordTypes().isEmpty()) {
      throw unsupported("A cohort export releases a person's Patient with records: name one.");
    }
    return request;
  }

  private static String since(List<String> values) {
    if (values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw unsupported("_since may be given once.");
    }
    try {
      return Instant.parse(values.get(0)).toString();
    } catch (DateTimeParseException e) {
      throw unsupported("_since must be an instant such as 2024-01-01T00:00:00Z.");
    }
  }

  /** A parameter's values, comma-separated lists split, blanks dropped. */
  private static List<String> values(Map<String, String[]> params, String name) {
    List<String> out = new ArrayList<>();
    for (String v : params.getOrDefault(name, new String[0])) {
      for (String part : v.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    }
    return out;
  }

  private static GatewayException unsupported(String message) {
    return new GatewayException(ErrorCode.EXPORT_UNSUPPORTED_PARAMETER, message);
  }
}
