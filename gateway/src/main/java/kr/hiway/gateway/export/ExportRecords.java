package kr.hiway.gateway.export;

import java.util.List;
import kr.hiway.gateway.audit.AuditAction;
import kr.hiway.gateway.audit.AuditRecord;
import kr.hiway.gateway.audit.AuditTrail;
import kr.hiway.gateway.ledger.ConsentLedger;
import org.springframework.stereotype.Component;

/**
 * What an export leaves behind beyond its persons' disclosures (which the release path records per
 * person): one audit event when it is held for review, one when it is released or rejected, with
 * the risk report and the counts. Thread-safe.
 */
@Component
class ExportRecords {

  private final AuditTrail audit;
  private final ConsentLedger ledger;

  ExportRecords(AuditTrail audit, ConsentLedger ledger) {
    this.audit = audit;
    this.ledger = ledger;
  }

  /** The export stopped before release: reaching k suppresses more than allowed. */
  void awaitingReview(String id, String recipient, String risk) {
    audit.record(
        AuditRecord.refusal(AuditAction.OPERATION, recipient, recipient)
            .reason("cohort export " + id + " held for review: " + risk)
            .build());
  }

  /**
   * The export's files are released, by its own assessment ({@code reviewer} null) or a reviewer's
   * approval. Returns once recorded; if that fails, nothing is released.
   */
  void released(
      String id,
      String recipient,
      String risk,
      List<ExportJobs.TypeCount> counts,
      Reviewer reviewer) {
    long resources = counts.stream().mapToLong(ExportJobs.TypeCount::count).sum();
    String by =
        reviewer == null ? "" : "; approved by " + reviewer.subject() + ": " + reviewer.reason();
    // The export and its risk report in the consent ledger, before anything is released: the
    // regulator's record of what left, beside each person's disclosure entry.
    ledger.cohortExported(
        recipient,
        id,
        risk,
        counts.stream().map(ExportJobs.TypeCount::type).toList(),
        resources,
        reviewer == null ? null : reviewer.subject());
    audit.record(
        AuditRecord.success(AuditAction.OPERATION, recipient, recipient)
            .types(counts.stream().map(ExportJobs.TypeCount::type).toList())
            .released((int) Math.min(Integer.MAX_VALUE, resources))
            .reason("cohort export " + id + " released: " + risk + by)
            .build());
    if (reviewer != null) {
      audit.record(
          AuditRecord.success(AuditAction.OPERATION, reviewer.clientId(), reviewer.subject())
              .byStaff()
              .reason(
                  "approved cohort export " + id + " of " + recipient + ": " + reviewer.reason())
              .build());
    }
  }

  /** A reviewer refused the release; the files are dropped. */
  void rejected(String id, String recipient, String risk, Reviewer reviewer) {
    audit.record(
        AuditRecord.success(AuditAction.OPERATION, reviewer.clientId(), reviewer.subject())
            .byStaff()
            .reason(
                "rejected cohort export "
                    + id
                    + " of "
                    + recipient
                    + ": "
                    + reviewer.reason()
                    + "; "
                    + risk)
            .build());
  }
}
