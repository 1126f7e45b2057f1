package kr.hiway.gateway.fanout;

import java.util.concurrent.TimeUnit;

/** When one hospital's exchange must be over, and what to say if it is not. */
record Deadline(long endNanos, String expiredDetail) {

  /**
   * The per-hospital timeout from {@code startNanos}, cut short by the overall deadline if that
   * comes first.
   */
  static Deadline forHospital(FanOutSettings settings, long startNanos) {
    long hospitalEnd = startNanos + settings.perHospitalTimeout().toNanos();
    long overallEnd = startNanos + settings.overallDeadline().toNanos();
    if (hospitalEnd <= overallEnd) {
      return new Deadline(
          hospitalEnd, "timed out after " + settings.perHospitalTimeout().toMillis() + " ms");
    }
    return new Deadline(
        overallEnd,
        "no answer within the " + settings.overallDeadline().toMillis() + " ms deadline");
  }

  long remainingNanos() {
    return endNanos - System.nanoTime();
  }

  long remainingMillis() {
    return TimeUnit.NANOSECONDS.toMillis(remainingNanos());
  }

  HospitalFailure expired() {
    return new HospitalFailure(Failure.TIMEOUT, expiredDetail);
  }
}
