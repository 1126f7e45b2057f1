package kr.hiway.gateway.cluster;

import java.sql.DriverManager;
import java.sql.SQLException;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
class ClusterEventsConfiguration {

  /**
   * On PostgreSQL, which several instances share, events go through the database; on the demo's
   * embedded H2, which only this process can open, they stay in the process.
   */
  @Bean
  ClusterEvents clusterEvents(DataSourceProperties dataSource, JdbcTemplate jdbc)
      throws SQLException {
    String url = dataSource.determineUrl();
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      return new LocalClusterEvents();
    }
    String user = dataSource.determineUsername();
    String password = dataSource.determinePassword();
    PostgresClusterEvents events =
        new PostgresClusterEvents(
            jdbc, () -> DriverManager.getConnection(url, user, password == null ? "" : password));
    events.start();
    return events;
  }
}
