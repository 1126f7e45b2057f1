package kr.hiway.consent.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import kr.hiway.consent.ledger.GroupCommitAppender;
import kr.hiway.consent.ledger.JdbcLedgerStore;
import kr.hiway.consent.ledger.LedgerTestData;
import kr.hiway.consent.ledger.LedgerTestPool;

/**
 * Sustained appends per second against the local PostgreSQL: (1) many virtual threads each
 * appending one entry at a time through the group-commit appender; (2) one thread calling the batch
 * {@code append(List)} with fixed batches; (3) 32 threads each committing one entry per
 * transaction, as the gateway enters a disclosure together with its audit event.
 *
 * <p>Arguments (all optional): {@code seconds callers maxBatch maxDelayMillis}, default {@code 20
 * 256 512 2}. Run: {@code ./mvnw -q -o -pl consent exec:exec@bench
 * -Dbench.main=kr.hiway.consent.bench.LedgerAppendThroughput -Dbench.args='20 256 512 2'}.
 */
public final class LedgerAppendThroughput {

  private static final String DB = "ledger_bench_append";

  private LedgerAppendThroughput() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("logback.configurationFile", "ledger/logback-bench.xml");
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int callers = args.length > 1 ? Integer.parseInt(args[1]) : 256;
    int maxBatch = args.length > 2 ? Integer.parseInt(args[2]) : 512;
    int delay = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    List<byte[]> data = LedgerTestData.entryData(10_000);
    LedgerBenchDatabase.recreate(DB);
    try (LedgerTestPool pool =
        new LedgerTestPool(LedgerBenchDatabase.url(DB), LedgerBenchDatabase.USER, 10)) {
      JdbcLedgerStore store = new JdbcLedgerStore(pool);
      AtomicLong done = new AtomicLong();
      long warmupEnd = System.nanoTime() + Duration.ofSeconds(3).toNanos();
      long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
      long[] atWarmupEnd = new long[1];
      List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
      try (GroupCommitAppender appender =
              new GroupCommitAppender(store, maxBatch, Duration.ofMillis(delay));
          ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int t = 0; t < callers; t++) {
          int id = t;
          threads.submit(() -> {
            int i = id;
            while (System.nanoTime() < end) {
              long start = System.nanoTime();
              appender.append(data.get(i % data.size()));
              if (start > warmupEnd && i % 16 == 0) {
                latencies.add(System.nanoTime() - start);
              }
              done.incrementAndGet();
              i += callers;
            }
          });
        }
        Thread.sleep(Math.max(0, (warmupEnd - System.nanoTime()) / 1_000_000));
        atWarmupEnd[0] = done.get();
      }
      long measured = done.get() - atWarmupEnd[0];
      List<Long> sorted = latencies.stream().sorted().toList();
      System.out.printf(
          "group commit: %d callers, maxBatch %d, maxDelay %d ms: %.0f appends/s over %d s"
              + " (latency p50 %.1f ms, p99 %.1f ms), log size %d%n",
          callers,
          maxBatch,
          delay,
          measured / (double) seconds,
          seconds,
          sorted.get(sorted.size() / 2) / 1e6,
          sorted.get(sorted.size() * 99 / 100) / 1e6,
          store.head().size());

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
