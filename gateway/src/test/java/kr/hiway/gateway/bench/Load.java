package kr.hiway.gateway.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;

/**
 * A closed-loop load generator: N clients, each on its own keep-alive connection ({@link RawHttp}),
 * sending the next request when the last ends.
 */
final class Load {

  /** What one measurement gave. */
  record Result(
      int concurrency,
      long requests,
      long errors,
      double seconds,
      List<Long> latenciesNanos,
      long cpuNanos,
      long items,
      long allocatedBytes) {

    double perSecond() {
      return requests / seconds;
    }

    double percentileMillis(double p) {
      if (latenciesNanos.isEmpty()) {
        return Double.NaN;
      }
      List<Long> sorted = new ArrayList<>(latenciesNanos);
      Collections.sort(sorted);
      int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
      return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1))) / 1e6;
    }

    double cpuMillisPerRequest() {
      return cpuNanos / 1e6 / requests;
    }

    /** Heap allocated per answer, by the whole process: steadier than time on a shared machine. */
    double allocatedKibPerRequest() {
      return allocatedBytes / 1024.0 / requests;
    }
  }

  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private final javax.net.ssl.SSLContext tls;

  Load() {
    this(null);
  }

  /** A load generator whose HTTPS connections use {@code tls} (null for plain HTTP). */
  Load(javax.net.ssl.SSLContext tls) {
    this.tls = tls;
  }

  private RawHttp client(String url, String token) {
    URI uri = URI.create(url);
    if (uri.getScheme().equals("https") != (tls != null)) {
      throw new IllegalArgumentException("scheme does not match the TLS setting: " + url);
    }
    return new RawHttp(uri, token, tls);
  }

  /**
   * Runs {@code concurrency} clients against {@code url} for {@code duration}; {@code items} counts
   * what each answer returned (for CPU per returned resource).
   */
  Result run(
      String url, String token, int concurrency, Duration duration, ToIntFunction<byte[]> items)
      throws Exception {
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicLong errors = new AtomicLong();
    AtomicLong count = new AtomicLong();
    AtomicLong itemCount = new AtomicLong();
    long end = System.nanoTime() + duration.toNanos();
    long cpuStart = OS.getProcessCpuTime();
    long allocatedStart = THREADS.getTotalThreadAllocatedBytes();
    long start = System.nanoTime();
    // Platform threads: a blocking read is one system call, with no poller in between.
    try (ExecutorService clients =
        Executors.newThreadPerTaskExecutor(Thread.ofPlatform().factory())) {
      for (int c = 0; c < concurrency; c++) {
        clients.submit(() -> {
          RawHttp http = client(url, token);
          while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            try {
              RawHttp.Response r = http.send();
              long took = System.nanoTime() - t0;
              if (r.status() != 200) {
                errors.incrementAndGet();
              } else {
                latencies.add(took);
                count.incrementAndGet();
                itemCount.addAndGet(items.applyAsInt(r.body()));
              }
            } catch (Exception e) {
              errors.incrementAndGet();
              http.close();
            }
          }
          http.close();
          return null;
        });
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long cpu = OS.getProcessCpuTime() - cpuStart;
    long allocated = THREADS.getTotalThreadAllocatedBytes() - allocatedStart;
    return new Result(
        concurrency,
        count.get(),
        errors.get(),
        seconds,
        latencies,
        cpu,
        itemCount.get(),
        allocated);
  }

  /** {@code n} requests one after another, after {@code warmup} unmeasured ones. */
  Result sequential(String url, String token, int warmup, int n, ToIntFunction<byte[]> items)
      throws Exception {
    RawHttp http = client(url, token);
    for (int i = 0; i < warmup; i++) {
      http.send();
    }
    List<Long> latencies = new ArrayList<>();
    long errors = 0;
    long itemCount = 0;
    long cpuStart = OS.getProcessCpuTime();
    long allocatedStart = THREADS.getTotalThreadAllocatedBytes();
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      RawHttp.Response r = http.send();
      long took = System.nanoTime() - t0;
      if (r.status() == 200) {
        latencies.add(took);
        itemCount += items.applyAsInt(r.body());
      } else {
        errors++;
      }
    }
    http.close();
    return new Result(
        1,
        latencies.size(),
        errors,
        (System.nanoTime() - start) / 1e9,
        latencies,
        OS.getProcessCpuTime() - cpuStart,
        itemCount,
        THREADS.getTotalThreadAllocatedBytes() - allocatedStart);
  }

  /** Counts the {@code "resourceType"} keys of a Bundle's entries, cheaply, minus the Bundle. */
  static int resources(byte[] body) {
    String s = new String(body, java.nio.charset.StandardCharsets.UTF_8);
    int n = 0;
    int i = 0;
    while ((i = s.indexOf("\"fullUrl\"", i)) >= 0) {
      n++;
      i += 9;
    }
    return n;
  }
}
