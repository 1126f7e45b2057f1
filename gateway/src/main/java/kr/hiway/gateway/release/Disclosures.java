package kr.hiway.gateway.release;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import kr.hiway.consent.pseudonym.PseudonymIndex;
import kr.hiway.gateway.audit.AuditRecord;
import kr.hiway.gateway.audit.AuditTrail;
import kr.hiway.gateway.audit.AuditUnavailableException;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.gateway.error.Refusals;
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
 * durable, and, for a third party, its consent-ledger entries and the pseudonym mapping of a
 * research release too, all in one transaction (shared with other disclosures': see {@code
 * LedgerCommits}). If any of it cannot be written, the answer is a 503 and nothing is released.
 *
 * <p><b>The patient's own access</b> is recorded on PostgreSQL in two steps, so that the commit
 * waits behind the hospitals instead of after them ({@code docs/audit.md}); on the demo's embedded
 * H2, whose commit is nearly free, in one step, after the fetch. The two steps:
 *
 * <ol>
 *   <li>{@link #open}, before the hospitals are asked: a pending access record (who, for which
 *       patient, what query, granted) is queued for the group commit and commits while the
 *       hospitals answer;
 *   <li>{@link #record(Ask, Grant, Merged, Opened)}: waits until that record is durable (if it
 *       cannot be written: 503, nothing released), then lets the answer go and queues the record's
 *       completion (what was released and withheld, from which hospitals) without waiting for it;
 *   <li>{@link #abandon}: a request that ends without a release completes its record as such.
 * </ol>
 *
 * A record whose completion is lost (the instance died after the release) stays pending, and is
 * read as an access with an incomplete outcome: the evidence of the access is never missing.
 *
 * <p>A third party's disclosure is recorded in one step, after the consent decisions, as its ledger
 * entries name the consents the released records rest on.
 */
@Component
public class Disclosures {

  private static final Logger log = LoggerFactory.getLogger(Disclosures.class);
  private static final String OWN_ACCESS = "the patient's own access";

  /** A pending access record, or {@link #NONE} where the disclosure is recorded in one step. */
  public static final class Opened {
    static final Opened NONE = new Opened(null, null, null, null);

    private final AuditTrail.Row row;
    private final AuditRecord.Builder access;
    private final LedgerCommits.Replaceable queued;
    private final CompletableFuture<?> durable;

    private Opened(
        AuditTrail.Row row, AuditRecord.Builder access, LedgerCommits.Replaceable queued) {
      this(row, access, queued, queued.done());
    }

    private Opened(
        AuditTrail.Row row,
        AuditRecord.Builder access,
        LedgerCommits.Replaceable queued,
        CompletableFuture<?> durable) {
      this.row = row;
      this.access = access;
      this.queued = queued;
      this.durable = durable;
    }

    /**
     * Puts {@code record} in the place of the pending access record if its commit has not begun:
     * one complete row, so nothing is left to complete.
     */
    boolean replacedBy(AuditRecord record) {
      return queued != null
          && queued.replace(row, new AuditTrail.Row(row.id(), row.recorded(), record, false));
    }
  }

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
    refuse(ask, grant, List.of(type));
  }

  /** As {@link #refuse(Ask, Grant, String)}, for several types asked at once. */
  public void refuse(Ask ask, Grant grant, List<String> types) {
    String purpose = grant instanceof Grant.Consented c ? c.purpose().code() : null;
    AuditRecord refusal =
        AuditRecord.refusal(ask.action(), ask.caller().clientId(), ask.caller().subject())
            .patient(grant.patientId())
            .purpose(purpose)
            .types(List.copyOf(types))
            .reason("no active consent covers " + String.join(", ", types))
            .query(ask.query())
            .build();
    try {
      commits.commit(List.of(), List.of(audit.row(refusal, false)), null);
      Refusals.audited();
    } catch (RuntimeException e) {
      log.error("a refusal could not be recorded", e);
      throw new GatewayException(
          ErrorCode.AUDIT_UNAVAILABLE, "The access could not be recorded; try again later.");
    }
  }

  /**
   * Before the hospitals are asked: for the patient's own access, queues its pending access record
   * and returns at once; for a third party, {@link Opened#NONE}.
   */
  public Opened open(Ask ask, Grant grant) {
    if (grant instanceof Grant.Consented || !audit.onPostgres()) {
      // On the demo's embedded H2 a commit costs 0.03 ms: there is nothing to hide, and one row
      // per request costs less than two.
      return Opened.NONE;
    }
    AuditRecord.Builder access =
        AuditRecord.success(ask.action(), ask.caller().clientId(), ask.caller().subject())
            .patient(grant.patientId())
            .reason(OWN_ACCESS)
            .query(ask.query());
    AuditTrail.Row row = audit.row(access.build(), true);
    try {
      return new Opened(row, access, commits.submitReplaceable(row));
    } catch (IllegalStateException e) {
      // Closing: the request is refused when it would be released.
      return new Opened(row, access, null, CompletableFuture.failedFuture(e));
    }
  }

  /**
   * Records {@code merged} as disclosed, for a request that {@link #open opened} nothing: returns
   * once it may be released, or throws and nothing may be.
   */
  public void record(Ask ask, Grant grant, Merged merged) {
    record(ask, grant, merged, Opened.NONE);
  }

  /**
   * Records {@code merged} as disclosed: returns once it may be released, or throws and nothing may
   * be. With a pending record from {@link #open}, waits until that is durable and queues its
   * completion.
   */
  public void record(Ask ask, Grant grant, Merged merged, Opened opened) {
    if (opened != Opened.NONE) {
      AuditRecord outcome = outcome(opened.access, merged).build();
      // Its commit not yet begun (under load, while a batch gathers): the record is written whole.
      boolean whole = opened.replacedBy(outcome);
      beforeRelease(() -> LedgerCommits.await(opened.durable));
      if (!whole) {
        complete(opened, outcome);
      }
      return;
    }
    if (!(grant instanceof Grant.Consented c)) {
      AuditRecord own = event(ask, grant, merged).reason(OWN_ACCESS).build();
      // Nothing to enter in the ledger, but the audit event commits in a transaction shared with
      // other requests' (on PostgreSQL, one flush of the log for many reads).
      beforeRelease(() -> commits.commit(List.of(), List.of(audit.row(own, false)), null));
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
            audit.row(event, false),
            () -> {
              if (merged.pseudonym() != null) {
                pseudonyms.record(merged.pseudonym());
              }
            }));
  }

  /**
   * The request of {@code opened} ends without a release ({@code why}: its error): completes the
   * record as a failure, without waiting. Does nothing for {@link Opened#NONE}.
   */
  public void abandon(Opened opened, RuntimeException why) {
    if (opened == Opened.NONE) {
      return;
    }
    // The access record was queued before the fan-out: its failed outcome is this request's trace.
    Refusals.audited();
    String reason =
        "nothing released: "
            + (why instanceof GatewayException g ? g.error().code() + " " : "")
            + why.getMessage();
    AuditRecord failed =
        AuditRecord.refusal(
                opened.row.record().action(),
                opened.row.record().clientId(),
                opened.row.record().subject())
            .patient(opened.row.record().patientId())
            .reason(reason)
            .query(opened.row.record().query())
            .build();
    if (opened.replacedBy(failed)) {
      return; // written whole, as a refusal, in the place of the access record
    }
    // Completed once the access record is durable; if it never was, there is nothing to complete.
    opened.durable.thenRun(() -> complete(opened, failed));
  }

  private void complete(Opened opened, AuditRecord outcome) {
    try {
      commits
          .submit(
              List.of(),
              List.of(),
              List.of(new AuditTrail.Completion(opened.row.id(), outcome)),
              null)
          .exceptionally(e -> {
            log.warn(
                "audit event {} could not be completed; it stays pending (outcome incomplete)",
                opened.row.id(),
                e);
            return null;
          });
    } catch (IllegalStateException e) {
      log.warn("audit event {} not completed: closing; it stays pending", opened.row.id());
    }
  }

  private static AuditRecord.Builder outcome(AuditRecord.Builder access, Merged merged) {
    return access
        .hospitals(merged.hospitals())
        .types(merged.types())
        .released(merged.records().size() + (merged.patient() == null ? 0 : 1))
        .withheld(merged.withheld());
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
