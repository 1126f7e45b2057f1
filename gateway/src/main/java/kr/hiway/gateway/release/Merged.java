package kr.hiway.gateway.release;

import java.util.List;
import java.util.Set;
import kr.hiway.consent.pseudonym.PseudonymMapping;
import kr.hiway.gateway.ledger.ConsentLedger;
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
 *     indexed before release); otherwise null
 */
public record Merged(
    List<Resource> records,
    Patient patient,
    OperationOutcome outcome,
    Set<String> hospitals,
    int withheld,
    Set<ConsentLedger.Basis> bases,
    PseudonymMapping pseudonym) {

  public Merged {
    bases = Set.copyOf(bases);
  }

  /** A result without consent decisions: the patient's own, or nothing at all. */
  public Merged(
      List<Resource> records,
      Patient patient,
      OperationOutcome outcome,
      Set<String> hospitals,
      int withheld) {
    this(records, patient, outcome, hospitals, withheld, Set.of(), null);
  }

  /** The record types released, for the audit. */
  List<String> types() {
    return records.stream().map(Resource::fhirType).distinct().sorted().toList();
  }
}
