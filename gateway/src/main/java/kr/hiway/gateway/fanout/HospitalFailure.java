package kr.hiway.gateway.fanout;

import java.io.Serial;

/**
 * One hospital's exchange failed. The message is the client-safe detail only; there is no cause and
 * no stack trace, so nothing of the JDK's exception text (which may name URLs) can leak.
 */
final class HospitalFailure extends Exception {

  @Serial private static final long serialVersionUID = 1L;

  private final Failure failure;
  private final int status;

  HospitalFailure(Failure failure, String detail) {
    this(failure, detail, 0);
  }

  private HospitalFailure(Failure failure, String detail, int status) {
    super(detail, null, false, false);
    this.failure = failure;
    this.status = status;
  }

  /** The failure for a final HTTP status other than 200. */
  static HospitalFailure forStatus(int status) {
    if (status >= 300 && status < 400) {
      return new HospitalFailure(
          Failure.INVALID_RESPONSE, "answered with a redirect (" + status + ")", status);
    }
    if (status >= 500 || status == 408 || status == 429) {
      return new HospitalFailure(Failure.UNAVAILABLE, "answered " + status, status);
    }
    if (status >= 400) {
      return new HospitalFailure(Failure.REFUSED, "answered " + status, status);
    }
    return new HospitalFailure(Failure.INVALID_RESPONSE, "answered " + status, status);
  }

  Failure failure() {
    return failure;
  }

  String detail() {
    return getMessage();
  }

  /** The HTTP status that caused this, or 0. */
  int status() {
    return status;
  }

  /**
   * Whether this counts against the hospital's circuit breaker. A refusal is a well-formed answer
   * from a working hospital about this request, so it does not.
   */
  boolean countsAgainstHospital() {
    return failure != Failure.REFUSED;
  }
}
