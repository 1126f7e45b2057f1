package kr.hiway.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A flood of refusals: the queue stays bounded, the excess is counted, nothing blocks. */
class RefusalAuditFloodTest {

  static AuditRecord refusal(int i) {
    return AuditRecord.refusal(AuditAction.READ, "flood-client", "anonymous")
        .reason("refused: HTTP 401 #" + i)
        .build();
  }

  @Test
  void floodWhenTheWriterIsSlowThenQueueBoundedExcessCountedAndCallersNeverBlock()
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<AuditTrail.Row> written = new ArrayList<>();
    AuditTrail trail = new AuditTrail(null, null, FhirContext.forR4Cached(), Clock.systemUTC());
    RefusalAudit audit =
        new RefusalAudit(
            trail,
            10,
            rows -> {
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              synchronized (written) {
                written.addAll(rows);
              }
            },
            new SimpleMeterRegistry());
    long start = System.nanoTime();
    for (int i = 0; i < 10_000; i++) {
      audit.refused(refusal(i));
    }
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    // At most the queue (10) plus the batch the writer holds (up to 11) were kept.
    assertThat(audit.droppedCount()).isBetween(10_000L - 25, 10_000L - 10);
    assertThat(tookMs).as("10,000 refusals queued or dropped without waiting").isLessThan(2_000);
    release.countDown();
    audit.stop();
    assertThat(audit.writtenCount() + audit.droppedCount()).isEqualTo(10_000);
    assertThat(written).hasSize((int) audit.writtenCount());
  }

  @Test
  void databaseRefusingWhenWritingThenCountedAsLostAndTheWriterCarriesOn() throws Exception {
    AuditTrail trail = new AuditTrail(null, null, FhirContext.forR4Cached(), Clock.systemUTC());
    List<Integer> batches = new ArrayList<>();
    RefusalAudit audit =
        new RefusalAudit(
            trail,
            100,
            rows -> {
              synchronized (batches) {
                batches.add(rows.size());
                if (batches.size() == 1) {
                  throw new IllegalStateException("database down");
                }
              }
            },
            new SimpleMeterRegistry());
    audit.refused(refusal(1));
    Thread.sleep(300);
    audit.refused(refusal(2));
    audit.stop();
    assertThat(batches).hasSize(2);
    assertThat(audit.writtenCount()).isEqualTo(1);
  }
}
