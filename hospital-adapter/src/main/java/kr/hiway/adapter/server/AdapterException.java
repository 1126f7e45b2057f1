package kr.hiway.adapter.server;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import kr.hiway.vocabulary.ErrorCode;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;

/**
 * An error the adapter answers with: the HTTP status, and an {@code OperationOutcome} that carries
 * the stable code in {@code issue.details} and a message safe to show to any client.
 */
final class AdapterException extends BaseServerResponseException {

  private final ErrorCode error;

  AdapterException(ErrorCode error, String message) {
    super(error.status(), message, outcome(error, message));
    this.error = error;
  }

  ErrorCode error() {
    return error;
  }

  static OperationOutcome outcome(ErrorCode error, String message) {
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
