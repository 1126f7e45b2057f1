package kr.hiway.consent.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import kr.hiway.consent.model.SensitiveClass;
import kr.hiway.consent.model.TimeRange;
import kr.hiway.vocabulary.RecordType;

/**
 * What a request's consents cover at all, so that the gateway asks only the hospitals, kinds and
 * dates that could be released. It narrows the fan-out; it does not replace the decision on each
 * record, which still applies the data period per consent and the sensitive classes.
 *
 * <p>Immutable and thread-safe. Arguments must not be null.
 */
public final class CoveredScope {

  private static final String NOT_CONSENTED = "not consented: ";

  private final List<Candidate> parts;
  private final String noneReason;

  private CoveredScope(List<Candidate> parts, String noneReason) {
    this.parts = List.copyOf(parts);
    this.noneReason = noneReason;
  }

  static CoveredScope of(List<Candidate> inForce, String noneReason) {
    return new CoveredScope(inForce, noneReason);
  }

  /** Whether nothing at all is covered, so that no hospital need be asked. */
  public boolean isEmpty() {
    return parts.isEmpty();
  }

  /**
   * Whether a record may be withheld for a sensitive class: some consent leaves a class unnamed.
   * Only then need records that are not released (Conditions, Encounters) be fetched to classify
   * those that are.
   */
  public boolean withholdsSomeClass() {
    int all = Candidate.mask(EnumSet.allOf(SensitiveClass.class));
    return parts.stream().anyMatch(p -> (p.classes & all) != all);
  }

  /** Whether every hospital is covered (some consent names no custodian). */
  public boolean allHospitals() {
    return parts.stream().anyMatch(p -> p.allHospitals);
  }

  /** The hospitals named, sorted; meaningful when {@link #allHospitals()} is false. */
  public Set<String> hospitals() {
    Set<String> out = new TreeSet<>();
    parts.forEach(p -> out.addAll(p.hospitals));
    return out;
  }

  /** Whether some record at the hospital may be released. */
  public boolean covers(String hospitalCode) {
    return parts.stream().anyMatch(p -> p.coversHospital(hospitalCode));
  }

  /** The kinds covered at any hospital. */
  public Set<RecordType> types() {
    return typesWhere(null);
  }

  /** The kinds covered at this hospital; empty if it is not covered. */
  public Set<RecordType> typesAt(String hospitalCode) {
    return typesWhere(hospitalCode);
  }

  /**
   * The data periods covered at this hospital, merged and sorted; {@link TimeRange#ALWAYS} alone
   * when some covering consent has no data period, empty when the hospital is not covered.
   */
  public List<TimeRange> dataPeriodsAt(String hospitalCode) {
    List<TimeRange> ranges = new ArrayList<>();
    for (Candidate p : parts) {
      if (p.coversHospital(hospitalCode)) {
        ranges.add(p.dataPeriod);
      }
    }
    return merge(ranges);
  }

  /** Why no record at the hospital may be released; empty when some may. */
  public Optional<String> whyNotCovered(String hospitalCode) {
    if (covers(hospitalCode)) {
      return Optional.empty();
    }
    if (parts.isEmpty()) {
      return Optional.of(NOT_CONSENTED + noneReason);
    }
    return Optional.of(
        NOT_CONSENTED + "no consent in force for this purpose covers hospital " + hospitalCode);
  }

  /** Of these hospitals, those not covered, each with its reason, in the order given. */
  public Map<String, String> uncovered(Collection<String> hospitalCodes) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String h : hospitalCodes) {
      whyNotCovered(h).ifPresent(why -> out.put(h, why));
    }
    return out;
  }

  /** The ids of the consents in force for this request, in the order given. */
  public List<String> consentIds() {
    return parts.stream().map(p -> p.id).toList();
  }

  private Set<RecordType> typesWhere(String hospitalCode) {
    Set<RecordType> out = EnumSet.noneOf(RecordType.class);
    for (Candidate p : parts) {
      if (hospitalCode == null || p.coversHospital(hospitalCode)) {
        out.addAll(p.terms.resourceTypes());
      }
    }
    return out;
  }

  static List<TimeRange> merge(List<TimeRange> ranges) {
    List<TimeRange> sorted = new ArrayList<>(ranges);
    sorted.sort(
        Comparator.comparing(TimeRange::start, Comparator.nullsFirst(Comparator.naturalOrder())));
    List<TimeRange> out = new ArrayList<>();
    for (TimeRange r : sorted) {
      TimeRange last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null
          && (last.end() == null || r.start() == null || !r.start().isAfter(last.end()))) {
        Instant end = last.end() == null || r.end() == null ? null : max(last.end(), r.end());
        out.set(out.size() - 1, new TimeRange(last.start(), end));
      } else {
        out.add(r);
      }
    }
    return List.copyOf(out);
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
