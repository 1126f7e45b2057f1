package kr.hiway.gateway.audit;

import java.io.Serial;

/** An audit event could not be written, so nothing may be released. */
public final class AuditUnavailableException extends RuntimeException {

  @Serial private static final long serialVersionUID = 1L;

  AuditUnavailableException() {
    super("the audit log is unavailable");
  }
}
