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
import kr.hiway.gateway.audit.AuditTrail;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for audit rows and the ledger entries that must commit together with them (a
 * disclosure's audit event, a pseudonym mapping). One writer thread takes every unit waiting (at
 * most {@link #MAX_BATCH}: a batch is as large as the load makes it), and in one transaction runs
 * each unit's work, inserts all their audit rows in one JDBC batch, completes pending rows in
 * another, and appends all their ledger entries: the round trips, the head-row lock and the commit
 * are paid once per batch, not once per request, and a unit's parts still commit together or not at
 * all. Under no load a batch is a single unit and waits for nobody, except a unit that only
 * completes audit events (their outcomes, written after the release): it is queued without waking
 * the writer, which looks for such units at least every {@link #LINGER}; it then waits up to {@link
 * #LINGER} more to ride with the next batch that must commit, and if none comes it commits alone
 * without waiting for the log flush. That halves the commits of a patient's reads and keeps the
 * writer's wake-up off the request's path.
 *
 * <p>If a batch fails, its units are retried one by one, so that one unit that cannot be written
 * fails only its own caller. Callers block (cheaply, on virtual threads) until their unit commits.
 * Thread-safe.
 */
public final class LedgerCommits implements AutoCloseable {

  /** The most units one transaction holds. */
  static final int MAX_BATCH = 256;

  /**
   * The longest a unit that only completes audit events waits for a batch that commits anyway
   * before it is committed alone.
   */
  static final Duration LINGER = Duration.ofMillis(20);

  /** How long a batch under load waits for more units before it commits. */
  static final Duration GATHER = Duration.ofNanos(300_000);

  /** How long a caller waits for its unit's commit before giving up (and releasing nothing). */
  static final Duration WAIT = Duration.ofSeconds(30);

  private record Unit(
      List<LedgerEntry> entries,
      List<AuditTrail.Row> rows,
      List<AuditTrail.Completion> completions,
      Runnable work,
      CompletableFuture<List<Appended>> done,
      Replaceable replaceable) {

    /** The audit rows to insert; a replaceable unit's row is taken (no longer replaceable). */
    List<AuditTrail.Row> rowsToInsert() {
      return replaceable == null ? rows : List.of(replaceable.take());
    }
  }

  /**
   * A queued audit row that its submitter may replace until the writer takes it into a transaction:
   * a patient's access record, opened before the hospitals are asked, becomes the complete record
   * (with what was released) when the answer is ready before its commit has begun. Under load that
   * is most reads: one row instead of an access row and its outcome.
   */
  public static final class Replaceable {
    /** Taken by the writer: what it inserts, and no longer replaceable. */
    private record Taken(AuditTrail.Row row) {}

    private final java.util.concurrent.atomic.AtomicReference<Object> slot;
    private final CompletableFuture<List<Appended>> done = new CompletableFuture<>();

    private Replaceable(AuditTrail.Row row) {
      this.slot = new java.util.concurrent.atomic.AtomicReference<>(row);
    }

    /**
     * Puts {@code with} in the place of {@code queued} if the writer has not taken it yet: then
     * {@code with} is what commits, and {@link #done} says when. False once taken.
     */
    public boolean replace(AuditTrail.Row queued, AuditTrail.Row with) {
      return slot.compareAndSet(queued, with);
    }

    /** Completes when the row (replaced or not) has committed, or exceptionally. */
    public CompletableFuture<?> done() {
      return done;
    }

    private AuditTrail.Row take() {
      while (true) {
        Object now = slot.get();
        if (now instanceof Taken t) {
          return t.row(); // taken before: a batch that failed is retried unit by unit
        }
        if (slot.compareAndSet(now, new Taken((AuditTrail.Row) now))) {
          return (AuditTrail.Row) now;
        }
      }
    }
  }

  private static final Runnable NOTHING = () -> {};

  private final Ledger ledger;
  private final AuditTrail audit;
  private final TransactionTemplate tx;
  private final BlockingQueue<Unit> queue = new LinkedBlockingQueue<>();

  /** Units that only complete audit events: the writer looks here at least every LINGER. */
  private final java.util.Queue<Unit> completing =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  private final Thread writer;
  private volatile boolean closed;
  private final java.util.concurrent.atomic.LongAdder batches =
      new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder units =
      new java.util.concurrent.atomic.LongAdder();

  /** Transactions committed so far (batches, including single units retried alone). */
  public long batches() {
    return batches.sum();
  }

  /** Units committed so far. */
  public long units() {
    return units.sum();
  }

  public LedgerCommits(Ledger ledger, AuditTrail audit, PlatformTransactionManager transactions) {
    this.ledger = ledger;
    this.audit = audit;
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
    return commit(entries, List.of(), work);
  }

  /**
   * Inserts {@code rows}, runs {@code work} and appends {@code entries} in one transaction (shared
   * with other callers' units); returns the entries' places once it has committed.
   *
   * @throws RuntimeException what the work, the insert or the append threw, if the unit could not
   *     commit
   * @throws IllegalStateException if closed
   */
  public List<Appended> commit(
      List<LedgerEntry> entries, List<AuditTrail.Row> rows, Runnable work) {
    return await(submit(entries, rows, List.of(), work));
  }

  /**
   * Queues a unit and returns at once: the future completes when the unit has committed, or
   * exceptionally with what the unit threw.
   *
   * @throws IllegalStateException if closed
   */
  public CompletableFuture<List<Appended>> submit(
      List<LedgerEntry> entries,
      List<AuditTrail.Row> rows,
      List<AuditTrail.Completion> completions,
      Runnable work) {
    if (closed) {
      throw new IllegalStateException("the ledger is closing");
    }
    Unit unit =
        new Unit(
            List.copyOf(entries),
            List.copyOf(rows),
            List.copyOf(completions),
            work == null ? NOTHING : work,
            new CompletableFuture<>(),
            null);
    if (onlyCompletes(unit)) {
      // Nothing waits for it: queued without waking the writer (a wake-up on the request's path),
      // which takes it with the next batch or within LINGER.
      completing.add(unit);
    } else {
      queue.add(unit);
    }
    return unit.done();
  }

  /**
   * Queues one audit row that the caller may {@link Replaceable#replace} until it is taken into a
   * transaction, and returns at once.
   *
   * @throws IllegalStateException if closed
   */
  public Replaceable submitReplaceable(AuditTrail.Row row) {
    if (closed) {
      throw new IllegalStateException("the ledger is closing");
    }
    Replaceable r = new Replaceable(row);
    queue.add(new Unit(List.of(), List.of(row), List.of(), NOTHING, r.done, r));
    return r;
  }

  /**
   * Waits for a submitted unit, at most {@link #WAIT}.
   *
   * @throws RuntimeException what the unit threw, or {@link IllegalStateException} if it did not
   *     commit in time (it may still commit later; the caller releases nothing either way)
   */
  public static <T> T await(CompletableFuture<T> done) {
    try {
      return done.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
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
    // Units that only complete pending audit events: nothing released waits for them, so they
    // wait (at most LINGER) to ride with the next batch that must commit anyway.
    List<Unit> deferred = new ArrayList<>();
    long deferredSince = 0;
    int lastBatch = 0;
    while (!closed || !queue.isEmpty() || !deferred.isEmpty() || !completing.isEmpty()) {
      try {
        long wait =
            deferred.isEmpty()
                ? LINGER.toNanos() // completions may be queued meanwhile, without a wake-up
                : Math.max(0, deferredSince + LINGER.toNanos() - System.nanoTime());
        Unit first = closed ? queue.poll() : queue.poll(wait, TimeUnit.NANOSECONDS);
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, MAX_BATCH - 1);
          if (lastBatch > 1) {
            gather(batch);
          }
        }
        Unit c;
        for (int n = deferred.size(); n < MAX_BATCH && (c = completing.poll()) != null; n++) {
          batch.add(c);
        }
        for (var it = batch.iterator(); it.hasNext(); ) {
          Unit u = it.next();
          if (onlyCompletes(u)) {
            if (deferred.isEmpty()) {
              deferredSince = System.nanoTime();
            }
            deferred.add(u);
            it.remove();
          }
        }
        if (!batch.isEmpty()) {
          lastBatch = batch.size(); // the units that must commit: how busy it is
          batch.addAll(deferred);
          deferred.clear();
          commit(batch);
        } else if (first == null) {
          lastBatch = 0;
        }
        if (batch.isEmpty()
            && !deferred.isEmpty()
            && (closed
                || deferred.size() >= MAX_BATCH
                || System.nanoTime() - deferredSince >= LINGER.toNanos())) {
          batch.addAll(deferred);
          deferred.clear();
          commit(batch);
        }
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

  /**
   * Under load (the last batch held more than one unit), waits up to {@link #GATHER} for more
   * units: one commit for more requests, as PostgreSQL's own {@code commit_delay} does. Alone, a
   * unit waits for nobody.
   */
  private void gather(List<Unit> batch) throws InterruptedException {
    long until = System.nanoTime() + GATHER.toNanos();
    while (batch.size() < MAX_BATCH) {
      long left = until - System.nanoTime();
      Unit next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
      if (next == null) {
        return;
      }
      batch.add(next);
      queue.drainTo(batch, MAX_BATCH - batch.size());
    }
  }

  private static boolean onlyCompletes(Unit u) {
    return u.entries().isEmpty() && u.rows().isEmpty() && u.work() == NOTHING;
  }

  private void commit(List<Unit> batch) {
    List<List<Appended>> results;
    try {
      results =
          tx.execute(status -> {
            List<LedgerEntry> all = new ArrayList<>();
            List<AuditTrail.Row> rows = new ArrayList<>();
            List<AuditTrail.Completion> completions = new ArrayList<>();
            if (batch.stream().allMatch(LedgerCommits::onlyCompletes)) {
              // Nothing here holds back a release: see AuditTrail.notWaitingForTheLog.
              audit.notWaitingForTheLog();
            }
            for (Unit u : batch) {
              u.work().run();
              all.addAll(u.entries());
              rows.addAll(u.rowsToInsert());
              completions.addAll(u.completions());
            }
            audit.insertAll(rows);
            audit.completeAll(completions);
            List<Appended> appended = all.isEmpty() ? List.of() : ledger.appendAll(all);
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
    batches.increment();
    units.add(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).done().complete(List.copyOf(results.get(i)));
    }
  }
}
