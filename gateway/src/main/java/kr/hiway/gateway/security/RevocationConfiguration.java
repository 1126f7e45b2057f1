package kr.hiway.gateway.security;

import java.time.Clock;
import kr.hiway.gateway.cluster.ClusterEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class RevocationConfiguration {

  @Bean
  RevokedGrants revokedGrants(JdbcClient jdbc, ClusterEvents events, Clock clock) {
    return new RevokedGrants(jdbc, events, clock);
  }
}
