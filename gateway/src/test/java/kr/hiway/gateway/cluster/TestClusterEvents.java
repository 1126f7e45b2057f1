package kr.hiway.gateway.cluster;

import java.sql.DriverManager;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** Cluster events for tests outside this package. */
public final class TestClusterEvents {

  private TestClusterEvents() {}

  /** A started PostgreSQL event channel; close it when done. */
  public static ClusterEvents postgres(DataSource ds, String url, String user) throws Exception {
    PostgresClusterEvents events =
        new PostgresClusterEvents(
            new JdbcTemplate(ds), () -> DriverManager.getConnection(url, user, ""));
    events.start();
    return events;
  }
}
