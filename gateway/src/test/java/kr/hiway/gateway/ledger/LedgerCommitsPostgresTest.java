package kr.hiway.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kr.hiway.consent.ledger.Appended;
import kr.hiway.consent.ledger.ConsentRevoked;
import kr.hiway.consent.ledger.JdbcLedgerStore;
import kr.hiway.consent.ledger.Ledger;
import kr.hiway.consent.testing.PostgresDatabase;
import kr.hiway.gateway.audit.AuditTrail;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Group commit with work: every unit's entries and work commit together, many units share a
 * transaction, and a unit that cannot be written fails alone.
 */
class LedgerCommitsPostgresTest {

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  DriverManagerDataSource dataSource;
  Ledger ledger;
  LedgerCommits commits;
  JdbcClient jdbc;

  @BeforeEach
  void setUp() {
    dataSource = new DriverManagerDataSource(db.jdbcUrl(), db.user(), "");
    Flyway.configure().dataSource(dataSource).cleanDisabled(false).load().clean();
    Flyway.configure().dataSource(dataSource).load().migrate();
    jdbc = JdbcClient.create(dataSource);
    jdbc.sql("CREATE TABLE work_done (unit INT PRIMARY KEY)").update();
    ledger = new Ledger(new JdbcLedgerStore(dataSource));
    commits =
        new LedgerCommits(
            ledger,
            new AuditTrail(
                jdbc,
                new org.springframework.jdbc.core.JdbcTemplate(dataSource),
                ca.uhn.fhir.context.FhirContext.forR4Cached(),
                java.time.Clock.systemUTC()),
            new DataSourceTransactionManager(dataSource));
  }

  @AfterEach
  void tearDown() throws Exception {
    commits.close();
    jdbc.sql("DROP TABLE work_done").update();
  }

  @Test
  void commitWhenManyAtOnceThenAllCommittedInOneGaplessLogWithTheirWork() throws Exception {
    List<Future<List<Appended>>> done = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 300; i++) {
        int unit = i;
        done.add(pool.submit(() -> commits.commit(List.of(entry(unit)), () -> work(unit))));
      }
    }
    List<Long> indexes = new ArrayList<>();
    for (Future<List<Appended>> f : done) {
      indexes.add(f.get().getFirst().index());
    }
    assertThat(indexes).doesNotHaveDuplicates().hasSize(300);
    assertThat(ledger.head().size()).isEqualTo(300);
    assertThat(jdbc.sql("SELECT count(*) FROM work_done").query(Long.class).single())
        .isEqualTo(300);
    // appended_at is the transaction's start time in PostgreSQL: one value per transaction.
    long transactions =
        jdbc.sql("SELECT count(DISTINCT appended_at) FROM ledger_leaf").query(Long.class).single();
    assertThat(transactions).isLessThan(300);
  }

  @Test
  void commitWhenOneUnitsWorkFailsThenOnlyThatUnitFails() throws Exception {
    jdbc.sql("INSERT INTO work_done (unit) VALUES (7)").update(); // unit 7's work will collide
    List<Future<List<Appended>>> done = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 50; i++) {
        int unit = i;
        done.add(pool.submit(() -> commits.commit(List.of(entry(unit)), () -> work(unit))));
      }
    }
    for (int i = 0; i < 50; i++) {
      Future<List<Appended>> f = done.get(i);
      if (i == 7) {
        assertThatThrownBy(f::get).hasRootCauseInstanceOf(java.sql.SQLException.class);
      } else {
        assertThat(f.get()).hasSize(1);
      }
    }
    assertThat(ledger.head().size()).isEqualTo(49);
    assertThat(jdbc.sql("SELECT count(*) FROM work_done").query(Long.class).single()).isEqualTo(50);
  }

  @Test
  void submitReplaceableWhenReplacedBeforeItsCommitBeganThenOnlyTheReplacementIsWritten()
      throws Exception {
    AuditTrail trail = audit();
    java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
    // The writer is busy with another unit, as it is under load while a batch gathers.
    var busy = commits.submit(List.of(), List.of(), List.of(), () -> await(hold));
    AuditTrail.Row opened = trail.row(access().build(), true);
    LedgerCommits.Replaceable queued = commits.submitReplaceable(opened);
    AuditTrail.Row whole =
        new AuditTrail.Row(
            opened.id(), opened.recorded(), access().released(3).withheld(1).build(), false);

    assertThat(queued.replace(opened, whole)).isTrue();
    hold.countDown();
    busy.get();
    queued.done().get();

    assertThat(
            jdbc.sql("SELECT pending FROM audit_event WHERE id = ?")
                .param(opened.id())
                .query(Boolean.class)
                .single())
        .isFalse();
    assertThat(
            jdbc.sql("SELECT record FROM audit_event WHERE id = ?")
                .param(opened.id())
                .query(String.class)
                .single())
        .contains("\"released\":3");
    assertThat(jdbc.sql("SELECT count(*) FROM audit_outcome").query(Long.class).single()).isZero();
  }

  @Test
  void submitReplaceableWhenTheReplacementCannotBeWrittenThenItFailsAndNothingIsLeft()
      throws Exception {
    AuditTrail trail = audit();
    jdbc.sql(
            "CREATE FUNCTION refuse_event() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION"
                + " 'no audit'; END $$ LANGUAGE plpgsql")
        .update();
    jdbc.sql(
            "CREATE TRIGGER refuse_event BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE"
                + " FUNCTION refuse_event()")
        .update();
    try {
      java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
      var busy = commits.submit(List.of(), List.of(), List.of(), () -> await(hold));
      AuditTrail.Row opened = trail.row(access().build(), true);
      LedgerCommits.Replaceable queued = commits.submitReplaceable(opened);
      AuditTrail.Row whole =
          new AuditTrail.Row(opened.id(), opened.recorded(), access().released(3).build(), false);
      assertThat(queued.replace(opened, whole)).isTrue();
      hold.countDown();
      busy.get();

      // The caller of a whole record waits on this: it fails, so nothing is released (503).
      assertThatThrownBy(() -> LedgerCommits.await(queued.done()))
          .isInstanceOf(kr.hiway.gateway.audit.AuditUnavailableException.class);
    } finally {
      jdbc.sql("DROP TRIGGER refuse_event ON audit_event").update();
      jdbc.sql("DROP FUNCTION refuse_event()").update();
    }
    assertThat(jdbc.sql("SELECT count(*) FROM audit_event").query(Long.class).single()).isZero();
  }

  @Test
  void submitReplaceableWhenItsCommitHasBegunThenItCannotBeReplaced() throws Exception {
    AuditTrail.Row opened = audit().row(access().build(), true);
    LedgerCommits.Replaceable queued = commits.submitReplaceable(opened);
    queued.done().get();

    AuditTrail.Row whole =
        new AuditTrail.Row(opened.id(), opened.recorded(), access().released(3).build(), false);
    assertThat(queued.replace(opened, whole)).isFalse();
    assertThat(
            jdbc.sql("SELECT pending FROM audit_event WHERE id = ?")
                .param(opened.id())
                .query(Boolean.class)
                .single())
        .isTrue();
  }

  AuditTrail audit() {
    return new AuditTrail(
        jdbc,
        new org.springframework.jdbc.core.JdbcTemplate(dataSource),
        ca.uhn.fhir.context.FhirContext.forR4Cached(),
        java.time.Clock.systemUTC());
  }

  static kr.hiway.gateway.audit.AuditRecord.Builder access() {
    return kr.hiway.gateway.audit.AuditRecord.success(
            kr.hiway.gateway.audit.AuditAction.SEARCH_TYPE, "mobile-backend", "patient1")
        .patient("pt-1")
        .reason("the patient's own access");
  }

  static void await(java.util.concurrent.CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void work(int unit) {
    jdbc.sql("INSERT INTO work_done (unit) VALUES (?)").param(unit).update();
  }

  static ConsentRevoked entry(int unit) {
    return new ConsentRevoked("consent-" + unit, "ps-unit" + unit, Instant.EPOCH.plusSeconds(unit));
  }
}
