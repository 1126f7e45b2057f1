package kr.hiway.gateway.transaction;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Connection settings the gateway needs from the PostgreSQL driver, whatever the configured URL
 * says: {@code reWriteBatchedInserts}, so that a JDBC batch of audit rows goes as multi-row inserts
 * in one round trip (the group commit's batches), instead of one statement per row. Other
 * databases' connections are left as they are (H2 refuses settings it does not know).
 */
@Component
class PostgresConnections implements BeanPostProcessor {

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof HikariDataSource pool
        && pool.getJdbcUrl() != null
        && pool.getJdbcUrl().startsWith("jdbc:postgresql:")
        && !pool.getDataSourceProperties().containsKey("reWriteBatchedInserts")) {
      pool.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    return bean;
  }
}
