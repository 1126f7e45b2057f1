package kr.hiway.gateway.operations;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * With a management port of its own ({@code management.server.port}, production), health and the
 * Prometheus metrics are served there without a token: the port is reachable from the cluster's
 * internal network only (docs/deployment.md), where the kubelet's probes and the metrics scraper
 * hold no token. Nothing else is served on it. Health details (each hospital) still show only to an
 * operator's token. On the main port nothing changes: metrics there need an operator's token.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
class ManagementPortSecurity {

  /** The management server's actual port, once it listens (it may be 0 in the configuration). */
  @Bean
  ManagementPort managementPort() {
    return new ManagementPort();
  }

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  SecurityFilterChain managementPortChain(HttpSecurity http, ManagementPort port) throws Exception {
    http.securityMatcher(request -> request.getLocalPort() == port.value())
        .authorizeHttpRequests(requests ->
            requests
                .requestMatchers(HttpMethod.GET, "/actuator/health/**", "/actuator/prometheus")
                .permitAll()
                .anyRequest()
                .denyAll())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable());
    return http.build();
  }

  static final class ManagementPort implements ApplicationListener<WebServerInitializedEvent> {

    private final AtomicInteger port = new AtomicInteger(-1);

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
      if ("management".equals(event.getApplicationContext().getServerNamespace())) {
        port.set(event.getWebServer().getPort());
      }
    }

    int value() {
      return port.get();
    }
  }
}
