package kr.hiway.consent.decision;

import java.time.Instant;
import java.util.Set;
import kr.hiway.consent.model.ConsentTerms;
import kr.hiway.consent.model.SensitiveClass;
import kr.hiway.consent.model.TimeRange;
import kr.hiway.vocabulary.RecordType;

/**
 * A consent already known to be in force for this request's recipient, patient and purpose, in the
 * form a per-record check needs: bit masks for kinds and classes, and its outcomes made once.
 * Thread-safe: immutable but for a cache of immutable decisions, where a racing duplicate is
 * harmless.
 */
final class Candidate {

  static final int MISS_KIND = 1;
  static final int MISS_HOSPITAL = 2;
  static final int MISS_NO_DATE = 3;
  static final int MISS_DATE = 4;

  final ConsentTerms terms;
  final String id;
  final int kinds;
  final int classes;
  final boolean allHospitals;
  final Set<String> hospitals;
  final TimeRange dataPeriod;
  final Decision.Permit permit;
  final Decision.Abstain namesClasses;

  private final Decision.Deny[] sensitiveDenies =
      new Decision.Deny[1 << SensitiveClass.values().length];

  Candidate(ConsentTerms terms) {
    this.terms = terms;
    this.id = terms.id();
    this.kinds = mask(terms.resourceTypes());
    this.classes = mask(terms.sensitiveClassesAllowed());
    this.allHospitals = terms.allHospitals();
    this.hospitals = terms.custodians();
    this.dataPeriod = terms.dataPeriod();
    this.permit =
        new Decision.Permit(
            ConsentVoter.NAME,
            id,
            "consent " + id + " covers the recipient, purpose, record type, hospital and date");
    this.namesClasses =
        new Decision.Abstain(
            SensitiveClassVoter.NAME, id, "consent " + id + " names the record's classes");
  }

  boolean covers(RecordType kind, String hospital, Instant dataDate) {
    return (kinds & bit(kind)) != 0 && coversHospital(hospital) && coversDate(dataDate);
  }

  boolean coversHospital(String hospital) {
    return allHospitals || hospitals.contains(hospital);
  }

  boolean coversDate(Instant dataDate) {
    // A record without a date cannot be shown to fall inside a bounded data period.
    return !dataPeriod.isBounded() || (dataDate != null && dataPeriod.contains(dataDate));
  }

  boolean names(int classMask) {
    return (classes & classMask) == classMask;
  }

  /** Why this consent does not cover the record, as a MISS code; 0 when it does. */
  int miss(RecordType kind, String hospital, Instant dataDate) {
    if ((kinds & bit(kind)) == 0) {
      return MISS_KIND;
    }
    if (!coversHospital(hospital)) {
      return MISS_HOSPITAL;
    }
    if (!coversDate(dataDate)) {
      return dataDate == null ? MISS_NO_DATE : MISS_DATE;
    }
    return 0;
  }

  String explainMiss(int miss, RecordType kind, String hospital) {
    return switch (miss) {
      case MISS_KIND -> "consent " + id + " does not grant " + kind.fhirType();
      case MISS_HOSPITAL -> "consent " + id + " does not cover hospital " + hospital;
      case MISS_NO_DATE -> "consent " + id + " limits the data period and the record has no date";
      default -> "consent " + id + " does not cover the record's date";
    };
  }

  /** The deny of a record in these classes that this consent covers but does not name them. */
  Decision.Deny sensitiveDeny(int classMask) {
    Decision.Deny d = sensitiveDenies[classMask];
    if (d == null) {
      d =
          new Decision.Deny(
              SensitiveClassVoter.NAME,
              id,
              "the record is in sensitive class "
                  + labels(classMask)
                  + ", which consent "
                  + id
                  + " does not name");
      sensitiveDenies[classMask] = d;
    }
    return d;
  }

  static int bit(Enum<?> e) {
    return 1 << e.ordinal();
  }

  static int mask(Set<? extends Enum<?>> set) {
    int m = 0;
    for (Enum<?> e : set) {
      m |= bit(e);
    }
    return m;
  }

  static String labels(int classMask) {
    StringBuilder s = new StringBuilder();
    for (SensitiveClass c : SensitiveClass.values()) {
      if ((classMask & bit(c)) != 0) {
        s.append(s.isEmpty() ? "" : ", ").append(c.label());
      }
    }
    return s.toString();
  }
}
