package kr.hiway.gateway.security;

import kr.hiway.gateway.error.FhirErrorResponses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/**
 * Everything outside the authorization server and the FHIR API: the sign-in form, health, the APIs'
 * OpenAPI description, and the regulator's console, whose static files are public: it signs in
 * through the authorization server itself and reads data only from the bearer-protected staff APIs.
 */
@Configuration(proxyBeanMethods = false)
class LoginConfiguration {

  @Bean
  @Order(3)
  SecurityFilterChain defaultChain(
      HttpSecurity http, SignInLimits limits, ca.uhn.fhir.context.FhirContext fhir)
      throws Exception {
    SignInGuard guard = new SignInGuard(limits, new FhirErrorResponses(fhir));
    http.authorizeHttpRequests(requests ->
            requests
                .requestMatchers("/login", "/error", "/console", "/console/**")
                .permitAll()
                // The APIs' OpenAPI description (openapi/): what the controllers expose, no data.
                .requestMatchers(
                    HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml")
                .permitAll()
                .anyRequest()
                .authenticated())
        // The project's own sign-in page (SignInPage), guarded against guessing (SignInGuard).
        .formLogin(login ->
            login.loginPage("/login").successHandler(guard).failureHandler(guard).permitAll())
        .addFilterBefore(guard, UsernamePasswordAuthenticationFilter.class);
    return http.build();
  }

  /**
   * No tracing observations around each security filter: they cost a measurable share of a small
   * request and nothing here reads them. Requests are still measured as a whole by the server.
   */
  @Bean
  SecurityObservationSettings securityObservations() {
    return SecurityObservationSettings.noObservations();
  }
}
