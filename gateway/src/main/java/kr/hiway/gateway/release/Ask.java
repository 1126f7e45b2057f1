package kr.hiway.gateway.release;

import java.util.Objects;
import kr.hiway.gateway.audit.AuditAction;
import kr.hiway.gateway.security.Caller;

/**
 * One request for a patient's records, as it is audited whatever its answer: who asks, what, and
 * the request's path and query (null where none is recorded).
 */
public record Ask(Caller caller, AuditAction action, String query) {

  public Ask {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(action, "action");
  }
}
