package kr.hiway.adapter.server;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * The adapter's stable error codes. A code never changes meaning once published: clients and the
 * gateway match on it, so add new codes rather than reuse old ones.
 */
public enum AdapterError {
  UNKNOWN_PATIENT("HIW-A001", 404, IssueType.NOTFOUND),
  UNKNOWN_RECORD("HIW-A002", 404, IssueType.NOTFOUND),
  INVALID_PARAMETER("HIW-A003", 400, IssueType.INVALID),
  UNSUPPORTED_IDENTIFIER("HIW-A004", 400, IssueType.NOTSUPPORTED),
  UNSUPPORTED_SEARCH("HIW-A005", 400, IssueType.NOTSUPPORTED),
  UNSUPPORTED_MODIFIER("HIW-A006", 400, IssueType.NOTSUPPORTED),
  INVALID_COUNT("HIW-A007", 400, IssueType.INVALID),
  NOT_FOUND("HIW-A008", 404, IssueType.NOTFOUND),
  METHOD_NOT_ALLOWED("HIW-A009", 405, IssueType.NOTSUPPORTED),
  INTERNAL("HIW-A010", 500, IssueType.EXCEPTION);

  /** The code system of every error code this project issues. */
  public static final String SYSTEM = "urn:hiway:error";

  private final String code;
  private final int status;
  private final IssueType issueType;

  AdapterError(String code, int status, IssueType issueType) {
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
