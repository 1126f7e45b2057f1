package kr.hiway.gateway.security;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import kr.hiway.gateway.account.StaffRole;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The staff APIs as an OAuth 2.0 resource server: the ledger and regulator APIs for the regulator
 * role, re-identification for the trust center. A role counts only when the token carries both the
 * staff member's role (from their account) and the scope of that role (granted to the client), so
 * neither a patient signing in through the console client nor a staff token of another client opens
 * anything. The latest checkpoint and the log's public key are public, as a transparency log's are.
 * The operator role holds the admin API (hospitals, their certificates) and the Prometheus metrics;
 * the CA certificate and its CRL are public, as a CA's are.
 */
@Configuration(proxyBeanMethods = false)
class StaffSecurityConfiguration {

  /** The scope a client must hold for a token to act in the role; the role's code. */
  static String scopeOf(StaffRole role) {
    return role.code();
  }

  @Bean
  @Order(2)
  SecurityFilterChain staffChain(HttpSecurity http, JwtDecoder decoder, FhirContext fhir)
      throws Exception {
    JwtAuthenticationConverter roles = new JwtAuthenticationConverter();
    roles.setJwtGrantedAuthoritiesConverter(StaffSecurityConfiguration::authorities);
    http.securityMatcher(
            "/ledger/**",
            "/regulator/**",
            "/trust-center/**",
            "/export-review/**",
            "/admin/**",
            "/pki/**",
            "/actuator/health/**",
            "/actuator/prometheus")
        .authorizeHttpRequests(requests ->
            requests
                .requestMatchers(HttpMethod.GET, "/ledger/checkpoint", "/ledger/key")
                .permitAll()
                // Published as a CA publishes them: adapters fetch the CRL on a schedule.
                .requestMatchers(HttpMethod.GET, "/pki/ca.pem", "/pki/crl")
                .permitAll()
                // Health is public; its details (each hospital) show only to an operator's token.
                .requestMatchers(HttpMethod.GET, "/actuator/health/**")
                .permitAll()
                .requestMatchers("/admin/**", "/actuator/prometheus")
                .hasAuthority(StaffRole.OPERATOR.authority())
                .requestMatchers("/ledger/**", "/regulator/**")
                .hasAuthority(StaffRole.REGULATOR.authority())
                .requestMatchers("/trust-center/**")
                .hasAuthority(StaffRole.TRUST_CENTER.authority())
                // The review of a cohort export's re-identification risk (docs/export.md).
                .requestMatchers("/export-review/**")
                .hasAuthority(StaffRole.TRUST_CENTER.authority())
                .anyRequest()
                .denyAll());
    return FhirSecurityConfiguration.bearerOnly(http, decoder, fhir, roles).build();
  }

  private static Collection<GrantedAuthority> authorities(Jwt jwt) {
    List<String> scopes = Callers.scopesOf(jwt);
    List<GrantedAuthority> out = new ArrayList<>(1);
    StaffRole.ofCode(jwt.getClaimAsString(TokenClaims.ROLE))
        .filter(role -> scopes.contains(scopeOf(role)))
        .ifPresent(role -> out.add(new SimpleGrantedAuthority(role.authority())));
    return out;
  }
}
