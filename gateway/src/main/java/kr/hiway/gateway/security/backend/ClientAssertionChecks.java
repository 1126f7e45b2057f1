package kr.hiway.gateway.security.backend;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * What a client assertion must say, once its signature has been verified (RFC 7523 section 3 and
 * SMART Backend Services): {@code iss} and {@code sub} are the client id, {@code aud} is this
 * authorization server, {@code exp} is present, not past and at most five minutes ahead, {@code
 * nbf} (if any) is not ahead, and {@code jti} is present and has not been used by the client
 * before.
 *
 * <p>The audience is the issuer or the token endpoint as the configured issuer names them (what
 * discovery publishes), never the URL a request happened to arrive at: behind a proxy that differs,
 * and the Host header is the caller's to choose.
 *
 * <p>The jti is recorded only for an assertion that passed every other check, so that a bad
 * assertion cannot use up a jti. Thread-safe. Arguments must not be null.
 */
final class ClientAssertionChecks implements Function<RegisteredClient, OAuth2TokenValidator<Jwt>> {

  /** The longest an assertion may be valid for, as SMART Backend Services requires. */
  static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

  /** The clock difference tolerated between client and gateway. */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

  private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc7523#section-3";
  private static final Logger log = LoggerFactory.getLogger(ClientAssertionChecks.class);

  private final Set<String> audiences;
  private final UsedAssertionIds used;
  private final Clock clock;

  /**
   * @param audiences the {@code aud} values accepted: the issuer and its token endpoint URL
   */
  ClientAssertionChecks(Set<String> audiences, UsedAssertionIds used, Clock clock) {
    this.audiences = Set.copyOf(audiences);
    this.used = used;
    this.clock = clock;
  }

  @Override
  public OAuth2TokenValidator<Jwt> apply(RegisteredClient client) {
    String clientId = client.getClientId();
    return jwt -> check(clientId, jwt);
  }

  private OAuth2TokenValidatorResult check(String clientId, Jwt jwt) {
    Optional<String> refusal = refusal(clientId, jwt);
    if (refusal.isPresent()) {
      // An expected refusal: the client hears invalid_client, the operator may turn this on.
      log.debug("client assertion of {} refused: {}", clientId, refusal.get());
      return failure(refusal.get());
    }
    Instant keepUntil = jwt.getExpiresAt().plus(CLOCK_SKEW);
    if (!used.firstUse(clientId, jwt.getId(), keepUntil)) {
      // A correctly signed assertion seen before: a client bug or a captured assertion.
      log.info("client {} presented an assertion whose jti it had used before; refused", clientId);
      return failure("jti already used");
    }
    return OAuth2TokenValidatorResult.success();
  }

  private Optional<String> refusal(String clientId, Jwt jwt) {
    Instant now = clock.instant();
    if (!clientId.equals(jwt.getClaimAsString(JwtClaimNames.ISS))) {
      return Optional.of("iss is not the client id");
    }
    if (!clientId.equals(jwt.getSubject())) {
      return Optional.of("sub is not the client id");
    }
    List<String> aud = jwt.getAudience();
    if (aud == null || aud.stream().noneMatch(audiences::contains)) {
      return Optional.of("aud is not this authorization server");
    }
    Instant exp = jwt.getExpiresAt();
    if (exp == null) {
      return Optional.of("no exp");
    }
    if (now.isAfter(exp.plus(CLOCK_SKEW))) {
      return Optional.of("expired");
    }
    if (exp.isAfter(now.plus(MAX_LIFETIME).plus(CLOCK_SKEW))) {
      return Optional.of("exp more than five minutes ahead");
    }
    Instant nbf = jwt.getNotBefore();
    if (nbf != null && nbf.isAfter(now.plus(CLOCK_SKEW))) {
      return Optional.of("not yet valid");
    }
    String jti = jwt.getId();
    if (jti == null || jti.isBlank()) {
      return Optional.of("no jti");
    }
    return Optional.empty();
  }

  private static OAuth2TokenValidatorResult failure(String why) {
    return OAuth2TokenValidatorResult.failure(
        new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, why, ERROR_URI));
  }
}
