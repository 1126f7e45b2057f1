package kr.hiway.gateway.security;

import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.time.Clock;
import java.util.List;
import kr.hiway.gateway.error.FhirErrorResponses;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/** The FHIR API as an OAuth 2.0 resource server: every request needs a valid access token. */
@Configuration(proxyBeanMethods = false)
class FhirSecurityConfiguration {

  @Bean
  @Order(2)
  SecurityFilterChain fhirChain(HttpSecurity http, JwtDecoder decoder, FhirContext fhir)
      throws Exception {
    http.securityMatcher("/fhir/**")
        .authorizeHttpRequests(requests ->
            requests
                .requestMatchers("/fhir/metadata", "/fhir/.well-known/smart-configuration")
                .permitAll()
                .anyRequest()
                .authenticated());
    return bearerOnly(http, decoder, fhir, null).build();
  }

  /** The patient's account API (connected apps), for bearer tokens like the FHIR API. */
  @Bean
  @Order(2)
  SecurityFilterChain accountApiChain(HttpSecurity http, JwtDecoder decoder, FhirContext fhir)
      throws Exception {
    http.securityMatcher("/api/account/**")
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
    return bearerOnly(http, decoder, fhir, null).build();
  }

  /**
   * A stateless resource server chain: bearer tokens only, no session, no CSRF (no cookies are
   * read), errors as OperationOutcomes. {@code converter} maps a token to authorities, or null for
   * the default (its scopes).
   */
  static HttpSecurity bearerOnly(
      HttpSecurity http,
      JwtDecoder decoder,
      FhirContext fhir,
      Converter<Jwt, ? extends AbstractAuthenticationToken> converter)
      throws Exception {
    FhirErrorResponses errors = new FhirErrorResponses(fhir);
    ApplicationContext context = http.getSharedObject(ApplicationContext.class);
    JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
    provider.setJwtAuthenticationConverter(
        converter != null ? converter : ScopeAuthorities.converter());
    // A manager of its own publishes no authentication events: nothing listens for them, and
    // announcing every request's success cost more than checking its token's expiry.
    AuthenticationManager manager = new ProviderManager(provider);
    return http.oauth2ResourceServer(rs ->
            rs.jwt(jwt -> jwt.authenticationManager(manager))
                .bearerTokenResolver(new HeaderBearerTokens())
                .authenticationEntryPoint(errors)
                .accessDeniedHandler(errors))
        .addFilterAfter(RefusalTrail.capture(), BearerTokenAuthenticationFilter.class)
        .addFilterAfter(
            new RateLimitFilter(
                context.getBean(RateLimits.class),
                context.getBean(RateLimitProperties.class),
                errors),
            BearerTokenAuthenticationFilter.class)
        .exceptionHandling(e -> e.authenticationEntryPoint(errors).accessDeniedHandler(errors))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        // Nothing here signs out. (The servlet API stays: Actuator asks isUserInRole.)
        .logout(AbstractHttpConfigurer::disable);
  }

  /**
   * Checks signature (RS256 with one of the server's own keys only, found by the token's {@code
   * kid}, so {@code alg=none} and HMAC confusion are refused), issuer, audience, expiry and
   * not-before, and that a token with patient scopes names its patient: such a token without one
   * must not open anything. Every instance holds the same keys, so each checks the others' tokens
   * locally.
   */
  @Bean
  JwtDecoder jwtDecoder(SigningKeys keys, SecurityProperties props, RevokedGrants revoked) {
    NimbusJwtDecoder decoder =
        NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<>(keys.publicKeys()))
            .jwsAlgorithm(SignatureAlgorithm.RS256)
            .build();
    OAuth2TokenValidator<Jwt> audience =
        new JwtClaimValidator<List<String>>(
            "aud", aud -> aud != null && aud.contains(props.fhirBase()));
    decoder.setJwtValidator(
        new DelegatingOAuth2TokenValidator<>(
            JwtValidators.createDefaultWithIssuer(props.issuer().toString()),
            audience,
            FhirSecurityConfiguration::patientScopesNeedPatient));
    return new CachingJwtDecoder(decoder, revoked, Clock.systemUTC());
  }

  private static OAuth2TokenValidatorResult patientScopesNeedPatient(Jwt jwt) {
    List<String> scopes = Callers.scopesOf(jwt);
    boolean patientScoped = SmartScopes.parse(scopes).hasLevel(SmartScopes.Level.PATIENT);
    if (patientScoped && jwt.getClaimAsString(TokenClaims.PATIENT) == null) {
      return OAuth2TokenValidatorResult.failure(
          new OAuth2Error("invalid_token", "patient scopes without a patient context", null));
    }
    return OAuth2TokenValidatorResult.success();
  }
}
