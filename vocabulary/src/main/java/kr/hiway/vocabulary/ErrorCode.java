package kr.hiway.vocabulary;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Every stable error code this project issues, the gateway's ({@code HIW-G…}) and the hospital
 * adapter's ({@code HIW-A…}), carried in {@code OperationOutcome.issue.details} under {@link
 * #SYSTEM}. A code never changes meaning once published: clients, the gateway and the conformance
 * kit match on it, so add new codes rather than reuse old ones. See {@code docs/errors.md}.
 */
public enum ErrorCode {
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
  BODY_TOO_LARGE("HIW-G019", 413, IssueType.TOOCOSTLY),
  DATABASE_UNAVAILABLE("HIW-G025", 503, IssueType.TRANSIENT),
  TOO_MANY_REQUESTS("HIW-G026", 429, IssueType.THROTTLED),
  LEDGER_INTEGRITY("HIW-G027", 503, IssueType.TRANSIENT),
  LINKAGE_KEY_CONFLICT("HIW-G028", 409, IssueType.CONFLICT),
  CSR_MALFORMED("HIW-G030", 400, IssueType.INVALID),
  CSR_SIGNATURE_INVALID("HIW-G031", 422, IssueType.SECURITY),
  CSR_NAME_MISMATCH("HIW-G032", 422, IssueType.BUSINESSRULE),
  CSR_WEAK_KEY("HIW-G033", 422, IssueType.SECURITY),
  HOSPITAL_CONFLICT("HIW-G034", 409, IssueType.CONFLICT),
  PURPOSE_NOT_USABLE("HIW-G037", 422, IssueType.BUSINESSRULE),
  REIDENTIFICATION_NO_BASIS("HIW-G040", 403, IssueType.FORBIDDEN),
  REIDENTIFICATION_OWN_REQUEST("HIW-G041", 403, IssueType.FORBIDDEN),
  REIDENTIFICATION_UNKNOWN_REQUEST("HIW-G042", 404, IssueType.NOTFOUND),
  REIDENTIFICATION_NOT_PENDING("HIW-G043", 409, IssueType.CONFLICT),
  REIDENTIFICATION_NOT_YOURS("HIW-G044", 403, IssueType.FORBIDDEN),
  RESEARCH_FILTER_UNAVAILABLE("HIW-G045", 400, IssueType.NOTSUPPORTED),
  EXPORT_NOT_FOUND("HIW-G050", 404, IssueType.NOTFOUND),
  EXPORT_UNSUPPORTED_PARAMETER("HIW-G051", 400, IssueType.NOTSUPPORTED),
  EXPORT_OTHER_GROUP("HIW-G052", 403, IssueType.FORBIDDEN),
  EXPORT_TYPE_NOT_COVERED("HIW-G053", 403, IssueType.FORBIDDEN),
  EXPORT_RUNNING("HIW-G054", 429, IssueType.THROTTLED),

  ADAPTER_UNKNOWN_PATIENT("HIW-A001", 404, IssueType.NOTFOUND),
  ADAPTER_UNKNOWN_RECORD("HIW-A002", 404, IssueType.NOTFOUND),
  ADAPTER_INVALID_PARAMETER("HIW-A003", 400, IssueType.INVALID),
  ADAPTER_UNSUPPORTED_IDENTIFIER("HIW-A004", 400, IssueType.NOTSUPPORTED),
  ADAPTER_UNSUPPORTED_SEARCH("HIW-A005", 400, IssueType.NOTSUPPORTED),
  ADAPTER_UNSUPPORTED_MODIFIER("HIW-A006", 400, IssueType.NOTSUPPORTED),
  ADAPTER_INVALID_COUNT("HIW-A007", 400, IssueType.INVALID),
  ADAPTER_NOT_FOUND("HIW-A008", 404, IssueType.NOTFOUND),
  ADAPTER_METHOD_NOT_ALLOWED("HIW-A009", 405, IssueType.NOTSUPPORTED),
  ADAPTER_INTERNAL("HIW-A010", 500, IssueType.EXCEPTION);

  /** The code system of every error code this project issues. */
  public static final String SYSTEM = "urn:hiway:error";

  private final String code;
  private final int status;
  private final IssueType issueType;

  ErrorCode(String code, int status, IssueType issueType) {
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
