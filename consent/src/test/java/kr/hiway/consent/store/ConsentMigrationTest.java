package kr.hiway.consent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The consent migrations run on H2 in PostgreSQL mode, and only once; {@code
 * ConsentMigrationPostgresTest} runs the same check on PostgreSQL.
 */
class ConsentMigrationTest {

  @Test
  void migrateWhenH2InPostgresModeThenConsentTablesAndIndexes() throws SQLException {
    check(
        new DriverManagerDataSource(
            "jdbc:h2:mem:migration-"
                + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
            "sa",
            ""));
  }

  static void check(DataSource dataSource) throws SQLException {
    Flyway flyway =
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();

    MigrateResult first = flyway.migrate();
    MigrateResult second = flyway.migrate();

    assertThat(first.migrationsExecuted).isPositive();
    assertThat(second.migrationsExecuted).isZero();
    List<String> versions = new ArrayList<>();
    for (MigrationInfo m : flyway.info().applied()) {
      versions.add(m.getVersion().getVersion());
    }
    assertThat(versions).contains("110");
    try (Connection c = dataSource.getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      assertThat(columns(meta, "consent"))
          .containsExactlyInAnyOrder("id", "patient_id", "current_version", "created_at");
      assertThat(columns(meta, "consent_version"))
          .containsExactlyInAnyOrder(
              "id",
              "version",
              "patient_id",
              "recipient",
              "status",
              "valid_from",
              "valid_to",
              "created_at",
              "fhir_json");
      assertThat(indexes(meta, "consent_version"))
          .contains(
              "consent_version_patient_recipient_idx",
              "consent_version_status_idx",
              "consent_version_validity_idx",
              "consent_version_created_idx");
    }
  }

  private static List<String> columns(DatabaseMetaData meta, String table) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = meta.getColumns(null, null, table, null)) {
      while (rs.next()) {
        out.add(rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
      }
    }
    return out;
  }

  private static List<String> indexes(DatabaseMetaData meta, String table) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = meta.getIndexInfo(null, null, table, false, false)) {
      while (rs.next()) {
        String name = rs.getString("INDEX_NAME");
        if (name != null) {
          out.add(name.toLowerCase(java.util.Locale.ROOT));
        }
      }
    }
    return out;
  }
}
