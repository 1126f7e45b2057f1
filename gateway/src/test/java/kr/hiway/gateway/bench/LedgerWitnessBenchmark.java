package kr.hiway.gateway.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import kr.hiway.consent.ledger.CheckpointSigner;
import kr.hiway.consent.ledger.Checkpointer;
import kr.hiway.consent.ledger.CosignatureVerifier;
import kr.hiway.consent.ledger.JdbcLedgerStore;
import kr.hiway.consent.ledger.Ledger;
import kr.hiway.consent.ledger.LedgerTestData;
import kr.hiway.consent.ledger.LedgerTestPool;
import kr.hiway.consent.ledger.SignedCheckpoint;
import kr.hiway.gateway.ledger.Checkpoints;
import kr.hiway.gateway.ledger.FullAudit;
import kr.hiway.gateway.ledger.Witnesses;
import kr.hiway.witness.WitnessMain;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The ledger with two witnesses on the local PostgreSQL: appends per second (batches of 1,000 from
 * one thread) without checkpoints and while a checkpoint is signed and cosigned by both witnesses
 * (over HTTP, each with its own files) every second; the latency of one such checkpoint; and the
 * time of a full audit (every entry re-hashed, the tree recomputed) at 10⁶ entries. Prints its
 * figures.
 *
 * <pre>
 * ./mvnw -q -DskipTests install
 * ./mvnw -q -pl gateway exec:exec@bench -Dbench.main=kr.hiway.gateway.bench.LedgerWitnessBenchmark
 * </pre>
 *
 * {@code -Dbench.args=N} sets the entries of the full audit (10⁶ by default).
 */
public final class LedgerWitnessBenchmark {

  private static final String ADMIN = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String DB = "hiway_bench_witnesses";
  private static final int BATCH = 1000;

  private LedgerWitnessBenchmark() {}

  public static void main(String[] args) throws Exception {
    // bench.args defaults to "-h" (for JMH): a number here is the full audit's size.
    long auditEntries =
        args.length > 0 && args[0].matches("[0-9]+") ? Long.parseLong(args[0]) : 1_000_000L;
    try (Connection c = DriverManager.getConnection(ADMIN, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
      s.execute("CREATE DATABASE " + DB);
    }
    String url =
        ADMIN.substring(0, ADMIN.lastIndexOf('/') + 1) + DB + "?reWriteBatchedInserts=true";
    LedgerTestPool.migrate(url, "postgres");
    Path folder = Files.createTempDirectory("hiway-bench-witnesses");
    CheckpointSigner signer = CheckpointSigner.generate("bench.hiway/consent-ledger");
    List<WitnessMain> running = new ArrayList<>();
    try (LedgerTestPool pool = new LedgerTestPool(url, "postgres", 8)) {
      Ledger ledger = new Ledger(new JdbcLedgerStore(pool));
      Checkpointer checkpointer =
          new Checkpointer(ledger, signer, signer.name(), Clock.systemUTC());
      List<Witnesses.Target> targets = new ArrayList<>();
      for (String w : List.of("w1", "w2")) {
        WitnessMain witness =
            WitnessMain.start(
                "bench.witness/" + w,
                folder.resolve(w),
                List.of(signer.verifierKey()),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        running.add(witness);
        targets.add(
            new Witnesses.Target(
                URI.create("http://127.0.0.1:" + witness.port() + "/"),
                CosignatureVerifier.of(witness.verifierKey())));
      }
      Witnesses witnesses = new Witnesses(targets, ledger, 2);
      System.out.printf(
          "machine: %d cores, JDK %s; PostgreSQL at 127.0.0.1:5432; two witnesses on loopback%n",
          Runtime.getRuntime().availableProcessors(), Runtime.version());

      List<byte[]> batch = LedgerTestData.entryData(BATCH);
      // Warm-up: 50 batches, a few checkpoints.
      for (int i = 0; i < 50; i++) {
        ledger.store().append(batch);
        if (i % 10 == 0) {
          cosign(checkpointer, witnesses);
        }
      }
      double alone = appendRate(ledger, batch, 10);
      System.out.printf("appends without checkpoints: %,.0f entries/s%n", alone);

      List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
      AtomicBoolean stop = new AtomicBoolean();
      Thread signing =
          Thread.ofPlatform()
              .start(() -> {
                while (!stop.get()) {
                  long t = System.nanoTime();
                  if (!cosign(checkpointer, witnesses)) {
                    System.out.println("  a checkpoint did not get both cosignatures");
                  }
                  latencies.add(System.nanoTime() - t);
                  sleep(1000);
                }
              });
      double with = appendRate(ledger, batch, 10);
      stop.set(true);
      signing.join();
      List<Long> sorted = new ArrayList<>(latencies);
      Collections.sort(sorted);
      System.out.printf(
          "appends while a checkpoint is signed and cosigned by both witnesses every second:"
              + " %,.0f entries/s%n",
          with);
      System.out.printf(
          "checkpoint latency (sign, consistency proofs, two witnesses over HTTP, verify): p50 %.1f"
              + " ms, max %.1f ms over %d checkpoints%n",
          sorted.get(sorted.size() / 2) / 1e6, sorted.getLast() / 1e6, sorted.size());

      // Grow to the audit size, cosign, and audit.
      long t0 = System.nanoTime();
      while (ledger.head().size() + BATCH <= auditEntries) {
        ledger.store().append(batch);
      }
      if (ledger.head().size() < auditEntries) {
        ledger.store().append(batch.subList(0, (int) (auditEntries - ledger.head().size())));
      }
      System.out.printf(
          "ledger at %,d entries (grown for %.1f s after the runs above)%n",
          ledger.head().size(), (System.nanoTime() - t0) / 1e9);
      SignedCheckpoint last = checkpointer.issue();
      Witnesses.Outcome outcome = witnesses.cosign(last);
      String note = last.note() + String.join("", outcome.cosignatures());
      Optional<Checkpoints.Cosigned> cosigned =
          Optional.of(new Checkpoints.Cosigned(last.checkpoint().size(), note));
      FullAudit audit = FullAudit.of(JdbcClient.create(pool), () -> cosigned, Clock.systemUTC());
      FullAudit.Report report = audit.run();
      System.out.printf(
          "full audit of %,d entries (every entry re-hashed, every stored node and the cosigned"
              + " root checked): %.1f s, intact %s, %d problems%n",
          report.entries(), report.took().toMillis() / 1e3, report.intact(), report.problemCount());
    } finally {
      running.forEach(WitnessMain::close);
      try (Connection c = DriverManager.getConnection(ADMIN, "postgres", "");
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
      }
    }
    System.exit(0);
  }

  private static boolean cosign(Checkpointer checkpointer, Witnesses witnesses) {
    SignedCheckpoint signed = checkpointer.issue();
    return witnesses.cosign(signed).cosignatures().size() == 2;
  }

  private static double appendRate(Ledger ledger, List<byte[]> batch, int seconds) {
    AtomicLong appended = new AtomicLong();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long start = System.nanoTime();
    while (System.nanoTime() < end) {
      ledger.store().append(batch);
      appended.addAndGet(batch.size());
    }
    return appended.get() / ((System.nanoTime() - start) / 1e9);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
