package kr.hiway.adapter.server;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An artificial response delay, for benchmarks that need hospitals as slow as real ones: each
 * answer waits {@code fixed ± jitter}, drawn uniformly.
 *
 * @param fixed the mean delay, zero or more
 * @param jitter the largest deviation from it, zero or more and at most {@code fixed}
 */
public record Latency(Duration fixed, Duration jitter) {

  public static final Latency NONE = new Latency(Duration.ZERO, Duration.ZERO);

  public Latency {
    Objects.requireNonNull(fixed, "fixed");
    Objects.requireNonNull(jitter, "jitter");
    if (fixed.isNegative() || jitter.isNegative() || jitter.compareTo(fixed) > 0) {
      throw new IllegalArgumentException("need 0 <= jitter <= fixed");
    }
  }

  public static Latency of(long fixedMillis, long jitterMillis) {
    return new Latency(Duration.ofMillis(fixedMillis), Duration.ofMillis(jitterMillis));
  }

  public boolean isNone() {
    return fixed.isZero();
  }

  /** One delay drawn from the range, in nanoseconds. */
  long drawNanos() {
    long j = jitter.toNanos();
    long offset = j == 0 ? 0 : ThreadLocalRandom.current().nextLong(-j, j + 1);
    return fixed.toNanos() + offset;
  }
}
