package kr.hiway.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import kr.hiway.consent.testing.PostgresDatabase;
import kr.hiway.gateway.registry.HospitalRegistry;
import kr.hiway.gateway.registry.RegisteredHospital;
import kr.hiway.gateway.testing.GatewayDatabase;
import kr.hiway.gateway.testing.GatewayHttp;
import kr.hiway.gateway.testing.SmartLogin;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The patient's own access record, written while the hospitals answer (they take 300 ms here), on a
 * real PostgreSQL: what a cut connection, a lost completion and a failed fetch leave behind.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"hiway.demo.persons=100", "hiway.demo.latency=300ms", "hiway.demo.jitter=0ms"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditBeforeReleasePostgresTest {

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  @DynamicPropertySource
  static void datasource(DynamicPropertyRegistry registry) {
    GatewayDatabase.register(db, registry);
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired HospitalRegistry registry;

  GatewayHttp api;
  String token;
  String patient;

  @BeforeAll
  void signIn() throws Exception {
    String base = "http://localhost:" + port;
    api = new GatewayHttp(base);
    SmartLogin.Tokens t =
        new SmartLogin(base)
            .signIn("patient47", "patient47", "launch/patient patient/*.rs patient/AuditEvent.rs");
    token = t.accessToken();
    patient = t.body().path("patient").asString();
  }

  @Test
  void searchWhenReleasedThenItsAccessRecordIsCompletedWithWhatWasReleasedAndNeverRewritten()
      throws Exception {
    String query = "Observation?patient=" + patient + "&_count=7";
    GatewayHttp.Answer answer = api.get(query, token);
    assertThat(answer.status()).isEqualTo(200);
    int entries = answer.bundle().getEntry().size();

    Row row = awaitRow(query, false);

    assertThat(row.outcome()).isEqualTo("0");
    assertThat(row.record()).contains("\"released\":" + entries);
    // The access row itself is as it was written before the release: the outcome is a row of its
    // own (or, had the answer been ready before the access row's commit began, as under load, the
    // one row would have been written whole; LedgerCommitsPostgresTest covers that).
    boolean completed =
        jdbc.sql("SELECT count(*) FROM audit_outcome WHERE event_id = ?")
                .param(row.id())
                .query(Long.class)
                .single()
            == 1;
    String written =
        jdbc.sql("SELECT record FROM audit_event WHERE id = ?")
            .param(row.id())
            .query(String.class)
            .single();
    if (completed) {
      assertThat(written).doesNotContain("\"released\":" + entries);
    } else {
      assertThat(written).contains("\"released\":" + entries);
    }
  }

  @Test
  void searchWhenTheConnectionIsCutBeforeTheAccessRecordCommitsThen503AndNothingReleased()
      throws Exception {
    String query = "Observation?patient=" + patient + "&_count=11";
    long before = rows();
    try (Connection locker = DriverManager.getConnection(db.jdbcUrl(), db.user(), "");
        Statement s = locker.createStatement()) {
      locker.setAutoCommit(false);
      // The access record's insert waits on this lock while the hospitals are asked; then its
      // connection is cut, as a database restart or a network failure would.
      s.execute("LOCK TABLE audit_event IN ACCESS EXCLUSIVE MODE");
      CompletableFuture<GatewayHttp.Answer> pending =
          CompletableFuture.supplyAsync(() -> {
            try {
              return api.get(query, token);
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });
      int cut = 0;
      for (int i = 0; i < 100 && cut == 0; i++) {
        Thread.sleep(20);
        try (var rs =
            s.executeQuery(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND wait_event_type = 'Lock'"
                    + " AND pid <> pg_backend_pid()")) {
          rs.next();
          cut = rs.getInt(1);
        }
      }
      assertThat(cut).as("a waiting insert was cut").isPositive();
      locker.rollback();

      GatewayHttp.Answer answer = pending.get();

      assertThat(answer.status()).isEqualTo(503);
      assertThat(answer.errorCode()).isEqualTo("HIW-G017");
      assertThat(answer.body()).doesNotContain("\"resourceType\":\"Observation\"");
    }
    assertThat(rows()).isEqualTo(before);
    // The gateway goes on with fresh connections.
    assertThat(api.get(query, token).status()).isEqualTo(200);
  }

  @Test
  void searchWhenTheCompletionIsLostAfterTheReleaseThenTheRecordStaysAndReadsAsIncomplete()
      throws Exception {
    String query = "Observation?patient=" + patient + "&_count=3";
    // As if the instance died after the release: the completion never reaches the table.
    jdbc.sql(
            "CREATE FUNCTION refuse_outcome() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION"
                + " 'no completion'; END $$ LANGUAGE plpgsql")
        .update();
    jdbc.sql(
            "CREATE TRIGGER lost_completion BEFORE INSERT ON audit_outcome FOR EACH ROW EXECUTE"
                + " FUNCTION refuse_outcome()")
        .update();
    try {
      assertThat(api.get(query, token).status()).isEqualTo(200);
      Thread.sleep(500);
    } finally {
      jdbc.sql("DROP TRIGGER lost_completion ON audit_outcome").update();
      jdbc.sql("DROP FUNCTION refuse_outcome()").update();
    }

    Row row = awaitRow(query, true);
    assertThat(row.outcome()).isEqualTo("0");
    Bundle events = api.get("AuditEvent?patient=" + patient, token).bundle();
    assertThat(events.getEntry())
        .map(e -> (AuditEvent) e.getResource())
        .filteredOn(e -> e.getId().endsWith(row.id()))
        .singleElement()
        .satisfies(e -> assertThat(e.getOutcomeDesc()).isEqualTo(BalpEvents.INCOMPLETE));
  }

  @Test
  void searchWhenNoHospitalAnswersThenItsAccessRecordSaysNothingWasReleased() throws Exception {
    String query = "Observation?patient=" + patient + "&_count=13";
    List<RegisteredHospital> registered = registry.all();
    GatewayHttp.Answer answer;
    try {
      for (RegisteredHospital h : registered) {
        registry.register(h.hospital(), URI.create("https://127.0.0.1:1/fhir"));
      }
      answer = api.get(query, token);
    } finally {
      for (RegisteredHospital h : registered) {
        registry.register(h.hospital(), h.baseUrl());
      }
    }
    assertThat(answer.status()).isEqualTo(503);

    Row row = awaitRow(query, false);
    assertThat(row.outcome()).isEqualTo("4");
    assertThat(row.record()).contains("nothing released: HIW-G008");
  }

  record Row(String id, String outcome, String record, boolean pending) {}

  /**
   * The access record of the request with {@code query}, with its outcome if it has one, once it is
   * (still) {@code pending}, that is without one.
   */
  Row awaitRow(String query, boolean pending) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      List<Row> rows =
          jdbc.sql(
                  "SELECT e.id, COALESCE(o.outcome, e.outcome) AS outcome, COALESCE(o.record,"
                      + " e.record) AS record, e.pending AND o.event_id IS NULL AS pending FROM"
                      + " audit_event e LEFT JOIN audit_outcome o ON o.event_id = e.id WHERE"
                      + " e.record LIKE ? ORDER BY e.recorded DESC")
              .param("%" + query.substring(query.indexOf('?') + 1) + "%")
              .query((rs, i) ->
                  new Row(
                      rs.getString("id"),
                      rs.getString("outcome"),
                      rs.getString("record"),
                      rs.getBoolean("pending")))
              .list();
      if (rows.size() == 1 && rows.getFirst().pending() == pending) {
        return rows.getFirst();
      }
      assertThat(rows).hasSizeLessThanOrEqualTo(1);
      if (System.nanoTime() > end) {
        throw new AssertionError("no access record with pending=" + pending + ": " + rows);
      }
      Thread.sleep(50);
    }
  }

  long rows() {
    return jdbc.sql("SELECT count(*) FROM audit_event").query(Long.class).single();
  }
}
