package kr.hiway.gateway.release;

import java.util.List;
import java.util.Set;
import kr.hiway.consent.pseudonym.PseudonymMapping;
import kr.hiway.gateway.fanout.ReleasedRecord;
import kr.hiway.gateway.ledger.ConsentLedger;

/**
 * What one hospital's task lets through, made in that task and merged after the fan-out.
 *
 * @param records the records, in the hospital's order
 * @param withheld how many records consent decisions withheld
 * @param bases the consent, hospital and type behind each record decided for a third party
 * @param pseudonym the mapping behind the pseudonyms in {@code records}, or null if there are none
 */
record Permitted(
    List<ReleasedRecord> records,
    int withheld,
    Set<ConsentLedger.Basis> bases,
    PseudonymMapping pseudonym) {

  /** Every record, with nothing decided: the patient's own. */
  static Permitted all(List<ReleasedRecord> records) {
    return new Permitted(records, 0, Set.of(), null);
  }
}
