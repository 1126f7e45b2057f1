package kr.hiway.consent.store;

import java.sql.SQLException;
import kr.hiway.consent.testing.PostgresDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The consent migrations run on a real PostgreSQL, and only once. */
class ConsentMigrationPostgresTest {

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  @Test
  void migrateWhenPostgresThenConsentTablesAndIndexes() throws SQLException {
    ConsentMigrationTest.check(new DriverManagerDataSource(db.jdbcUrl(), db.user(), ""));
  }
}
