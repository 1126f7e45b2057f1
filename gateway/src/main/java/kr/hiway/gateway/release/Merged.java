package kr.hiway.gateway.release;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import kr.hiway.consent.pseudonym.PseudonymMapping;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.gateway.fanout.FanOutSettings;
import kr.hiway.gateway.fanout.HospitalResult;
import kr.hiway.gateway.fanout.ReleasedRecord;
import kr.hiway.gateway.ledger.ConsentLedger;
import kr.hiway.vocabulary.ErrorCode;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * What the hospitals answered for one query, merged.
 *
 * @param records the records, in hospital order, then each hospital's own order
 * @param patient the Patient composed from the hospitals' demographics, or null if none answered
 *     with one
 * @param outcome one issue per hospital that did not answer fully, or null if all did
 * @param hospitals the hospitals whose records are in {@code records}
 * @param withheld how many records consent decisions withheld
 * @param bases for a third party, the consent, hospital and type behind each released record
 * @param pseudonym for a research recipient, the mapping behind the pseudonym it receives (to be
 *     indexed before release), even when no record is released: the answer's links name the patient
 *     by it; otherwise null
 */
public record Merged(
    List<ReleasedRecord> records,
    Patient patient,
    OperationOutcome outcome,
    Set<String> hospitals,
    int withheld,
    Set<ConsentLedger.Basis> bases,
    PseudonymMapping pseudonym) {

  public Merged {
    bases = Set.copyOf(bases);
  }

  /** Nothing at all: no hospital was asked. */
  public static Merged nothing() {
    return new Merged(List.of(), null, null, Set.of(), 0, Set.of(), null);
  }

  /** One record of the patient's own, read by id at {@code hospital}. */
  public static Merged read(String hospital, Resource record) {
    return new Merged(
        List.of(new ReleasedRecord.Parsed(record)),
        null,
        null,
        Set.of(hospital),
        0,
        Set.of(),
        null);
  }

  /** This answer, with the research recipient's pseudonym of the patient. */
  Merged withPseudonym(PseudonymMapping mapping) {
    return new Merged(records, patient, outcome, hospitals, withheld, bases, mapping);
  }

  /** Only an outcome: every hospital was left out before it was asked. */
  static Merged notAsked(OperationOutcome outcome) {
    return new Merged(List.of(), null, outcome, Set.of(), 0, Set.of(), null);
  }

  /**
   * The merge: each hospital's part in hospital order, its failure as an issue of {@code outcome}.
   * If every hospital asked failed, nothing is answered at all (503, or 504 when they all timed
   * out) rather than an empty result that would read as "no records".
   *
   * @param outcome the issues so far (hospitals not asked); the merge adds to it
   */
  static Merged merge(
      PagedQuery q, Grant grant, OperationOutcome outcome, List<HospitalResult<Permitted>> parts) {
    return merge(q, grant, outcome, parts, true);
  }

  /**
   * As {@link #merge(PagedQuery, Grant, OperationOutcome, List)}; the Patient is composed only if
   * {@code firstPage} (a paged answer has it on its first page alone).
   */
  static Merged merge(
      PagedQuery q,
      Grant grant,
      OperationOutcome outcome,
      List<HospitalResult<Permitted>> parts,
      boolean firstPage) {
    List<ReleasedRecord> records = new ArrayList<>();
    List<Patient> demographics = new ArrayList<>();
    Set<String> hospitals = new TreeSet<>();
    Set<ConsentLedger.Basis> bases = new HashSet<>();
    PseudonymMapping pseudonym = null;
    int withheld = 0;
    int failed = 0;
    int timedOut = 0;
    for (HospitalResult<Permitted> part : parts) {
      switch (part) {
        case HospitalResult.Answered<Permitted> a -> {
          Permitted permitted = a.released();
          for (ReleasedRecord r : permitted.records()) {
            if (r instanceof ReleasedRecord.Parsed(Patient p)) {
              demographics.add(p);
            } else {
              records.add(r);
              hospitals.add(a.hospitalCode());
            }
          }
          withheld += permitted.withheld();
          // Only what is released counts: a research release may leave out every record decided.
          if (hospitals.contains(a.hospitalCode())) {
            bases.addAll(permitted.bases());
            pseudonym = pseudonym == null ? permitted.pseudonym() : pseudonym;
          }
        }
        case HospitalResult.Failed<Permitted> f -> {
          failed++;
          HospitalIssue issue = HospitalIssue.of(f.failure());
          if (issue == HospitalIssue.TIMEOUT) {
            timedOut++;
          }
          issue.addTo(outcome, f.hospitalCode(), f.detail());
        }
      }
    }
    if (failed == parts.size()) {
      throw (failed == timedOut
              ? new GatewayException(
                  ErrorCode.ALL_HOSPITALS_TIMED_OUT, "No hospital answered in time.")
              : new GatewayException(ErrorCode.ALL_HOSPITALS_FAILED, "No hospital could answer."))
          .retryAfter(FanOutSettings.BREAKER_OPEN);
    }
    Patient composed =
        firstPage && q.withPatient() && grant instanceof Grant.Own
            ? PatientComposer.compose(q.patientId(), demographics)
            : null;
    return new Merged(
        records,
        composed,
        outcome.hasIssue() ? outcome : null,
        hospitals,
        withheld,
        bases,
        pseudonym);
  }

  /** The record types released, for the audit. */
  List<String> types() {
    return records.stream().map(ReleasedRecord::type).distinct().sorted().toList();
  }
}
