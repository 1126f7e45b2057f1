package kr.hiway.gateway.security;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway signs and checks tokens.
 *
 * @param issuer the authorization server's issuer identifier, the {@code iss} of every token; the
 *     FHIR base URL, the {@code aud} of every access token, is this plus {@code /fhir}
 * @param accessTokenTtl how long an access token lives; short, since a JWT cannot be recalled
 * @param refreshTokenTtl how long a refresh token lives
 */
@ConfigurationProperties("hiway.security")
public record SecurityProperties(
    @DefaultValue("http://localhost:8080") URI issuer,
    @DefaultValue("5m") Duration accessTokenTtl,
    @DefaultValue("30d") Duration refreshTokenTtl) {

  /** The FHIR base URL: the audience access tokens are issued for. */
  public String fhirBase() {
    String base = issuer.toString();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/fhir";
  }
}
