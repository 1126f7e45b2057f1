package kr.hiway.gateway.regulator;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import kr.hiway.gateway.audit.AuditAction;
import kr.hiway.gateway.audit.AuditRecord;
import kr.hiway.gateway.audit.AuditTrail;
import kr.hiway.gateway.audit.AuditUnavailableException;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.gateway.security.Caller;
import kr.hiway.gateway.security.Callers;
import kr.hiway.vocabulary.ErrorCode;
import org.springframework.stereotype.Component;

/**
 * What the staff APIs share: parameters read strictly (a bad one is a 400 naming it), and every
 * staff read audited before it is answered (if it cannot be, a 503 and no answer).
 */
@Component
class StaffRequests {

  private final AuditTrail audit;

  StaffRequests(AuditTrail audit) {
    this.audit = audit;
  }

  /** The client a staff member's token was issued to, for the audit. */
  static String clientOf(Caller caller) {
    return caller.clientId().isEmpty() ? "unknown" : caller.clientId();
  }

  /** Audits a staff member's request; {@code count} is how many items the answer holds. */
  void audit(HttpServletRequest request, AuditAction action, int count, String reason) {
    audit(request, action, count, reason, null);
  }

  void audit(
      HttpServletRequest request, AuditAction action, int count, String reason, String patientId) {
    Caller caller = Callers.current().orElseThrow();
    String query =
        request.getRequestURI()
            + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    try {
      audit.record(
          AuditRecord.success(action, clientOf(caller), caller.subject())
              .patient(patientId)
              .released(count)
              .reason(reason)
              .query(query)
              .byStaff()
              .build());
    } catch (AuditUnavailableException e) {
      throw new GatewayException(
          ErrorCode.AUDIT_UNAVAILABLE,
          "The request could not be recorded, so it is not answered; try again later.");
    }
  }

  static long number(String name, String value, long min) {
    if (value == null) {
      throw bad(name + " is required");
    }
    try {
      long n = Long.parseLong(value);
      if (n < min) {
        throw bad(name + " must be at least " + min);
      }
      return n;
    } catch (NumberFormatException e) {
      throw bad(name + " must be a whole number");
    }
  }

  static Instant instant(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e2) {
        throw bad(name + " must be an ISO-8601 instant or date, e.g. 2026-11-21T00:00:00Z");
      }
    }
  }

  static String text(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  static GatewayException bad(String message) {
    return new GatewayException(ErrorCode.INVALID_PARAMETER, message);
  }
}
