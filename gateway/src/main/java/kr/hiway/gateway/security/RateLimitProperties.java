package kr.hiway.gateway.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits ({@code hiway.limits}), each a token bucket: {@code burst} requests at once, refilled
 * at {@code perMinute}. The defaults let a patient's app page through all 47 hospitals at once and
 * a busy mobile backend or recipient serve many patients, and stop a script long before it tires
 * the gateway or the hospitals.
 *
 * @param enabled whether any limit applies (off only for a benchmark of the bare request path)
 * @param token per access token (its {@code jti})
 * @param patient per patient, over all the tokens that act for them
 * @param client per OAuth client, over all its tokens
 * @param signIn sign-in attempts per source address
 * @param freeFailures failed sign-ins of one account from one address before the next must wait
 * @param maxFailureWait the longest such wait: it doubles from 1 s with each further failure, and a
 *     success clears it; never a lockout
 * @param sync how often, at most, an instance shares what it counted with the others (PostgreSQL);
 *     also after a tenth of a bucket was used locally
 */
@ConfigurationProperties("hiway.limits")
public record RateLimitProperties(
    @DefaultValue("true") boolean enabled,
    Limit token,
    Limit patient,
    Limit client,
    Limit signIn,
    @DefaultValue("3") int freeFailures,
    @DefaultValue("15m") Duration maxFailureWait,
    @DefaultValue("1s") Duration sync) {

  public RateLimitProperties {
    token = token != null ? token : new Limit(200, 1200);
    patient = patient != null ? patient : new Limit(400, 2400);
    client = client != null ? client : new Limit(2000, 60000);
    signIn = signIn != null ? signIn : new Limit(10, 20);
  }

  /** {@code burst} requests at once, refilled at {@code perMinute}. */
  public record Limit(int burst, int perMinute) {
    public Limit {
      if (burst < 1 || perMinute < 1) {
        throw new IllegalArgumentException("a limit needs burst and perMinute of at least 1");
      }
    }
  }
}
