package kr.hiway.gateway.error;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.io.Serial;
import kr.hiway.vocabulary.ErrorCode;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;

/**
 * An error the gateway answers with: its HTTP status and an {@code OperationOutcome} carrying the
 * stable code and a message safe for any client (no token, identifier, SQL or hospital address).
 */
public final class GatewayException extends BaseServerResponseException {

  @Serial private static final long serialVersionUID = 1L;

  private final transient ErrorCode error;

  public GatewayException(ErrorCode error, String message) {
    this(error, message, outcome(error, message));
  }

  /** With an outcome made elsewhere (several issues); each issue gets the error's code. */
  public GatewayException(ErrorCode error, String message, OperationOutcome outcome) {
    super(error.status(), message, withCode(error, outcome));
    this.error = error;
  }

  private static OperationOutcome withCode(ErrorCode error, OperationOutcome outcome) {
    for (OperationOutcome.OperationOutcomeIssueComponent issue : outcome.getIssue()) {
      if (!issue.getDetails().hasCoding()) {
        issue.getDetails().addCoding(new Coding(ErrorCode.SYSTEM, error.code(), null));
      }
    }
    return outcome;
  }

  /**
   * Adds {@code Retry-After} in whole seconds (at least 1): when the client may expect another
   * answer.
   */
  public GatewayException retryAfter(java.time.Duration wait) {
    addResponseHeader("Retry-After", Long.toString(Math.max(1, wait.toSeconds())));
    return this;
  }

  public ErrorCode error() {
    return error;
  }

  /** An outcome with one error issue of that code. */
  public static OperationOutcome outcome(ErrorCode error, String message) {
    OperationOutcome outcome = new OperationOutcome();
    outcome
        .addIssue()
        .setSeverity(IssueSeverity.ERROR)
        .setCode(error.issueType())
        .setDetails(new CodeableConcept(new Coding(ErrorCode.SYSTEM, error.code(), null)))
        .setDiagnostics(message);
    return outcome;
  }
}
