package kr.hiway.adapter.conformance;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * The latency check: every call of the run against the budget. A single slow call fails it, since
 * the gateway waits for each hospital's answer with a deadline, not for an average. The warm-up
 * calls before the run are not timed (see {@link FhirHttp#warmUp}).
 */
final class Latency {

  private static final int SHOWN = 3;

  private Latency() {}

  static Check check(List<FhirHttp.Timing> timings, int warmUps, Duration budget, String base) {
    if (timings.isEmpty()) {
      return Check.fail("latency", "no call was answered");
    }
    long[] sorted = timings.stream().mapToLong(FhirHttp.Timing::nanos).sorted().toArray();
    long p50 = sorted[(sorted.length - 1) / 2];
    long max = sorted[sorted.length - 1];
    String stats =
        timings.size()
            + " calls, p50 "
            + ms(p50)
            + ", max "
            + ms(max)
            + ", budget "
            + budget.toMillis()
            + " ms (after "
            + warmUps
            + " untimed warm-up calls)";
    List<FhirHttp.Timing> over =
        timings.stream()
            .filter(t -> t.nanos() > budget.toNanos())
            .sorted(Comparator.comparingLong(FhirHttp.Timing::nanos).reversed())
            .toList();
    if (over.isEmpty()) {
      return Check.pass("latency", stats);
    }
    StringBuilder slow = new StringBuilder();
    for (FhirHttp.Timing t : over.subList(0, Math.min(SHOWN, over.size()))) {
      slow.append(slow.isEmpty() ? "" : ", ")
          .append(path(t, base))
          .append(' ')
          .append(ms(t.nanos()));
    }
    return Check.fail("latency", stats + "; " + over.size() + " over budget, slowest: " + slow);
  }

  /** The call's path without its query values, which may hold a linkage token. */
  private static String path(FhirHttp.Timing t, String base) {
    String s = t.uri().toString();
    s = s.startsWith(base) ? s.substring(base.length()) : s;
    int q = s.indexOf('?');
    return q < 0 ? s : s.substring(0, q) + "?…";
  }

  private static String ms(long nanos) {
    return nanos / 1_000_000 + " ms";
  }
}
