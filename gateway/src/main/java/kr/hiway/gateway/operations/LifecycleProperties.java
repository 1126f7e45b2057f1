package kr.hiway.gateway.operations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How an instance leaves its load balancer, under {@code hiway.lifecycle}.
 *
 * @param drain how long an instance keeps serving once shutdown has begun and its readiness refuses
 *     traffic, so that a load balancer checking readiness stops sending before the server stops
 *     taking; by default {@link #PRODUCTION_DRAIN} in production and none with the demo
 */
@ConfigurationProperties("hiway.lifecycle")
record LifecycleProperties(Duration drain) {

  /** Two failed readiness checks two seconds apart, and a second to spare. */
  static final Duration PRODUCTION_DRAIN = Duration.ofSeconds(5);

  Duration drainOr(boolean demo) {
    if (drain != null) {
      return drain;
    }
    return demo ? Duration.ZERO : PRODUCTION_DRAIN;
  }
}
