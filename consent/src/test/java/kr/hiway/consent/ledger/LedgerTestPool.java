package kr.hiway.consent.ledger;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * A fixed-size JDBC connection pool for tests and benchmarks: the consent module has no pool on its
 * classpath, and opening a PostgreSQL connection per query would measure the handshake, not the
 * ledger. Each pool is an independent "instance" with its own connections.
 *
 * <p>Thread-safe. Closing a borrowed connection returns it (rolled back if left in a transaction).
 */
public final class LedgerTestPool implements DataSource, AutoCloseable {

  private final BlockingQueue<Connection> idle;
  private final List<Connection> all = new ArrayList<>();

  public LedgerTestPool(String url, String user, int size) {
    idle = new ArrayBlockingQueue<>(size);
    try {
      for (int i = 0; i < size; i++) {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", user);
        props.setProperty("password", "");
        if (url.startsWith("jdbc:postgresql:")) {
          // As the gateway's pool: batches of inserts go as multi-row statements.
          props.setProperty("reWriteBatchedInserts", "true");
        }
        Connection c = DriverManager.getConnection(url, props);
        all.add(c);
        idle.add(c);
      }
    } catch (SQLException e) {
      close();
      throw new IllegalStateException("cannot connect to " + url, e);
    }
  }

  /** Applies the migrations in {@code db/migration} to the database. */
  public static void migrate(String url, String user) {
    Flyway.configure()
        .dataSource(url, user, "")
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection physical;
    try {
      physical = idle.poll(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted waiting for a connection", e);
    }
    if (physical == null) {
      throw new SQLException("no connection free within 30 s");
    }
    boolean[] returned = {false};
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "close" -> {
                  if (!returned[0]) {
                    returned[0] = true;
                    if (!physical.getAutoCommit()) {
                      physical.rollback();
                      physical.setAutoCommit(true);
                    }
                    idle.add(physical);
                  }
                  return null;
                }
                case "isClosed" -> {
                  return returned[0] || physical.isClosed();
                }
                case "unwrap" -> {
                  return physical.unwrap((Class<?>) args[0]);
                }
                default -> {
                  if (returned[0]) {
                    throw new SQLException("connection already returned to the pool");
                  }
                  try {
                    return method.invoke(physical, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                }
              }
            });
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return getConnection();
  }

  @Override
  public void close() {
    for (Connection c : all) {
      try {
        c.close();
      } catch (SQLException e) {
        // closing at the end of a test: nothing left to do with it
      }
    }
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
