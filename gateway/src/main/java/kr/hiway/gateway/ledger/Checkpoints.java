package kr.hiway.gateway.ledger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import kr.hiway.consent.ledger.Checkpoint;
import kr.hiway.consent.ledger.Checkpointer;
import kr.hiway.consent.ledger.Ledger;
import kr.hiway.consent.ledger.SignedCheckpoint;
import kr.hiway.gateway.security.SecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
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
  private final Counter integrityFailures;
  private final LedgerIntegrity integrity;
  private final String origin;
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
      MeterRegistry meters,
      LedgerIntegrity integrity,
      SecurityProperties security) {
    this.integrity = integrity;
    this.origin = LedgerConfiguration.origin(props, security);
    this.integrityFailures =
        Counter.builder("hiway.ledger.integrity.failures")
            .description("Checks that found the ledger not extending what its witnesses cosigned")
            .register(meters);
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
    // One log, one origin, for the whole fleet: an instance configured otherwise would sign
    // checkpoints of the same entries under another name.
    ledger
        .store()
        .latestCheckpoint()
        .map(c -> c.checkpoint().origin())
        .filter(stored -> !stored.equals(origin))
        .ifPresent(stored -> {
          throw new InvalidConfigurationPropertyValueException(
              "hiway.ledger.origin",
              origin,
              "the ledger's checkpoints are signed as "
                  + stored
                  + "; every instance must use that origin (set hiway.ledger.origin to it)");
        });
    verify();
    if (integrity.broken().isPresent()) {
      log.error(
          "the consent ledger failed its integrity check at start: {}", integrity.broken().get());
    }
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

  /**
   * Signs a checkpoint of the log as it is now, and has the witnesses cosign it; refused (503
   * HIW-G027) when the log no longer extends the checkpoint the witnesses cosigned last.
   */
  public synchronized SignedCheckpoint issue() {
    verify();
    integrity.requireIntact();
    SignedCheckpoint signed = checkpointer.issue();
    cosign(signed);
    return signed;
  }

  /**
   * Checks that the ledger in the database extends the latest checkpoint a quorum of witnesses
   * cosigned: at least as many entries, and the same root at that size. Not only against the
   * gateway's own checkpoint table, which whoever rewrites the log can rewrite too.
   */
  void verify() {
    if (!witnesses.enabled()) {
      return;
    }
    Optional<Cosigned> cosigned = latestCosigned();
    if (cosigned.isEmpty()) {
      integrity.intact(-1);
      return;
    }
    Checkpoint c = cosigned.get().checkpoint();
    long held = ledger.head().size();
    String why = null;
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("cosignedSize", c.size());
    evidence.put("cosignedRoot", Base64.getEncoder().encodeToString(c.rootHash()));
    evidence.put("databaseSize", held);
    if (held < c.size()) {
      why = "the database holds fewer entries than the witnesses cosigned: rolled back";
    } else {
      byte[] root = ledger.rootAt(c.size());
      evidence.put("databaseRootAtCosignedSize", Base64.getEncoder().encodeToString(root));
      if (!Arrays.equals(root, c.rootHash())) {
        why = "the database's tree at the cosigned size has another root: entries were rewritten";
      }
    }
    if (why == null) {
      integrity.intact(c.size());
    } else {
      fail(why, evidence);
    }
  }

  private void fail(String why, Map<String, Object> evidence) {
    integrityFailures.increment();
    if (integrity.broken().isEmpty()) {
      log.error(
          "the consent ledger failed its integrity check, ledger writes stop: {} {}",
          why,
          evidence);
    }
    integrity.broken(new LedgerIntegrity.Broken(clock.instant(), why, evidence));
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

  /** A checkpoint as the witnesses cosigned it: its signed note with their cosignature lines. */
  public record Cosigned(long size, String note) {

    /** The checkpoint itself: the note's text, before the blank line and the signatures. */
    public Checkpoint checkpoint() {
      return Checkpoint.parse(note.substring(0, note.indexOf("\n\n") + 1));
    }
  }

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
    if (!outcome.inconsistent().isEmpty()) {
      fail(
          "witnesses refuse the checkpoint as inconsistent with what they cosigned",
          Map.of(
              "checkpointSize", signed.checkpoint().size(),
              "witnesses", String.join("; ", outcome.inconsistent())));
    }
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
      verify();
      if (integrity.broken().isPresent()) {
        return;
      }
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
