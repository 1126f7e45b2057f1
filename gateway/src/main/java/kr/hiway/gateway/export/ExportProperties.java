package kr.hiway.gateway.export;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Cohort export settings ({@code hiway.export.*}).
 *
 * @param k the k-anonymity every export reaches before release; unset, the de-identification
 *     profile's {@code k}
 * @param maxSuppressedShare the share of persons an export may suppress to reach k without a
 *     reviewer's approval
 * @param retryAfter what {@code Retry-After} tells a client polling a running export
 * @param expiry how long an export's files are kept after its kick-off
 * @param parallel how many persons an export retrieves at once
 */
@ConfigurationProperties("hiway.export")
record ExportProperties(
    Integer k,
    @DefaultValue("0.05") double maxSuppressedShare,
    @DefaultValue("5s") Duration retryAfter,
    @DefaultValue("24h") Duration expiry,
    @DefaultValue("4") int parallel) {

  ExportProperties {
    if ((k != null && k < 1) || maxSuppressedShare < 0 || maxSuppressedShare > 1 || parallel < 1) {
      throw new IllegalArgumentException(
          "hiway.export: k >= 1, max-suppressed-share within [0, 1], parallel >= 1");
    }
  }
}
