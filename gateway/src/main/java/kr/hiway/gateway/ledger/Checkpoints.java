package kr.hiway.gateway.ledger;

import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import kr.hiway.consent.ledger.Checkpointer;
import kr.hiway.consent.ledger.Ledger;
import kr.hiway.consent.ledger.SignedCheckpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Publishes signed checkpoints: on a schedule whenever the log has grown, on demand, and once at
 * start so that there is always one to serve. Each new checkpoint is checked to extend the previous
 * one before it is signed ({@link Checkpointer}); a log that does not is reported loudly and no
 * checkpoint is signed for it. Thread-safe.
 */
@Component
public class Checkpoints implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);

  private final Checkpointer checkpointer;
  private final Ledger ledger;
  private final ScheduledExecutorService scheduler;
  private final LedgerProperties props;

  Checkpoints(
      Checkpointer checkpointer,
      Ledger ledger,
      ScheduledExecutorService ledgerScheduler,
      LedgerProperties props) {
    this.checkpointer = checkpointer;
    this.ledger = ledger;
    this.scheduler = ledgerScheduler;
    this.props = props;
  }

  @Override
  public void run(ApplicationArguments args) {
    latest();
    long every = props.checkpointInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::issueIfGrown, every, every, TimeUnit.MILLISECONDS);
  }

  /** The latest checkpoint, signing a first one if there is none yet. */
  public SignedCheckpoint latest() {
    return checkpointer.latest().orElseGet(this::issue);
  }

  /** Signs a checkpoint of the log as it is now. */
  public synchronized SignedCheckpoint issue() {
    return checkpointer.issue();
  }

  private void issueIfGrown() {
    try {
      Optional<SignedCheckpoint> last = checkpointer.latest();
      long size = ledger.head().size();
      if (last.isEmpty() || last.get().checkpoint().size() < size) {
        issue();
      }
    } catch (RuntimeException e) {
      log.error("no checkpoint could be signed", e);
    }
  }
}
