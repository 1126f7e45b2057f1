package kr.hiway.gateway.fhir;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * The gateway's stable error codes, carried in {@code OperationOutcome.issue.details}. A code never
 * changes meaning once published; add new ones rather than reuse old ones.
 */
public enum GatewayError {
  NOT_AUTHENTICATED("HIW-G001", 401, IssueType.LOGIN),
  INVALID_TOKEN("HIW-G002", 401, IssueType.LOGIN),
  OTHER_PATIENT("HIW-G003", 403, IssueType.FORBIDDEN),
  INSUFFICIENT_SCOPE("HIW-G004", 403, IssueType.FORBIDDEN),
  UNSUPPORTED_PARAMETER("HIW-G005", 400, IssueType.NOTSUPPORTED),
  INVALID_PARAMETER("HIW-G006", 400, IssueType.INVALID),
  NOT_FOUND("HIW-G007", 404, IssueType.NOTFOUND),
  ALL_HOSPITALS_FAILED("HIW-G008", 503, IssueType.TRANSIENT),
  ALL_HOSPITALS_TIMED_OUT("HIW-G009", 504, IssueType.TIMEOUT),
  PAGE_EXPIRED("HIW-G010", 410, IssueType.EXPIRED),
  PAGE_NOT_YOURS("HIW-G011", 403, IssueType.FORBIDDEN),
  INTERNAL("HIW-G012", 500, IssueType.EXCEPTION),
  METHOD_NOT_ALLOWED("HIW-G013", 405, IssueType.NOTSUPPORTED),
  UNKNOWN_SOURCE("HIW-G014", 400, IssueType.INVALID),
  INVALID_CONSENT("HIW-G015", 422, IssueType.INVALID),
  NO_CONSENT("HIW-G016", 403, IssueType.FORBIDDEN),
  AUDIT_UNAVAILABLE("HIW-G017", 503, IssueType.TRANSIENT),
  CONSENT_CHANGE_UNSUPPORTED("HIW-G018", 422, IssueType.NOTSUPPORTED),
  CSR_MALFORMED("HIW-G030", 400, IssueType.INVALID),
  CSR_SIGNATURE_INVALID("HIW-G031", 422, IssueType.SECURITY),
  CSR_NAME_MISMATCH("HIW-G032", 422, IssueType.BUSINESSRULE),
  CSR_WEAK_KEY("HIW-G033", 422, IssueType.SECURITY),
  HOSPITAL_CONFLICT("HIW-G034", 409, IssueType.CONFLICT);

  /** The code system of every error code this project issues. */
  public static final String SYSTEM = "urn:hiway:error";

  private final String code;
  private final int status;
  private final IssueType issueType;

  GatewayError(String code, int status, IssueType issueType) {
    this.code = code;
    this.status = status;
    this.issueType = issueType;
  }

  public String code() {
    return code;
  }

  public int status() {
    return status;
  }

  public IssueType issueType() {
    return issueType;
  }
}
