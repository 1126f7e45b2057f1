package kr.hiway.gateway.release;

import java.util.List;
import kr.hiway.consent.pseudonym.PseudonymIndex;
import kr.hiway.gateway.audit.AuditRecord;
import kr.hiway.gateway.audit.AuditTrail;
import kr.hiway.gateway.audit.AuditUnavailableException;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.gateway.ledger.ConsentLedger;
import kr.hiway.gateway.ledger.LedgerCommits;
import kr.hiway.gateway.security.Caller;
import kr.hiway.vocabulary.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * Records a disclosure before it is released: the answer goes out only once its audit event is
 * written, and, for a third party, its consent-ledger entries and the pseudonym mapping of a
 * research release too, all in one transaction (shared with other disclosures': see {@code
 * LedgerCommits}). If any of it cannot be written, the answer is a 503 and nothing is released.
 */
@Component
public class Disclosures {

  private static final Logger log = LoggerFactory.getLogger(Disclosures.class);
  private static final String OWN_ACCESS = "the patient's own access";

  private final AuditTrail audit;
  private final ConsentLedger ledger;
  private final LedgerCommits commits;
  private final PseudonymIndex pseudonyms;

  Disclosures(
      AuditTrail audit, ConsentLedger ledger, LedgerCommits commits, PseudonymIndex pseudonyms) {
    this.audit = audit;
    this.ledger = ledger;
    this.commits = commits;
    this.pseudonyms = pseudonyms;
  }

  /** Audits a refusal after consent was checked (a type no consent covers). */
  public void refuse(Caller caller, Grant grant, String action, String query, String type) {
    String purpose = grant instanceof Grant.Consented c ? c.purpose().code() : null;
    try {
      audit.record(
          new AuditRecord(
              action,
              false,
              grant.patientId(),
              caller.clientId(),
              caller.subject(),
              purpose,
              List.of(),
              List.of(),
              List.of(type),
              0,
              0,
              "no active consent covers " + type,
              query,
              false));
    } catch (AuditUnavailableException e) {
      throw new GatewayException(
          ErrorCode.AUDIT_UNAVAILABLE, "The access could not be recorded; try again later.");
    }
  }

  public Merged release(Caller caller, Grant grant, String action, String query, Merged merged) {
    int released = merged.records().size() + (merged.patient() == null ? 0 : 1);
    if (!(grant instanceof Grant.Consented c)) {
      AuditRecord own =
          event(caller, grant, null, List.of(), action, query, merged, released, OWN_ACCESS);
      // Nothing to enter in the ledger, but the audit event commits in a transaction shared with
      // other requests' (on PostgreSQL, one flush of the log for many reads).
      beforeRelease(() -> commits.commit(List.of(), () -> audit.record(own)));
      return merged;
    }
    AuditRecord event =
        event(
            caller,
            grant,
            c.purpose().code(),
            c.consentIds(),
            action,
            query,
            merged,
            released,
            "within consent");
    beforeRelease(() ->
        ledger.disclosed(
            c.patientId(),
            c.recipient(),
            c.purpose().code(),
            merged.bases(),
            () -> {
              audit.record(event);
              if (merged.pseudonym() != null) {
                pseudonyms.record(merged.pseudonym());
              }
            }));
    return merged;
  }

  /**
   * Runs {@code record}, which writes what a release must leave behind; if it fails, nothing is
   * released (503). An audit write that failed has said so in the log already.
   */
  private static void beforeRelease(Runnable record) {
    try {
      record.run();
    } catch (AuditUnavailableException e) {
      throw unavailable();
    } catch (DataAccessException | TransactionException | IllegalStateException e) {
      log.error("a release could not be recorded; nothing is released", e);
      throw unavailable();
    }
  }

  private static AuditRecord event(
      Caller caller,
      Grant grant,
      String purpose,
      List<String> consentIds,
      String action,
      String query,
      Merged merged,
      int released,
      String reason) {
    return new AuditRecord(
        action,
        true,
        grant.patientId(),
        caller.clientId(),
        caller.subject(),
        purpose,
        consentIds,
        List.copyOf(merged.hospitals()),
        merged.types(),
        released,
        merged.withheld(),
        reason,
        query,
        false);
  }

  private static GatewayException unavailable() {
    return new GatewayException(
        ErrorCode.AUDIT_UNAVAILABLE,
        "The access could not be recorded, so nothing is released; try again later.");
  }
}
