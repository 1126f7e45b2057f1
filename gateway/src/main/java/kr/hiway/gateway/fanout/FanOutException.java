package kr.hiway.gateway.fanout;

import java.io.Serial;
import java.util.Objects;

/**
 * {@link FanOut#read} could not get an answer from the hospital (as opposed to an answer that the
 * record is absent or someone else's, which is an empty result). The message is safe to show: it
 * holds the hospital code and a short detail, never a URL, token, id or JDK exception text.
 */
public final class FanOutException extends RuntimeException {

  @Serial private static final long serialVersionUID = 1L;

  private final String hospitalCode;
  private final Failure failure;

  FanOutException(String hospitalCode, Failure failure, String detail) {
    super("hospital " + hospitalCode + ": " + detail);
    this.hospitalCode = Objects.requireNonNull(hospitalCode, "hospitalCode");
    this.failure = Objects.requireNonNull(failure, "failure");
  }

  public String hospitalCode() {
    return hospitalCode;
  }

  public Failure failure() {
    return failure;
  }
}
