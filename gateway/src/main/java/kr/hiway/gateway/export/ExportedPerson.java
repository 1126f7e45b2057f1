package kr.hiway.gateway.export;

import java.util.Map;
import org.hl7.fhir.r4.model.Patient;

/**
 * One person's part of an export, once retrieved: their records are stored already (as parts {@code
 * seq}), their Patient waits for the risk assessment.
 *
 * @param seq the person's place in the export
 * @param patient the pseudonymized Patient, before any generalization
 * @param counts how many resources of each type were stored
 */
record ExportedPerson(int seq, Patient patient, Map<String, Integer> counts) {

  long resources() {
    return counts.values().stream().mapToLong(Integer::longValue).sum();
  }
}
