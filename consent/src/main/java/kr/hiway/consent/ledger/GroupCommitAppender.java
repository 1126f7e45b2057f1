package kr.hiway.consent.ledger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: gathers appends from many concurrent callers into one {@link LedgerStore#append}
 * transaction, so the head-row lock and the commit are paid once per batch instead of per entry.
 *
 * <p>One writer thread takes the first waiting entry, then everything else already waiting, and
 * lingers up to {@code maxDelay} for more while the batch is below {@code maxBatch}. Callers block
 * (cheaply, on virtual threads) until their batch is committed and get their own index; if the
 * transaction fails, every caller in it gets the failure and none of its entries is in the log.
 *
 * <p>Thread-safe. Arguments must not be null. {@link #close()} finishes what was queued.
 */
public final class GroupCommitAppender implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GroupCommitAppender.class);

  private record Pending(byte[] data, CompletableFuture<Appended> done) {}

  private static final Pending STOP = new Pending(new byte[0], new CompletableFuture<>());

  private final LedgerStore store;
  private final int maxBatch;
  private final long maxDelayNanos;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean closed;

  /**
   * @param maxBatch the most entries per transaction, at least 1
   * @param maxDelay how long a batch may wait for more entries; zero commits what is waiting
   */
  public GroupCommitAppender(LedgerStore store, int maxBatch, Duration maxDelay) {
    if (maxBatch < 1 || maxDelay.isNegative()) {
      throw new IllegalArgumentException("maxBatch must be >= 1 and maxDelay >= 0");
    }
    this.store = store;
    this.maxBatch = maxBatch;
    this.maxDelayNanos = maxDelay.toNanos();
    this.writer = Thread.ofPlatform().name("ledger-group-commit").daemon().start(this::run);
  }

  /** Appends an entry and returns once its batch is committed. */
  public Appended append(LedgerEntry entry) {
    return append(entry.canonicalJson());
  }

  /**
   * Appends leaf data and returns once its batch is committed.
   *
   * @throws IllegalStateException if the appender is closed
   * @throws LedgerAppendException if the batch's transaction failed
   */
  public Appended append(byte[] leafData) {
    if (closed) {
      throw new IllegalStateException("appender is closed");
    }
    Pending p = new Pending(leafData.clone(), new CompletableFuture<>());
    queue.add(p);
    try {
      return p.done().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      // The entry may still be committed: the caller only stops waiting for it.
      throw new LedgerAppendException("interrupted while waiting for the commit", e);
    } catch (ExecutionException e) {
      throw new LedgerAppendException("append failed: " + e.getCause().getMessage(), e.getCause());
    }
  }

  @Override
  public void close() {
    closed = true;
    queue.add(STOP);
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    List<Pending> batch = new ArrayList<>(maxBatch);
    boolean stopping = false;
    while (!stopping) {
      try {
        Pending first = queue.take();
        if (first == STOP) {
          break;
        }
        batch.add(first);
        stopping = gather(batch);
        commit(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopping = true;
      } finally {
        batch.clear();
      }
    }
    List<Pending> left = new ArrayList<>();
    queue.drainTo(left);
    left.stream()
        .filter(p -> p != STOP)
        .forEach(p -> p.done().completeExceptionally(new IllegalStateException("closed")));
  }

  /** Fills the batch; returns whether STOP was seen. */
  private boolean gather(List<Pending> batch) throws InterruptedException {
    long deadline = System.nanoTime() + maxDelayNanos;
    while (batch.size() < maxBatch) {
      Pending p = queue.poll();
      if (p == null) {
        long wait = deadline - System.nanoTime();
        if (wait <= 0) {
          return false;
        }
        p = queue.poll(wait, TimeUnit.NANOSECONDS);
        if (p == null) {
          return false;
        }
      }
      if (p == STOP) {
        return true;
      }
      batch.add(p);
    }
    return false;
  }

  private void commit(List<Pending> batch) {
    try {
      List<Appended> done = store.append(batch.stream().map(Pending::data).toList());
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).done().complete(done.get(i));
      }
    } catch (RuntimeException e) {
      log.warn("ledger batch of {} entries failed", batch.size(), e);
      batch.forEach(p -> p.done().completeExceptionally(e));
    }
  }
}
