package kr.hiway.gateway.security.backend;

import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2ClientAuthenticationConfigurer;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * SMART Backend Services client authentication ({@code private_key_jwt}, RFC 7523) for the
 * authorization server: {@link #configure} is given to {@code clientAuthentication(...)} of its
 * configurer. Immutable and thread-safe.
 */
public final class ClientAssertionAuthentication {

  private final JwtDecoderFactory<RegisteredClient> decoders;

  ClientAssertionAuthentication(JwtDecoderFactory<RegisteredClient> decoders) {
    this.decoders = decoders;
  }

  /**
   * Accepts token requests that name the client only in the assertion, and checks assertions
   * against the keys registered by value, with the SMART lifetime limit and replay protection.
   */
  public void configure(OAuth2ClientAuthenticationConfigurer clients) {
    clients.authenticationConverter(new AssertionClientIdConverter());
    clients.authenticationProviders(providers ->
        providers.forEach(provider -> {
          if (provider instanceof JwtClientAssertionAuthenticationProvider jwt) {
            jwt.setJwtDecoderFactory(decoders);
          }
        }));
  }
}
