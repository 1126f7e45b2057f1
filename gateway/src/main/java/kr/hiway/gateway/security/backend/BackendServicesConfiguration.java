package kr.hiway.gateway.security.backend;

import java.time.Clock;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

/** SMART Backend Services client authentication and what it needs. */
@Configuration(proxyBeanMethods = false)
class BackendServicesConfiguration {

  @Bean
  ClientAssertionAuthentication clientAssertionAuthentication(
      JdbcClient jdbc, AuthorizationServerSettings settings) {
    Clock clock = Clock.systemUTC();
    ClientAssertionChecks checks =
        new ClientAssertionChecks(audiences(settings), new UsedAssertionIds(jdbc, clock), clock);
    return new ClientAssertionAuthentication(new ClientAssertionDecoders(checks));
  }

  /** The issuer and its token endpoint, as discovery publishes them. */
  static Set<String> audiences(AuthorizationServerSettings settings) {
    String issuer = settings.getIssuer();
    if (issuer.endsWith("/")) {
      issuer = issuer.substring(0, issuer.length() - 1);
    }
    return Set.of(issuer, issuer + settings.getTokenEndpoint());
  }
}
