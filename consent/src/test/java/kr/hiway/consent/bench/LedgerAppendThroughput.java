package kr.hiway.consent.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import kr.hiway.consent.ledger.JdbcLedgerStore;
import kr.hiway.consent.ledger.LedgerTestData;
import kr.hiway.consent.ledger.LedgerTestPool;

/**
 * Sustained appends per second against the local PostgreSQL: (1) one thread calling the batch
 * {@code append(List)} with fixed batches; (2) 32 threads each committing one entry per
 * transaction. (The gateway's own group commit, {@code LedgerCommits}, is measured by the gateway's
 * {@code DisclosureCommitBenchmark}.)
 *
 * <p>Argument (optional): {@code seconds}, default {@code 20}. Run: {@code ./mvnw -q -o -pl consent
 * exec:exec@bench -Dbench.main=kr.hiway.consent.bench.LedgerAppendThroughput -Dbench.args='20'}.
 */
public final class LedgerAppendThroughput {

  private static final String DB = "ledger_bench_append";

  private LedgerAppendThroughput() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("logback.configurationFile", "ledger/logback-bench.xml");
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    List<byte[]> data = LedgerTestData.entryData(10_000);
    LedgerBenchDatabase.recreate(DB);
    try (LedgerTestPool pool =
        new LedgerTestPool(LedgerBenchDatabase.url(DB), LedgerBenchDatabase.USER, 10)) {
      JdbcLedgerStore store = new JdbcLedgerStore(pool);
      int batch = 1000;
      long count = 0;
      long start = System.nanoTime();
      long stop = start + Duration.ofSeconds(seconds).toNanos();
      while (System.nanoTime() < stop) {
        int from = (int) (count % (data.size() - batch));
        store.append(data.subList(from, from + batch));
        count += batch;
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "batch append(List) of %d from one thread: %.0f appends/s over %.1f s, log size %d%n",
          batch, count / elapsed, elapsed, store.head().size());

      AtomicLong single = new AtomicLong();
      long singleEnd = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
      try (ExecutorService threads = Executors.newFixedThreadPool(32)) {
        for (int t = 0; t < 32; t++) {
          int id = t;
          threads.submit(() -> {
            int i = id;
            while (System.nanoTime() < singleEnd) {
              store.append(List.of(data.get(i % data.size())));
              single.incrementAndGet();
              i += 32;
            }
          });
        }
      }
      System.out.printf(
          "one entry per transaction, 32 threads: %.0f appends/s over %d s, log size %d%n",
          single.get() / (double) seconds, seconds, store.head().size());
    } finally {
      LedgerBenchDatabase.drop(DB);
    }
  }
}
