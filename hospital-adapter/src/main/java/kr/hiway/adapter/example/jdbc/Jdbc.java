package kr.hiway.adapter.example.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Plain JDBC with bound parameters, one connection per query. A hospital would hand in a pooled
 * {@link DataSource} (HikariCP, its application server's); the in-memory sample needs none.
 * Thread-safe if the data source is.
 */
final class Jdbc {

  /** Maps the current row of a result set; must not advance it. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  /**
   * The EMR could not be read. The adapter answers 500 with a generic message and logs the cause;
   * SQL text carries no patient data, since every value is a bound parameter.
   */
  static final class EmrException extends RuntimeException {
    EmrException(String message, SQLException cause) {
      super(message, cause);
    }
  }

  private final DataSource dataSource;

  Jdbc(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (ResultSet rows = s.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rows.next()) {
          out.add(mapper.map(rows));
        }
        return out;
      }
    } catch (SQLException e) {
      throw new EmrException("EMR query failed: " + sql, e);
    }
  }
}
