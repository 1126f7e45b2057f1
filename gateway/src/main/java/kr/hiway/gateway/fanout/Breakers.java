package kr.hiway.gateway.fanout;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.lang.reflect.Field;

/**
 * The circuit breakers of a {@link FanOut}, for monitoring only: their states and the events of
 * each hospital exchange. {@link FanOut} keeps its registry private and offers no accessor, so it
 * is read here, in one place. Should that stop working, the application does not start (the monitor
 * needs it), so every application test fails at once rather than the metrics going quiet.
 */
public final class Breakers {

  private Breakers() {}

  public static CircuitBreakerRegistry of(FanOut fanOut) {
    try {
      Field field = FanOut.class.getDeclaredField("breakers");
      field.setAccessible(true);
      return (CircuitBreakerRegistry) field.get(fanOut);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the fan-out's circuit breakers cannot be read", e);
    }
  }
}
