package kr.hiway.consent.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import kr.hiway.consent.ledger.LedgerTestPool;

/**
 * A PostgreSQL database of its own for a benchmark, on the server the tests use (system properties
 * {@code hiway.test.postgres.url} and {@code hiway.test.postgres.user}).
 */
final class LedgerBenchDatabase {

  static final String ADMIN_URL =
      System.getProperty("hiway.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
  static final String USER = System.getProperty("hiway.test.postgres.user", "postgres");

  private LedgerBenchDatabase() {}

  static String url(String name) {
    return ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
  }

  static boolean exists(String name) throws SQLException {
    try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
      return rs.next();
    }
  }

  /** Drops and recreates the database, then migrates it. */
  static void recreate(String name) throws SQLException {
    drop(name);
    try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    LedgerTestPool.migrate(url(name), USER);
  }

  static void drop(String name) throws SQLException {
    try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }
}
