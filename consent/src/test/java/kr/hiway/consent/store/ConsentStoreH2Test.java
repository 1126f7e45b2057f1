package kr.hiway.consent.store;

import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** {@link ConsentStoreContract} on H2 in PostgreSQL mode, as the demo runs. */
class ConsentStoreH2Test extends ConsentStoreContract {

  private static DataSource dataSource;

  @BeforeAll
  static void migrate() {
    dataSource =
        new DriverManagerDataSource(
            "jdbc:h2:mem:consent-"
                + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
            "sa",
            "");
    migrate(dataSource);
  }

  @Override
  DataSource dataSource() {
    return dataSource;
  }
}
