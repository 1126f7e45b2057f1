package kr.hiway.gateway.ledger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import kr.hiway.consent.ledger.Checkpointer;
import kr.hiway.consent.ledger.Ledger;
import kr.hiway.consent.ledger.SignedCheckpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Publishes signed checkpoints: on a schedule whenever the log has grown, on demand, and once at
 * start so that there is always one to serve. Each new checkpoint is checked to extend the previous
 * one before it is signed ({@link Checkpointer}); a log that does not is reported loudly and no
 * checkpoint is signed for it.
 *
 * <p>With witnesses ({@link Witnesses}), each signed checkpoint goes to them, and only one that a
 * quorum cosigned is published ({@code ledger_cosigned}, and {@link #published}): a log rewritten
 * or rolled back in the database gets no cosignature, so its checkpoints are never published, and
 * {@code hiway.ledger.witness.refusals} counts each such round. A round that fails (a witness away)
 * is tried again at the next tick. Thread-safe.
 */
@Component
public class Checkpoints implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);

  private final Checkpointer checkpointer;
  private final Ledger ledger;
  private final ScheduledExecutorService scheduler;
  private final LedgerProperties props;
  private final Witnesses witnesses;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final Counter refusals;
  private final AtomicLong cosignedSize = new AtomicLong(-1);
  private volatile List<String> lastRefusals = List.of();

  Checkpoints(
      Checkpointer checkpointer,
      Ledger ledger,
      ScheduledExecutorService ledgerScheduler,
      LedgerProperties props,
      Witnesses witnesses,
      JdbcClient jdbc,
      Clock clock,
      MeterRegistry meters) {
    this.checkpointer = checkpointer;
    this.ledger = ledger;
    this.scheduler = ledgerScheduler;
    this.props = props;
    this.witnesses = witnesses;
    this.jdbc = jdbc;
    this.clock = clock;
    this.refusals =
        Counter.builder("hiway.ledger.witness.refusals")
            .description("Checkpoints that did not get a quorum of witness cosignatures")
            .register(meters);
    Gauge.builder("hiway.ledger.cosigned.size", cosignedSize, AtomicLong::get)
        .description("Entries in the latest checkpoint a quorum of witnesses cosigned")
        .register(meters);
  }

  @Override
  public void run(ApplicationArguments args) {
    SignedCheckpoint first = latest();
    if (witnesses.enabled()
        && latestCosigned().map(c -> c.size() < first.checkpoint().size()).orElse(true)) {
      cosign(first);
    }
    long every = props.checkpointInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::issueIfGrown, every, every, TimeUnit.MILLISECONDS);
  }

  /** The latest checkpoint, signing a first one if there is none yet. */
  public SignedCheckpoint latest() {
    return checkpointer.latest().orElseGet(this::issue);
  }

  /** Signs a checkpoint of the log as it is now, and has the witnesses cosign it. */
  public synchronized SignedCheckpoint issue() {
    SignedCheckpoint signed = checkpointer.issue();
    cosign(signed);
    return signed;
  }

  /**
   * The checkpoint as published: with witnesses, the latest one a quorum cosigned (its note with
   * their cosignature lines), empty if none was yet; without, the latest signed one.
   */
  public Optional<String> published() {
    if (!witnesses.enabled()) {
      return Optional.of(latest().note());
    }
    return latestCosigned().map(Cosigned::note);
  }

  /** Why the witnesses refused the last round, empty when it got its quorum. */
  public List<String> lastRefusals() {
    return lastRefusals;
  }

  /** A checkpoint as the witnesses cosigned it. */
  public record Cosigned(long size, String note) {}

  /** The latest checkpoint a quorum of witnesses cosigned. */
  public Optional<Cosigned> latestCosigned() {
    return jdbc.sql("SELECT tree_size, note FROM ledger_cosigned ORDER BY tree_size DESC LIMIT 1")
        .query((rs, n) -> new Cosigned(rs.getLong(1), rs.getString(2)))
        .optional();
  }

  private void cosign(SignedCheckpoint signed) {
    if (!witnesses.enabled()) {
      return;
    }
    Witnesses.Outcome outcome = witnesses.cosign(signed);
    if (outcome.cosignatures().size() < witnesses.quorum()) {
      refusals.increment();
      lastRefusals = outcome.refusals();
      log.error(
          "checkpoint of {} entries not published: {} of {} witnesses cosigned, {} needed: {}",
          signed.checkpoint().size(),
          outcome.cosignatures().size(),
          witnesses.targets().size(),
          witnesses.quorum(),
          String.join("; ", outcome.refusals()));
      return;
    }
    String note = signed.note() + String.join("", outcome.cosignatures());
    try {
      jdbc.sql("INSERT INTO ledger_cosigned (tree_size, note, cosigned) VALUES (?, ?, ?)")
          .params(signed.checkpoint().size(), note, Timestamp.from(clock.instant()))
          .update();
    } catch (DuplicateKeyException another) {
      // Another instance published a checkpoint of this size first: the same tree, by the
      // witnesses.
    }
    lastRefusals = List.of();
    cosignedSize.accumulateAndGet(signed.checkpoint().size(), Math::max);
  }

  private void issueIfGrown() {
    try {
      Optional<SignedCheckpoint> last = checkpointer.latest();
      long size = ledger.head().size();
      if (last.isEmpty() || last.get().checkpoint().size() < size) {
        issue();
      } else if (witnesses.enabled()
          && latestCosigned().map(c -> c.size() < last.get().checkpoint().size()).orElse(true)) {
        // The last round did not get its quorum (a witness was away): ask again.
        synchronized (this) {
          cosign(last.get());
        }
      }
    } catch (RuntimeException e) {
      log.error("no checkpoint could be signed", e);
    }
  }
}
