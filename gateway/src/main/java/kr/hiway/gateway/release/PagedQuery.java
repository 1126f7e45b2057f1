package kr.hiway.gateway.release;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import kr.hiway.vocabulary.RecordType;

/**
 * A query over the patient's records at every hospital, in a form that can travel inside a paging
 * token and be run again for the next page. Made by {@link #everything}, {@link
 * #everythingWithPatient}, {@link #search} or {@link #demographics}; the canonical constructor is
 * for reading a token back.
 *
 * @param kind what is asked
 * @param patientId the gateway patient the query is about
 * @param types the record types asked for (one for a search)
 * @param since for $everything, only records changed at or after this instant (ISO-8601), or null
 * @param withPatient whether the Patient resource itself is part of the answer
 * @param params for a search, the hospital-side parameters as the client sent them
 * @param sources the hospital codes to ask; empty for all
 */
public record PagedQuery(
    Kind kind,
    String patientId,
    List<String> types,
    String since,
    boolean withPatient,
    Map<String, List<String>> params,
    Set<String> sources) {

  public enum Kind {
    EVERYTHING,
    SEARCH,
    DEMOGRAPHICS,
    /** The gateway's own audit events about the patient ("who saw my data"), not the hospitals'. */
    AUDIT_EVENTS
  }

  public PagedQuery {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(patientId, "patientId");
    types = List.copyOf(types);
    params = Map.copyOf(params);
    sources = Set.copyOf(sources);
  }

  /**
   * {@code $everything} of record {@code types}, without the Patient. With no type, nothing at all:
   * an empty type list would mean "every type" to the hospitals, so none of them is asked.
   *
   * @param since only records changed at or after this instant (ISO-8601), or null for all
   */
  public static PagedQuery everything(String patientId, List<String> types, String since) {
    return new PagedQuery(kindOf(types), patientId, types, since, false, Map.of(), Set.of());
  }

  /** As {@link #everything}, with the Patient; with no record type, the Patient alone. */
  public static PagedQuery everythingWithPatient(
      String patientId, List<String> types, String since) {
    return new PagedQuery(kindOf(types), patientId, types, since, true, Map.of(), Set.of());
  }

  /**
   * A search of one record type.
   *
   * @param params the hospital-side parameters as the client sent them
   * @param sources the hospital codes to ask; empty for all
   */
  public static PagedQuery search(
      String patientId, RecordType type, Map<String, List<String>> params, Set<String> sources) {
    return new PagedQuery(
        Kind.SEARCH, patientId, List.of(type.fhirType()), null, false, params, sources);
  }

  /** The patient's Patient resource, composed from the hospitals'. */
  public static PagedQuery demographics(String patientId) {
    return new PagedQuery(Kind.DEMOGRAPHICS, patientId, List.of(), null, true, Map.of(), Set.of());
  }

  /**
   * The patient's audit events, from a point in their order; no hospital is asked.
   *
   * @param after where the page starts, as the audit trail's cursor writes it
   */
  public static PagedQuery auditEvents(String patientId, List<String> after) {
    return new PagedQuery(
        Kind.AUDIT_EVENTS, patientId, List.of(), null, false, Map.of("after", after), Set.of());
  }

  private static Kind kindOf(List<String> types) {
    return types.isEmpty() ? Kind.DEMOGRAPHICS : Kind.EVERYTHING;
  }
}
