package kr.hiway.gateway.release;

import java.util.List;
import kr.hiway.consent.pseudonym.PseudonymIndex;
import kr.hiway.gateway.audit.AuditRecord;
import kr.hiway.gateway.audit.AuditTrail;
import kr.hiway.gateway.audit.AuditUnavailableException;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.gateway.ledger.ConsentLedger;
import kr.hiway.gateway.ledger.LedgerCommits;
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
  public void refuse(Ask ask, Grant grant, String type) {
    String purpose = grant instanceof Grant.Consented c ? c.purpose().code() : null;
    try {
      audit.record(
          AuditRecord.refusal(ask.action(), ask.caller().clientId(), ask.caller().subject())
              .patient(grant.patientId())
              .purpose(purpose)
              .types(List.of(type))
              .reason("no active consent covers " + type)
              .query(ask.query())
              .build());
    } catch (AuditUnavailableException e) {
      throw new GatewayException(
          ErrorCode.AUDIT_UNAVAILABLE, "The access could not be recorded; try again later.");
    }
  }

  /**
   * Records {@code merged} as disclosed: returns once it may be released, or throws and nothing may
   * be.
   */
  public void record(Ask ask, Grant grant, Merged merged) {
    if (!(grant instanceof Grant.Consented c)) {
      AuditRecord own = event(ask, grant, merged).reason(OWN_ACCESS).build();
      // Nothing to enter in the ledger, but the audit event commits in a transaction shared with
      // other requests' (on PostgreSQL, one flush of the log for many reads).
      beforeRelease(() -> commits.commit(List.of(), () -> audit.record(own)));
      return;
    }
    AuditRecord event =
        event(ask, grant, merged)
            .purpose(c.purpose().code())
            .consents(c.consentIds())
            .reason("within consent")
            .build();
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

  private static AuditRecord.Builder event(Ask ask, Grant grant, Merged merged) {
    return AuditRecord.success(ask.action(), ask.caller().clientId(), ask.caller().subject())
        .patient(grant.patientId())
        .hospitals(merged.hospitals())
        .types(merged.types())
        .released(merged.records().size() + (merged.patient() == null ? 0 : 1))
        .withheld(merged.withheld())
        .query(ask.query());
  }

  private static GatewayException unavailable() {
    return new GatewayException(
        ErrorCode.AUDIT_UNAVAILABLE,
        "The access could not be recorded, so nothing is released; try again later.");
  }
}
