package kr.hiway.gateway.operations;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * The first thing to stop: readiness answers 503 while the web server still serves, for the drain
 * time, before the web server's graceful shutdown (a lower phase) stops taking requests and waits
 * for those in flight. A load balancer that checks readiness thus takes the instance out before
 * anything is refused.
 */
final class Drain implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Drain.class);

  private final Duration duration;
  private final ApplicationEventPublisher events;
  private volatile boolean running;

  Drain(Duration duration, ApplicationEventPublisher events) {
    this.duration = duration;
    this.events = events;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    // Closing a web application context already publishes this before stopping lifecycle beans;
    // publishing it here as well keeps the order true whoever closes the context.
    AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
    try {
      if (duration.isPositive()) {
        log.info(
            "shutting down: readiness refuses traffic; serving for {} ms more",
            duration.toMillis());
        Thread.sleep(duration);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      running = false;
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Above the web server's graceful shutdown ({@code Integer.MAX_VALUE - 1024}): stopped first. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE;
  }
}
