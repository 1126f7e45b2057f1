package kr.hiway.gateway.release;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A query over the patient's records at every hospital, in a form that can travel inside a paging
 * token and be run again for the next page.
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
    DEMOGRAPHICS
  }

  public PagedQuery {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(patientId, "patientId");
    types = List.copyOf(types);
    params = Map.copyOf(params);
    sources = Set.copyOf(sources);
  }
}
