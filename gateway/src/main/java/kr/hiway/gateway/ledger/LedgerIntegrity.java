package kr.hiway.gateway.ledger;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.vocabulary.ErrorCode;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether the ledger in the database still extends what its witnesses cosigned. {@link Checkpoints}
 * finds out (before it signs, at start and on every tick, and from the witnesses' answers); while
 * it is broken, nothing is appended to the ledger ({@link GuardedLedgerStore}), so no consent is
 * recorded and no disclosure that needs a record is released (503 {@code HIW-G027}), and the health
 * shows the ledger {@code DOWN} with the evidence. It clears once the database extends the cosigned
 * checkpoint again (restored from a backup). Thread-safe.
 */
@Component("ledgerIntegrity")
public class LedgerIntegrity implements HealthIndicator {

  /** Why the ledger is not to be trusted: when it was found, and the evidence. */
  public record Broken(Instant found, String reason, Map<String, Object> evidence) {}

  private volatile Broken broken;
  private volatile long cosignedSize = -1;

  /** Throws while the ledger is broken. */
  public void requireIntact() {
    Broken b = broken;
    if (b != null) {
      throw new GatewayException(
          ErrorCode.LEDGER_INTEGRITY,
          "The consent ledger failed its integrity check, so nothing that needs a ledger record is"
              + " done until the operators restore it; try again later.");
    }
  }

  public Optional<Broken> broken() {
    return Optional.ofNullable(broken);
  }

  void broken(Broken b) {
    broken = b;
  }

  void intact(long cosigned) {
    broken = null;
    cosignedSize = cosigned;
  }

  @Override
  public Health health() {
    Broken b = broken;
    if (b != null) {
      return Health.down()
          .withDetail("reason", b.reason())
          .withDetail("found", b.found().toString())
          .withDetails(b.evidence())
          .build();
    }
    return Health.up().withDetail("cosignedSize", cosignedSize).build();
  }
}
