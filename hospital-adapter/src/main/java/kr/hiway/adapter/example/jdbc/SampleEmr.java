package kr.hiway.adapter.example.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The sample EMR of the JDBC example: an in-memory H2 database holding {@code schema.sql} and
 * {@code sample-data.sql} from this package's resources. Stands in for a hospital's own database;
 * {@link JdbcHospitalSource} would read a real one the same way, given its {@link DataSource}.
 */
public final class SampleEmr {

  /** The resident registration number of 김민준, the sample patient with the most records. */
  public static final String TEST_PERSON_RESIDENT_NO = "580312-1972147";

  /** 김민준's record number, which is also his Patient id. */
  public static final String TEST_PERSON_MRN = "10000001";

  private static final String SCRIPTS = "classpath:/kr/hiway/adapter/example/jdbc/";

  private SampleEmr() {}

  /**
   * A fresh database with the sample rows, private to the caller (each call makes a new one). It
   * lives as long as the JVM, so it needs no closing.
   *
   * @throws SQLException if the scripts cannot be run
   */
  public static DataSource create() throws SQLException {
    JdbcDataSource h2 = new JdbcDataSource();
    // DB_CLOSE_DELAY=-1 keeps the in-memory database when its last connection closes.
    h2.setURL("jdbc:h2:mem:emr-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    try (Connection c = h2.getConnection();
        Statement s = c.createStatement()) {
      s.execute("RUNSCRIPT FROM '" + SCRIPTS + "schema.sql' CHARSET 'UTF-8'");
      s.execute("RUNSCRIPT FROM '" + SCRIPTS + "sample-data.sql' CHARSET 'UTF-8'");
    }
    return h2;
  }
}
