package kr.hiway.gateway.security;

import java.time.Clock;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.filter.CorsFilter;

/**
 * CORS ({@link RegisteredOrigins}) on what a browser SMART app calls: the FHIR API and its
 * discovery, the token, revocation and introspection endpoints, the JWKS and OpenID discovery.
 * Before Spring Security, so that a preflight (which carries no token) is answered, and an allowed
 * origin's errors (401, 403) can be read by the app too.
 */
@Configuration(proxyBeanMethods = false)
class CorsConfiguration {

  @Bean
  RegisteredOrigins registeredOrigins(JdbcClient jdbc, Clock clock) {
    return new RegisteredOrigins(jdbc, clock);
  }

  @Bean
  FilterRegistrationBean<CorsFilter> corsFilter(RegisteredOrigins origins) {
    FilterRegistrationBean<CorsFilter> registration =
        new FilterRegistrationBean<>(new CorsFilter(origins));
    registration.addUrlPatterns(
        "/fhir/*",
        "/oauth2/token",
        "/oauth2/revoke",
        "/oauth2/introspect",
        "/oauth2/jwks",
        "/.well-known/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }
}
