package kr.hiway.gateway.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Everything outside the authorization server and the FHIR API: the sign-in form, health, and the
 * regulator's console, whose static files are public: it signs in through the authorization server
 * itself and reads data only from the bearer-protected staff APIs.
 */
@Configuration(proxyBeanMethods = false)
class LoginConfiguration {

  @Bean
  @Order(3)
  SecurityFilterChain defaultChain(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(requests ->
            requests
                .requestMatchers("/login", "/error", "/console", "/console/**")
                .permitAll()
                .anyRequest()
                .authenticated())
        .formLogin(Customizer.withDefaults());
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
