package kr.hiway.gateway.security;

import java.sql.DatabaseMetaData;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * The browser's session during sign-in (the authorization request it came with, the CSRF token,
 * then who signed in) lives in the database through Spring Session JDBC, so that any instance
 * serves any step of the authorization-code flow without sticky sessions. The bearer-token APIs
 * stay stateless and make no session. The tables come from a Flyway migration. Attributes are Java
 * serialized: after an upgrade of Spring Security to another minor version, empty {@code
 * spring_session} (a sign-in under way starts again) rather than let old sessions fail to load.
 */
@Configuration(proxyBeanMethods = false)
class SignInSessions {

  /**
   * On PostgreSQL, an attribute is written with {@code INSERT ... ON CONFLICT}: two instances
   * answering one browser at once would otherwise both insert it, and one would fail on the key. H2
   * (the demo) does not know that statement and keeps the plain insert.
   */
  @Bean
  SessionRepositoryCustomizer<JdbcIndexedSessionRepository> postgresSessionUpserts(
      DataSource dataSource) throws MetaDataAccessException {
    String product =
        JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> upserts =
        new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
    return repository -> {
      if ("PostgreSQL".equals(product)) {
        upserts.customize(repository);
      }
    };
  }
}
