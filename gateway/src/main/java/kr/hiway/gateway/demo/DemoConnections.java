package kr.hiway.gateway.demo;

import kr.hiway.gateway.fanout.FanOut;
import kr.hiway.gateway.registry.Targets;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Connects to the demo's hospitals before the gateway reports ready. With a cold JVM on a small
 * machine, the first patient's {@code $everything} otherwise made 47 mutual-TLS handshakes at once
 * and some outlasted the connect timeout: the first answer missed hospitals.
 */
@Component
@Order(Integer.MAX_VALUE) // after the demo's hospitals are registered
@ConditionalOnBooleanProperty(name = "hiway.demo.enabled", matchIfMissing = true)
class DemoConnections implements ApplicationRunner {

  /** Handshakes at once: two cores do a few at a time well, and 47 at once badly. */
  private static final int AT_ONCE = 4;

  private final FanOut fanOut;
  private final Targets targets;

  DemoConnections(FanOut fanOut, Targets targets) {
    this.fanOut = fanOut;
    this.targets = targets;
  }

  @Override
  public void run(ApplicationArguments args) throws InterruptedException {
    fanOut.connect(targets.all(), AT_ONCE);
  }
}
