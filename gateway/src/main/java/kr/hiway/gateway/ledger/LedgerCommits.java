package kr.hiway.gateway.ledger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kr.hiway.consent.ledger.Appended;
import kr.hiway.consent.ledger.Ledger;
import kr.hiway.consent.ledger.LedgerEntry;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for ledger entries that must commit together with other writes (a disclosure's audit
 * event, a pseudonym mapping). One writer thread takes every unit waiting, runs each unit's work
 * and appends all their entries in one transaction: the head-row lock and the commit are paid once
 * per batch, not once per request, and a unit's entries and work still commit together or not at
 * all. Under no load a batch is a single unit and waits for nobody.
 *
 * <p>If a batch fails, its units are retried one by one, so that one unit that cannot be written
 * fails only its own caller. Callers block (cheaply, on virtual threads) until their unit commits.
 * Thread-safe.
 */
public final class LedgerCommits implements AutoCloseable {

  /** The most units one transaction holds. */
  static final int MAX_BATCH = 256;

  /** How long a caller waits for its unit's commit before giving up (and releasing nothing). */
  static final Duration WAIT = Duration.ofSeconds(30);

  private record Unit(
      List<LedgerEntry> entries, Runnable work, CompletableFuture<List<Appended>> done) {}

  private final Ledger ledger;
  private final TransactionTemplate tx;
  private final BlockingQueue<Unit> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean closed;

  public LedgerCommits(Ledger ledger, PlatformTransactionManager transactions) {
    this.ledger = ledger;
    this.tx = new TransactionTemplate(transactions);
    this.writer = Thread.ofPlatform().name("ledger-commits").daemon().start(this::run);
  }

  /**
   * Runs {@code work} and appends {@code entries} in one transaction (shared with other callers'
   * units) and returns the entries' places once it has committed.
   *
   * @throws RuntimeException what the work or the append threw, if the unit could not commit
   * @throws IllegalStateException if closed
   */
  public List<Appended> commit(List<LedgerEntry> entries, Runnable work) {
    if (closed) {
      throw new IllegalStateException("the ledger is closing");
    }
    Unit unit = new Unit(List.copyOf(entries), work, new CompletableFuture<>());
    queue.add(unit);
    try {
      return unit.done().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // The unit may still commit later; the caller releases nothing either way.
      throw new IllegalStateException("the ledger did not commit in " + WAIT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the ledger committed", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException("ledger commit failed", e.getCause());
    }
  }

  /** Commits what is queued, then stops the writer. */
  @Override
  public void close() throws InterruptedException {
    closed = true;
    writer.join(TimeUnit.SECONDS.toMillis(30));
  }

  private void run() {
    List<Unit> batch = new ArrayList<>(MAX_BATCH);
    while (!closed || !queue.isEmpty()) {
      try {
        Unit first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        commit(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        closed = true;
      } catch (RuntimeException | Error e) {
        batch.forEach(u -> u.done().completeExceptionally(e));
      } finally {
        batch.clear();
      }
    }
  }

  private void commit(List<Unit> batch) {
    List<List<Appended>> results;
    try {
      results =
          tx.execute(status -> {
            List<LedgerEntry> all = new ArrayList<>();
            for (Unit u : batch) {
              u.work().run();
              all.addAll(u.entries());
            }
            List<Appended> appended = ledger.appendAll(all);
            List<List<Appended>> split = new ArrayList<>(batch.size());
            int at = 0;
            for (Unit u : batch) {
              split.add(appended.subList(at, at + u.entries().size()));
              at += u.entries().size();
            }
            return split;
          });
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        batch.getFirst().done().completeExceptionally(e);
      } else {
        for (Unit u : batch) {
          commit(List.of(u));
        }
      }
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).done().complete(List.copyOf(results.get(i)));
    }
  }
}
