package kr.hiway.gateway.fanout;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import kr.hiway.vocabulary.RecordType;

/** What to fetch from each hospital. Immutable and thread-safe values; null rules per record. */
public sealed interface Query {

  /**
   * {@code Patient/{id}/$everything}.
   *
   * @param types the record types wanted, never null; empty means all nine. The hospital's Patient
   *     resource is part of the answer either way
   * @param since only what changed at or after this instant, or null for everything
   */
  record Everything(Set<RecordType> types, Instant since) implements Query {
    public Everything {
      Objects.requireNonNull(types, "types");
      types = types.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(types));
    }
  }

  /**
   * {@code {Type}?patient={id}&...}.
   *
   * @param type the record type searched, never null
   * @param params raw FHIR search parameters, already validated by the caller, each value exactly
   *     as the client sent it (possibly repeated); only {@link #PARAMETERS} are allowed. Never
   *     null, nor any key, list or value in it. They are passed on URL-encoded.
   */
  record Search(RecordType type, Map<String, List<String>> params) implements Query {

    /** The search parameters a hospital is asked for, besides {@code patient} and paging. */
    public static final Set<String> PARAMETERS = Set.of("date", "category", "code", "_lastUpdated");

    public Search {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(params, "params");
      Map<String, List<String>> copy = new LinkedHashMap<>();
      params.forEach((name, values) -> {
        if (!PARAMETERS.contains(name)) {
          throw new IllegalArgumentException("not a parameter passed to hospitals: " + name);
        }
        copy.put(name, List.copyOf(values));
      });
      params = Collections.unmodifiableMap(copy);
    }
  }

  /** Just the hospital's own Patient resource, as found by the linkage lookup. */
  record Demographics() implements Query {}
}
