package kr.hiway.gateway.security.backend;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionDecoderFactory;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * The decoder a client's assertion is checked with: the signature against the keys registered by
 * value ({@link RecipientRegistration}), then {@link ClientAssertionChecks}.
 *
 * <p>Only asymmetric algorithms are accepted, so {@code alg=none} and an HMAC signed with a public
 * key as its secret are refused; the key is chosen by {@code kid} and by type (an RS384 header
 * never selects an EC key). A client registered the Spring way, with a JWKS URL or a secret for
 * {@code client_secret_jwt}, is left to Spring's own factory, with the same claim checks.
 *
 * <p>A decoder is built per request rather than cached per client, which is cheap: a key removed
 * from a registration stops working at once. Thread-safe.
 */
final class ClientAssertionDecoders implements JwtDecoderFactory<RegisteredClient> {

  /** SMART requires RS384 and ES384; RS256 and ES256 are as widely used and as sound here. */
  static final List<SignatureAlgorithm> ALGORITHMS =
      List.of(
          SignatureAlgorithm.RS384,
          SignatureAlgorithm.ES384,
          SignatureAlgorithm.RS256,
          SignatureAlgorithm.ES256);

  private static final Logger log = LoggerFactory.getLogger(ClientAssertionDecoders.class);

  private final ClientAssertionChecks checks;
  private final JwtClientAssertionDecoderFactory byUrlOrSecret =
      new JwtClientAssertionDecoderFactory();

  ClientAssertionDecoders(ClientAssertionChecks checks) {
    this.checks = checks;
    byUrlOrSecret.setJwtValidatorFactory(checks);
  }

  @Override
  public JwtDecoder createDecoder(RegisteredClient client) {
    Optional<JWKSet> keys = keysOf(client);
    if (keys.isEmpty()) {
      return byUrlOrSecret.createDecoder(client);
    }
    NimbusJwtDecoder decoder =
        NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<>(keys.get()))
            .jwsAlgorithms(algorithms -> algorithms.addAll(ALGORITHMS))
            .build();
    decoder.setJwtValidator(checks.apply(client));
    return decoder;
  }

  private static Optional<JWKSet> keysOf(RegisteredClient client) {
    try {
      return RecipientRegistration.registeredKeys(client);
    } catch (ParseException e) {
      // A broken registration, not a bad request: worth the operator's attention.
      log.warn("the registered JWKS of client {} cannot be read", client.getClientId());
      throw new OAuth2AuthenticationException(
          new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "no usable registered keys", null));
    }
  }
}
