package kr.hiway.gateway.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import kr.hiway.consent.ledger.Disclosure;
import kr.hiway.consent.ledger.JdbcLedgerStore;
import kr.hiway.consent.ledger.Ledger;
import kr.hiway.consent.ledger.LedgerTestPool;
import kr.hiway.gateway.audit.AuditAction;
import kr.hiway.gateway.audit.AuditRecord;
import kr.hiway.gateway.audit.AuditTrail;
import kr.hiway.gateway.ledger.LedgerCommits;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Disclosures recorded per second on the local PostgreSQL, the way the gateway records them: each
 * caller commits one ledger entry together with one audit row through {@link LedgerCommits} (group
 * commit), against one transaction per disclosure. Prints its figures.
 *
 * <pre>
 * ./mvnw -q -DskipTests install
 * ./mvnw -q -pl gateway exec:exec@bench -Dbench.main=kr.hiway.gateway.bench.DisclosureCommitBenchmark
 * </pre>
 */
public final class DisclosureCommitBenchmark {

  private static final String ADMIN = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String DB = "hiway_bench_disclosures";

  private DisclosureCommitBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = 10;
    try (Connection c = DriverManager.getConnection(ADMIN, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
      s.execute("CREATE DATABASE " + DB);
    }
    String url =
        ADMIN.substring(0, ADMIN.lastIndexOf('/') + 1) + DB + "?reWriteBatchedInserts=true";
    LedgerTestPool.migrate(url, "postgres");
    try (LedgerTestPool pool = new LedgerTestPool(url, "postgres", 10)) {
      Ledger ledger = new Ledger(new JdbcLedgerStore(pool));
      JdbcClient jdbc = JdbcClient.create(pool);
      DataSourceTransactionManager tm = new DataSourceTransactionManager(pool);
      AuditTrail trail =
          new AuditTrail(
              jdbc,
              new org.springframework.jdbc.core.JdbcTemplate(pool),
              ca.uhn.fhir.context.FhirContext.forR4Cached(),
              java.time.Clock.systemUTC());
      try (LedgerCommits commits = new LedgerCommits(ledger, trail, tm)) {
        for (int callers : List.of(1, 32, 256)) {
          double rate =
              run(
                  seconds,
                  callers,
                  () -> commits.commit(List.of(), List.of(trail.row(OWN, false)), null));
          System.out.printf(
              "group commit, %d callers: %.0f own accesses/s (audit row each)%n", callers, rate);
        }
        for (int callers : List.of(32, 256)) {
          double rate =
              run(
                  seconds,
                  callers,
                  () -> commits.commit(List.of(entry()), List.of(trail.row(OWN, false)), null));
          System.out.printf(
              "group commit, %d callers: %.0f disclosures/s (entry + audit row each)%n",
              callers, rate);
        }
      }
      org.springframework.transaction.support.TransactionTemplate tx =
          new org.springframework.transaction.support.TransactionTemplate(tm);
      double single =
          run(
              seconds,
              32,
              () ->
                  tx.executeWithoutResult(status -> {
                    audit(jdbc);
                    ledger.append(entry());
                  }));
      System.out.printf(
          "one transaction per disclosure, 32 callers: %.0f disclosures/s; log size %d%n",
          single, ledger.head().size());
    } finally {
      try (Connection c = DriverManager.getConnection(ADMIN, "postgres", "");
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
      }
    }
    System.exit(0);
  }

  private static double run(int seconds, int callers, Runnable one) throws Exception {
    AtomicLong done = new AtomicLong();
    long warm = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    long end = warm + Duration.ofSeconds(seconds).toNanos();
    long[] atWarm = new long[1];
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < callers; t++) {
        threads.submit(() -> {
          while (System.nanoTime() < end) {
            one.run();
            done.incrementAndGet();
          }
        });
      }
      Thread.sleep(Duration.ofNanos(warm - System.nanoTime()));
      atWarm[0] = done.get();
    }
    return (done.get() - atWarm[0]) / (double) seconds;
  }

  private static final AuditRecord OWN =
      AuditRecord.success(AuditAction.SEARCH_TYPE, "mobile-backend", "patient1")
          .patient("pt-0123456789abcdef01234567")
          .hospitals(List.of("snuh"))
          .types(List.of("Observation"))
          .released(20)
          .reason("the patient's own access")
          .query("/fhir/Observation?patient=pt-0123456789abcdef01234567&_count=20")
          .build();

  private static Disclosure entry() {
    return new Disclosure(
        UUID.randomUUID().toString(),
        "ps-abcdefghijklmnopqrstuvwxyz",
        "clinic-seoul",
        "TREAT",
        List.of("Condition", "Observation"),
        List.of("snuh", "severance"),
        Instant.now());
  }

  private static void audit(JdbcClient jdbc) {
    jdbc.sql(
            "INSERT INTO audit_event (id, recorded, patient_id, client_id, action, outcome,"
                + " purpose, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            UUID.randomUUID().toString(),
            Timestamp.from(Instant.now()),
            "pt-0123456789abcdef01234567",
            "clinic-seoul",
            "search-type",
            "0",
            "TREAT",
            "{\"action\":\"search-type\",\"clientId\":\"clinic-seoul\",\"released\":20}")
        .update();
  }
}
