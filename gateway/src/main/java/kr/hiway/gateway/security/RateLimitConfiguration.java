package kr.hiway.gateway.security;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

  /** Shared through PostgreSQL when that is the database; in memory on the demo's H2. */
  @Bean(destroyMethod = "close")
  RateLimits rateLimits(DataSource dataSource, RateLimitProperties props) throws SQLException {
    boolean postgres;
    try (Connection c = dataSource.getConnection()) {
      postgres = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
    }
    return new RateLimits(postgres ? dataSource : null, props.sync());
  }

  @Bean
  SignInLimits signInLimits(
      JdbcClient jdbc, RateLimits buckets, RateLimitProperties props, Clock clock) {
    return new SignInLimits(jdbc, buckets, props, clock);
  }
}
