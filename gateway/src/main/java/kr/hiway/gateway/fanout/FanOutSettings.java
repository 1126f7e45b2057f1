package kr.hiway.gateway.fanout;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import java.time.Duration;
import java.util.Objects;

/**
 * How the fan-out behaves. Immutable and thread-safe; no component may be null.
 *
 * @param perHospitalTimeout the budget for everything asked of one hospital in one request: the
 *     linkage lookup and every page, each body read to its end
 * @param overallDeadline by when {@link FanOut#fetch} returns, whatever the hospitals do
 * @param connectTimeout the TCP (and TLS) connect timeout of the shared HTTP client
 * @param maxResponseBytes the largest response body accepted; a larger one is {@link
 *     Failure#INVALID_RESPONSE}
 * @param maxPages the most pages followed for one hospital
 * @param linkageCacheSize the most (hospital, token) linkages remembered
 * @param linkagePositiveTtl how long a known local patient id is remembered
 * @param linkageNegativeTtl how long "not a patient here" is remembered
 * @param breaker the configuration of each hospital's circuit breaker
 */
public record FanOutSettings(
    Duration perHospitalTimeout,
    Duration overallDeadline,
    Duration connectTimeout,
    long maxResponseBytes,
    int maxPages,
    int linkageCacheSize,
    Duration linkagePositiveTtl,
    Duration linkageNegativeTtl,
    CircuitBreakerConfig breaker) {

  /**
   * How long a hospital's breaker stays open by default: also the {@code Retry-After} of an answer
   * no hospital could give, as within it every hospital is called again.
   */
  public static final Duration BREAKER_OPEN = Duration.ofSeconds(10);

  public FanOutSettings {
    positive(perHospitalTimeout, "perHospitalTimeout");
    positive(overallDeadline, "overallDeadline");
    positive(connectTimeout, "connectTimeout");
    positive(linkagePositiveTtl, "linkagePositiveTtl");
    positive(linkageNegativeTtl, "linkageNegativeTtl");
    Objects.requireNonNull(breaker, "breaker");
    if (maxResponseBytes < 1 || maxPages < 1 || linkageCacheSize < 1) {
      throw new IllegalArgumentException("sizes and counts must be positive");
    }
  }

  /**
   * 5 s per hospital, 8 s overall, 2 s to connect, 32 MiB per response, 50 pages, 100,000 cached
   * linkages (10 min positive, 2 min negative) and {@link #defaultBreaker()}.
   */
  public static FanOutSettings defaults() {
    return new FanOutSettings(
        Duration.ofSeconds(5),
        Duration.ofSeconds(8),
        Duration.ofSeconds(2),
        32L * 1024 * 1024,
        50,
        100_000,
        Duration.ofMinutes(10),
        Duration.ofMinutes(2),
        defaultBreaker());
  }

  /**
   * Opens when at least half of the last 20 calls (and at least 10) failed; stays open {@link
   * #BREAKER_OPEN}, then lets 2 trial calls through.
   */
  public static CircuitBreakerConfig defaultBreaker() {
    return CircuitBreakerConfig.custom()
        .slidingWindowType(SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(20)
        .minimumNumberOfCalls(10)
        .failureRateThreshold(50)
        .waitDurationInOpenState(BREAKER_OPEN)
        .permittedNumberOfCallsInHalfOpenState(2)
        .build();
  }

  /** These settings with other timeouts. */
  public FanOutSettings withTimeouts(Duration perHospital, Duration overall) {
    return new FanOutSettings(
        perHospital,
        overall,
        connectTimeout,
        maxResponseBytes,
        maxPages,
        linkageCacheSize,
        linkagePositiveTtl,
        linkageNegativeTtl,
        breaker);
  }

  /** These settings with another response size limit. */
  public FanOutSettings withMaxResponseBytes(long max) {
    return new FanOutSettings(
        perHospitalTimeout,
        overallDeadline,
        connectTimeout,
        max,
        maxPages,
        linkageCacheSize,
        linkagePositiveTtl,
        linkageNegativeTtl,
        breaker);
  }

  /** These settings with another circuit breaker configuration. */
  public FanOutSettings withBreaker(CircuitBreakerConfig config) {
    return new FanOutSettings(
        perHospitalTimeout,
        overallDeadline,
        connectTimeout,
        maxResponseBytes,
        maxPages,
        linkageCacheSize,
        linkagePositiveTtl,
        linkageNegativeTtl,
        config);
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
