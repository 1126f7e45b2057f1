package kr.hiway.consent.store;

import javax.sql.DataSource;
import kr.hiway.consent.testing.PostgresDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** {@link ConsentStoreContract} on a real PostgreSQL, a fresh database for the class. */
class ConsentStorePostgresTest extends ConsentStoreContract {

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  private static DataSource dataSource;

  @BeforeAll
  static void migrate() {
    dataSource = new DriverManagerDataSource(db.jdbcUrl(), db.user(), "");
    migrate(dataSource);
  }

  @Override
  DataSource dataSource() {
    return dataSource;
  }
}
