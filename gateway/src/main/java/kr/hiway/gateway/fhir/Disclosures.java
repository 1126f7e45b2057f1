package kr.hiway.gateway.fhir;

import java.util.List;
import kr.hiway.gateway.audit.AuditRecord;
import kr.hiway.gateway.audit.AuditTrail;
import kr.hiway.gateway.audit.AuditUnavailableException;
import kr.hiway.gateway.security.Caller;
import org.springframework.stereotype.Component;

/**
 * Audits a disclosure before it is released: the answer goes out only once its audit event is
 * written; if it cannot be written, the answer is a 503 and nothing is released.
 */
@Component
class Disclosures {

  private final AuditTrail audit;

  Disclosures(AuditTrail audit) {
    this.audit = audit;
  }

  /** Audits a refusal after consent was checked (a type no consent covers). */
  void refuse(Caller caller, Grant grant, String action, String query, String type) {
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
              query));
    } catch (AuditUnavailableException e) {
      throw new GatewayException(
          GatewayError.AUDIT_UNAVAILABLE, "The access could not be recorded; try again later.");
    }
  }

  Merged release(Caller caller, Grant grant, String action, String query, Merged merged) {
    String purpose = grant instanceof Grant.Consented c ? c.purpose().code() : null;
    List<String> consentIds = grant instanceof Grant.Consented c ? c.consentIds() : List.of();
    int released = merged.records().size() + (merged.patient() == null ? 0 : 1);
    try {
      audit.record(
          new AuditRecord(
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
              grant instanceof Grant.Own ? "the patient's own access" : "within consent",
              query));
    } catch (AuditUnavailableException e) {
      throw new GatewayException(
          GatewayError.AUDIT_UNAVAILABLE,
          "The access could not be recorded, so nothing is released; try again later.");
    }
    return merged;
  }
}
