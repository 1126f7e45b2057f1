package kr.hiway.gateway.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit of refused requests (400, 401, 403), written so that a flood of them costs the attacker
 * more than the gateway. A refusal releases nothing, so nothing waits for its record: {@link
 * #refused} puts it in a bounded queue and returns; one writer takes whatever is queued and writes
 * it in one JDBC batch (a multi-row insert on PostgreSQL). When the queue is full the record is not
 * kept and {@code hiway.audit.refusals.dropped} counts it: under a flood the database sees at most
 * one batch in flight, and the operators see how much went unrecorded.
 *
 * <p>A refusal that some part of the gateway already audited itself (a third party without consent,
 * a re-identification of an unknown pseudonym) is not recorded again. Thread-safe.
 */
public final class RefusalAudit {

  private static final Logger log = LoggerFactory.getLogger(RefusalAudit.class);
  private static final int MAX_BATCH = 500;

  private final AuditTrail trail;
  private final Consumer<List<AuditTrail.Row>> sink;
  private final BlockingQueue<AuditTrail.Row> queue;
  private final Counter written;
  private final Counter dropped;
  private final Counter lost;
  private final Thread writer;
  private volatile boolean stopping;

  /**
   * @param capacity how many refusals may wait for the writer; more are dropped and counted
   * @param sink writes one batch of rows ({@link AuditTrail#insertAll} in production)
   */
  public RefusalAudit(
      AuditTrail trail, int capacity, Consumer<List<AuditTrail.Row>> sink, MeterRegistry meters) {
    this.trail = Objects.requireNonNull(trail, "trail");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.written =
        Counter.builder("hiway.audit.refusals.written")
            .description("Refused requests recorded in the audit trail")
            .register(meters);
    this.dropped =
        Counter.builder("hiway.audit.refusals.dropped")
            .description("Refused requests not recorded because the audit queue was full (a flood)")
            .register(meters);
    this.lost =
        Counter.builder("hiway.audit.refusals.lost")
            .description("Refused requests not recorded because the database refused the write")
            .register(meters);
    this.writer = Thread.ofVirtual().name("refusal-audit").start(this::run);
  }

  /** Queues the record of a refused request; never blocks, never throws. */
  public void refused(AuditRecord record) {
    if (stopping || !queue.offer(trail.row(record, false))) {
      dropped.increment();
    }
  }

  /** Refusals recorded so far (for tests and the metric). */
  public long writtenCount() {
    return (long) written.count();
  }

  /** Refusals dropped because the queue was full. */
  public long droppedCount() {
    return (long) dropped.count();
  }

  private void run() {
    List<AuditTrail.Row> batch = new ArrayList<>(MAX_BATCH);
    while (!stopping || !queue.isEmpty()) {
      try {
        AuditTrail.Row first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        write(batch);
      } catch (InterruptedException e) {
        if (!stopping) {
          Thread.currentThread().interrupt();
          return;
        }
      } finally {
        batch.clear();
      }
    }
  }

  private void write(List<AuditTrail.Row> batch) {
    try {
      sink.accept(batch);
      written.increment(batch.size());
    } catch (RuntimeException e) {
      // The database is down or refusing: one line, the count in the metric, and carry on.
      lost.increment(batch.size());
      log.warn(
          "{} refused requests could not be recorded in the audit trail: {}",
          batch.size(),
          e.getClass().getSimpleName());
    }
  }

  /** Writes what is queued, then stops the writer (at shutdown, waiting at most 5 s). */
  @PreDestroy
  public void stop() throws InterruptedException {
    stopping = true;
    writer.join(5_000);
  }
}
