package kr.hiway.consent.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import kr.hiway.consent.testing.PostgresDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The ledger's migrations, and the store on top of them, on PostgreSQL and on H2. */
class LedgerMigrationTest {

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  private static String url(String database) {
    return switch (database) {
      case "h2" ->
          "jdbc:h2:mem:ledger_"
              + UUID.randomUUID().toString().substring(0, 8)
              + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
      case "postgresql" -> db.jdbcUrl();
      default -> throw new IllegalArgumentException(database);
    };
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h2", "postgresql"})
  void migrateWhenFreshDatabaseThenLedgerTablesWorkEndToEnd(String database) {
    String url = url(database);
    String user = database.equals("h2") ? "sa" : db.user();
    MigrateResult result =
        Flyway.configure()
            .dataSource(url, user, "")
            .locations("classpath:db/migration")
            .load()
            .migrate();
    assertThat(result.success).isTrue();
    assertThat(result.migrations).extracting(m -> m.version).contains("100");

    DataSource ds = new DriverManagerDataSource(url, user, "");
    JdbcTemplate jdbc = new JdbcTemplate(ds);
    assertThat(jdbc.queryForObject("SELECT tree_size FROM ledger_head WHERE id = 1", Long.class))
        .isZero();

    Ledger ledger = new Ledger(new JdbcLedgerStore(ds));
    List<byte[]> data = LedgerTestData.entryData(21);
    ledger.store().append(data.subList(0, 20));
    ledger.store().append(data.subList(20, 21));
    List<byte[]> hashes = LedgerTestData.leafHashes(data);
    assertThat(ledger.head().rootHash()).isEqualTo(ReferenceMerkleTree.root(hashes));
    assertThat(
            ledger
                .inclusionProof(13, 21)
                .samePath(ReferenceMerkleTree.inclusionPath(hashes, 13, 21)))
        .isTrue();
    assertThat(
            ledger
                .consistencyProof(7, 21)
                .samePath(ReferenceMerkleTree.consistencyProof(hashes, 7, 21)))
        .isTrue();
    assertThat(ledger.store().indexOf(hashes.get(20), 21)).hasValue(20);

    CheckpointSigner signer = CheckpointSigner.generate("hiway.test/" + database);
    SignedCheckpoint issued =
        new Checkpointer(ledger, signer, "hiway.test/" + database, java.time.Clock.systemUTC())
            .issue();
    assertThat(ledger.store().latestCheckpoint()).contains(issued);
    assertThat(Stream.of(issued.note())).allMatch(n -> n.contains("\n21\n"));
  }
}
