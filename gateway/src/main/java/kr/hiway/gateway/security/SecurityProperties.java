package kr.hiway.gateway.security;

import java.net.URI;
import java.nio.file.Path;
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
 * @param jwks the JWK set file holding the token signing keys (RSA, private parts, each with a
 *     {@code kid}); all of them are published and accepted, so that keys rotate without signing
 *     anyone out. Required outside the demo, which otherwise keeps a file of its own
 * @param signingKeyId the {@code kid} of the key in that file that signs new tokens; the first key
 *     when not set
 */
@ConfigurationProperties("hiway.security")
public record SecurityProperties(
    @DefaultValue("http://localhost:8080") URI issuer,
    @DefaultValue("5m") Duration accessTokenTtl,
    @DefaultValue("30d") Duration refreshTokenTtl,
    Path jwks,
    String signingKeyId) {

  /** The FHIR base URL: the audience access tokens are issued for. */
  public String fhirBase() {
    String base = issuer.toString();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/fhir";
  }
}
