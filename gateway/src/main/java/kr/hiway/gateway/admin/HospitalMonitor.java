package kr.hiway.gateway.admin;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import kr.hiway.gateway.fanout.FanOut;
import org.springframework.stereotype.Component;

/**
 * Watches each hospital through its circuit breaker, which sees every hospital exchange (linkage
 * and all pages) as one call: the outcome and time of the last calls, and per hospital the
 * Micrometer meters {@code hiway.hospital.calls} (a timer, tagged {@code outcome} success or
 * error), {@code hiway.hospital.errors} (a counter, refusals to call while open included) and
 * {@code hiway.hospital.breaker.state} (a gauge: 0 closed, 1 open, 2 half-open, 3 other).
 * Thread-safe.
 */
@Component
public class HospitalMonitor {

  /** What the last calls to a hospital did. */
  public record LastCalls(
      Instant lastCallAt, boolean lastSucceeded, long consecutiveFailures, long calls) {}

  private final CircuitBreakerRegistry breakers;
  private final MeterRegistry meters;
  private final Clock clock;
  private final Map<String, LastCalls> last = new ConcurrentHashMap<>();

  HospitalMonitor(FanOut fanOut, MeterRegistry meters, Clock clock) {
    this.breakers = fanOut.breakers();
    this.meters = meters;
    this.clock = clock;
    breakers.getAllCircuitBreakers().forEach(this::watch);
    breakers.getEventPublisher().onEntryAdded(e -> watch(e.getAddedEntry()));
  }

  /** The breaker state of a hospital, or empty if it has not been called since start. */
  public Optional<CircuitBreaker.State> breakerState(String code) {
    return breakers.find(code).map(CircuitBreaker::getState);
  }

  public Optional<LastCalls> lastCalls(String code) {
    return Optional.ofNullable(last.get(code));
  }

  private void watch(CircuitBreaker breaker) {
    String code = breaker.getName();
    Timer ok = callTimer(code, "success");
    Timer failed = callTimer(code, "error");
    Counter errors =
        Counter.builder("hiway.hospital.errors")
            .description("Failed or refused exchanges with a hospital")
            .tag("hospital", code)
            .register(meters);
    Gauge.builder("hiway.hospital.breaker.state", breaker, HospitalMonitor::stateNumber)
        .description("Circuit breaker: 0 closed, 1 open, 2 half-open, 3 other")
        .tag("hospital", code)
        .register(meters);
    breaker
        .getEventPublisher()
        .onSuccess(e -> {
          ok.record(e.getElapsedDuration());
          last.merge(
              code,
              new LastCalls(clock.instant(), true, 0, 1),
              (was, now) -> new LastCalls(now.lastCallAt(), true, 0, was.calls() + 1));
        })
        .onError(e -> {
          failed.record(e.getElapsedDuration());
          errors.increment();
          last.merge(
              code,
              new LastCalls(clock.instant(), false, 1, 1),
              (was, now) ->
                  new LastCalls(
                      now.lastCallAt(), false, was.consecutiveFailures() + 1, was.calls() + 1));
        })
        .onCallNotPermitted(e -> errors.increment());
  }

  private Timer callTimer(String code, String outcome) {
    return Timer.builder("hiway.hospital.calls")
        .description("Exchanges with a hospital (linkage and every page), by outcome")
        .tag("hospital", code)
        .tag("outcome", outcome)
        .register(meters);
  }

  private static double stateNumber(CircuitBreaker breaker) {
    return switch (breaker.getState()) {
      case CLOSED -> 0;
      case OPEN -> 1;
      case HALF_OPEN -> 2;
      default -> 3;
    };
  }
}
