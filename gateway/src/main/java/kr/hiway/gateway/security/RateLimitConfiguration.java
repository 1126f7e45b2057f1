package kr.hiway.gateway.security;

import java.time.Clock;
import javax.sql.DataSource;
import kr.hiway.gateway.audit.AuditTrail;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

  /** Shared through PostgreSQL when that is the database; in memory on the demo's H2. */
  @Bean(destroyMethod = "close")
  RateLimits rateLimits(DataSource dataSource, AuditTrail audit, RateLimitProperties props) {
    return new RateLimits(audit.onPostgres() ? dataSource : null, props.sync());
  }

  @Bean
  SignInLimits signInLimits(
      JdbcClient jdbc, RateLimits buckets, RateLimitProperties props, Clock clock) {
    return new SignInLimits(jdbc, buckets, props, clock);
  }
}
