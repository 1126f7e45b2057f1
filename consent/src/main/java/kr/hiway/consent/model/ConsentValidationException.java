package kr.hiway.consent.model;

import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.StringType;

/**
 * A submitted Consent the gateway will not store, with every problem found.
 *
 * <p>{@link #unparseable()} tells the two answers apart: the body is not a FHIR R4 Consent at all
 * (bad JSON, another resource type, an unknown element or an ill-formed value: HTTP 400), or it is
 * one but breaks this gateway's rules (HTTP 422). {@link #toOperationOutcome()} gives one issue per
 * problem with the field in {@code issue.expression}. The message carries no clinical data.
 */
public final class ConsentValidationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final boolean unparseable;
  private final transient List<ConsentProblem> problems;

  ConsentValidationException(boolean unparseable, List<ConsentProblem> problems) {
    super(summary(unparseable, problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a validation failure has at least one problem");
    }
    this.unparseable = unparseable;
    this.problems = List.copyOf(problems);
  }

  /** Whether the body could not be read as a FHIR R4 Consent (400) rather than being invalid. */
  public boolean unparseable() {
    return unparseable;
  }

  /** The HTTP status to answer with: 400 for an unparseable body, 422 for an invalid Consent. */
  public int httpStatus() {
    return unparseable ? 400 : 422;
  }

  /** The problems, in the order found; never empty. */
  public List<ConsentProblem> problems() {
    return problems;
  }

  /** An OperationOutcome with one error issue per problem; the gateway adds its own error code. */
  public OperationOutcome toOperationOutcome() {
    OperationOutcome outcome = new OperationOutcome();
    for (ConsentProblem p : problems) {
      outcome
          .addIssue()
          .setSeverity(IssueSeverity.ERROR)
          .setCode(unparseable ? IssueType.STRUCTURE : IssueType.INVARIANT)
          .setDiagnostics(p.message())
          .setExpression(List.of(new StringType(p.field())));
    }
    return outcome;
  }

  private static String summary(boolean unparseable, List<ConsentProblem> problems) {
    StringBuilder s =
        new StringBuilder(unparseable ? "not a FHIR R4 Consent: " : "invalid Consent: ");
    for (int i = 0; i < problems.size(); i++) {
      s.append(i == 0 ? "" : "; ").append(problems.get(i));
    }
    return s.toString();
  }
}
