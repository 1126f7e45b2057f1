package kr.hiway.gateway.security;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.nio.file.Path;
import kr.hiway.gateway.account.PatientAccounts;
import kr.hiway.gateway.security.backend.ClientAssertionAuthentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The OAuth 2.0 authorization server (Spring Authorization Server) with what SMART App Launch
 * needs: authorization code with PKCE, OpenID Connect, JWT access tokens carrying the patient
 * context, rotating refresh tokens, clients and grants kept in the database; and for SMART Backend
 * Services, the client-credentials grant with {@code private_key_jwt} client assertions checked
 * against keys registered by value.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

  private static final Logger log = LoggerFactory.getLogger(AuthorizationServerConfiguration.class);
  private static final String JWKS = "hiway.security.jwks";

  @Bean
  @Order(1)
  SecurityFilterChain authorizationServerChain(
      HttpSecurity http,
      JwtDecoder decoder,
      ClientAssertionAuthentication clientAssertions,
      SecurityProperties props)
      throws Exception {
    OAuth2AccessTokenResponseAuthenticationSuccessHandler tokenResponse =
        new OAuth2AccessTokenResponseAuthenticationSuccessHandler();
    tokenResponse.setAccessTokenResponseCustomizer(TokenClaims.responseCustomizer(decoder));
    http.oauth2AuthorizationServer(as -> {
      http.securityMatcher(as.getEndpointsMatcher());
      as.oidc(Customizer.withDefaults());
      as.clientAuthentication(clientAssertions::configure);
      as.tokenEndpoint(token -> token.accessTokenResponseHandler(tokenResponse));
      // The framework's checks (redirect URI, PKCE, prompt, scopes), then SMART's aud.
      as.authorizationEndpoint(authorize ->
          authorize
              .consentPage("/oauth2/consent")
              .authenticationProviders(providers -> {
                for (var provider : providers) {
                  if (provider
                      instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider request) {
                    request.setAuthenticationValidator(
                        new OAuth2AuthorizationCodeRequestAuthenticationValidator()
                            .andThen(new AudienceCheck(props.fhirBase())));
                  }
                  // The patient's choice on the authorization page narrows wildcard scopes.
                  if (provider
                      instanceof OAuth2AuthorizationConsentAuthenticationProvider consent) {
                    consent.setAuthorizationConsentCustomizer(AuthorizationPage.narrowing());
                  }
                }
              }));
    });
    http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
    // A browser that is not signed in yet is sent to the sign-in form.
    http.exceptionHandling(errors ->
        errors.defaultAuthenticationEntryPointFor(
            new LoginUrlAuthenticationEntryPoint("/login"),
            new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
    return http.build();
  }

  @Bean
  RegisteredClientRepository registeredClients(JdbcOperations jdbc) {
    return new JdbcRegisteredClientRepository(jdbc);
  }

  @Bean
  OAuth2AuthorizationService authorizations(
      JdbcOperations jdbc,
      JdbcClient client,
      RegisteredClientRepository clients,
      RevokedGrants revoked) {
    return new RotationAwareAuthorizationService(
        new JdbcOAuth2AuthorizationService(jdbc, clients), client, revoked);
  }

  @Bean
  OAuth2AuthorizationConsentService authorizationConsents(
      JdbcOperations jdbc, RegisteredClientRepository clients) {
    return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
  }

  @Bean
  AuthorizationServerSettings authorizationServerSettings(SecurityProperties props) {
    return AuthorizationServerSettings.builder().issuer(props.issuer().toString()).build();
  }

  /**
   * The configured JWK set, or without one the demo's. Never a key made here: each instance would
   * sign with its own, and refuse every other instance's tokens and its own after a restart. A
   * missing or bad setting stops the start with Boot's short report naming the setting.
   */
  @Bean
  SigningKeys signingKeys(SecurityProperties props, ObjectProvider<DemoSigningKeys> demo) {
    if (props.jwks() != null) {
      try {
        return SigningKeys.load(props.jwks(), props.signingKeyId());
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigurationPropertyValueException(JWKS, props.jwks(), e.getMessage());
      }
    }
    DemoSigningKeys demoKeys = demo.getIfAvailable();
    if (demoKeys == null) {
      throw new InvalidConfigurationPropertyValueException(
          JWKS,
          null,
          "not set; outside the demo the gateway makes no signing key of its own: name the JWK"
              + " set file holding the token signing keys");
    }
    Path file = demoKeys.jwksFile();
    log.info("no {} configured: signing tokens with the demo's keys in {}", JWKS, file);
    return SigningKeys.load(file, props.signingKeyId());
  }

  /** The key that signs new tokens. */
  @Bean
  RSAKey signingKey(SigningKeys keys) {
    return keys.active();
  }

  /**
   * Every key: the authorization server signs with the one {@link TokenClaims} names and publishes
   * the public parts of all at {@code /oauth2/jwks}.
   */
  @Bean
  JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
    return new ImmutableJWKSet<>(keys.all());
  }

  // The only customizer of its type: with two, Spring Authorization Server silently uses neither.
  @Bean
  OAuth2TokenCustomizer<JwtEncodingContext> tokenClaims(
      PatientAccounts accounts,
      SecurityProperties props,
      SigningKeys keys,
      OAuth2AuthorizationConsentService consents) {
    return new TokenClaims(accounts, props.fhirBase(), keys.active().getKeyID(), consents);
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }
}
