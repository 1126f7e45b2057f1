package kr.hiway.gateway.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import kr.hiway.gateway.account.PatientAccounts;
import kr.hiway.gateway.security.backend.ClientAssertionAuthentication;
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

  @Bean
  @Order(1)
  SecurityFilterChain authorizationServerChain(
      HttpSecurity http, JwtDecoder decoder, ClientAssertionAuthentication clientAssertions)
      throws Exception {
    OAuth2AccessTokenResponseAuthenticationSuccessHandler tokenResponse =
        new OAuth2AccessTokenResponseAuthenticationSuccessHandler();
    tokenResponse.setAccessTokenResponseCustomizer(TokenClaims.responseCustomizer(decoder));
    http.oauth2AuthorizationServer(as -> {
      http.securityMatcher(as.getEndpointsMatcher());
      as.oidc(Customizer.withDefaults());
      as.clientAuthentication(clientAssertions::configure);
      as.tokenEndpoint(token -> token.accessTokenResponseHandler(tokenResponse));
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

  @Bean
  RSAKey signingKey() {
    return SigningKeys.generateRsa();
  }

  @Bean
  JWKSource<SecurityContext> jwkSource(RSAKey signingKey) {
    return new ImmutableJWKSet<>(new JWKSet(signingKey));
  }

  @Bean
  OAuth2TokenCustomizer<JwtEncodingContext> tokenClaims(
      PatientAccounts accounts, SecurityProperties props) {
    return new TokenClaims(accounts, props.fhirBase());
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }
}
