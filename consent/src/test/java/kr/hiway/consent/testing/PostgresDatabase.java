package kr.hiway.consent.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh PostgreSQL database for one test class, dropped afterwards.
 *
 * <p>It connects to the server named by the system properties {@code hiway.test.postgres.url}
 * (default {@code jdbc:postgresql://127.0.0.1:5432/test}) and {@code hiway.test.postgres.user}
 * (default {@code postgres}), and creates {@code hiway_test_<random>} there. Where no server
 * answers, the tests are skipped with a message saying so; under CI ({@code CI=true}) they fail
 * instead, because a CI run that skipped them would prove nothing.
 *
 * <p>Use with {@code @RegisterExtension static PostgresDatabase db = new PostgresDatabase();}.
 */
public final class PostgresDatabase implements BeforeAllCallback, AfterAllCallback {

  private final String adminUrl =
      System.getProperty("hiway.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
  private final String user = System.getProperty("hiway.test.postgres.user", "postgres");
  private String name;

  @Override
  public void beforeAll(ExtensionContext context) {
    create();
  }

  // Also reached through jdbcUrl(): with a per-class test instance, Spring reads the URL before
  // JUnit's before-all callbacks run.
  private synchronized void create() {
    if (name != null) {
      return;
    }
    name = "hiway_test_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(adminUrl, user, "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      name = null;
      String why = "PostgreSQL is not reachable at " + adminUrl + " (" + e.getMessage() + ")";
      if (Boolean.parseBoolean(System.getenv("CI"))) {
        throw new IllegalStateException(why + "; CI does not skip the PostgreSQL tests", e);
      }
      Assumptions.abort(why + "; the tests that need it are skipped");
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws SQLException {
    if (name == null) {
      return;
    }
    try (Connection c = DriverManager.getConnection(adminUrl, user, "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  /** The JDBC URL of this test class's own database. */
  public String jdbcUrl() {
    create();
    int slash = adminUrl.lastIndexOf('/');
    return adminUrl.substring(0, slash + 1) + name;
  }

  public String user() {
    return user;
  }
}
