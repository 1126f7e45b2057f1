package kr.hiway.gateway.release;

import kr.hiway.gateway.fanout.Failure;
import kr.hiway.vocabulary.ErrorCode;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Why a hospital's records are missing from an answer that is otherwise complete. Each becomes one
 * issue of the Bundle's outcome entry; the codes are stable like {@link ErrorCode}'s.
 */
enum HospitalIssue {
  TIMEOUT("HIW-G020", IssueType.TIMEOUT, "did not answer in time"),
  UNAVAILABLE("HIW-G021", IssueType.TRANSIENT, "is unavailable"),
  INVALID_RESPONSE("HIW-G022", IssueType.PROCESSING, "sent an answer that was not valid"),
  REFUSED("HIW-G023", IssueType.FORBIDDEN, "refused the request"),
  NOT_CONSENTED("HIW-G024", IssueType.SUPPRESSED, "is not covered by a consent");

  private final String code;
  private final IssueType type;
  private final String phrase;

  HospitalIssue(String code, IssueType type, String phrase) {
    this.code = code;
    this.type = type;
    this.phrase = phrase;
  }

  String code() {
    return code;
  }

  IssueType type() {
    return type;
  }

  String phrase() {
    return phrase;
  }

  /** Adds this issue, for {@code hospital}, to {@code outcome}. */
  void addTo(OperationOutcome outcome, String hospital, String detail) {
    outcome
        .addIssue()
        .setSeverity(IssueSeverity.WARNING)
        .setCode(type)
        .setDetails(new CodeableConcept(new Coding(ErrorCode.SYSTEM, code, null)).setText(hospital))
        .setDiagnostics("Hospital " + hospital + " " + phrase + ": " + detail);
  }

  static HospitalIssue of(Failure failure) {
    return switch (failure) {
      case TIMEOUT -> TIMEOUT;
      case UNAVAILABLE, CIRCUIT_OPEN -> UNAVAILABLE;
      case INVALID_RESPONSE -> INVALID_RESPONSE;
      case REFUSED -> REFUSED;
    };
  }
}
