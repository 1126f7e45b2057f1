package kr.hiway.gateway.security.backend;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code jti} of every client assertion accepted and not yet expired, so that none is accepted
 * twice (RFC 7523 section 3, SMART Backend Services). Kept in the database table {@code
 * client_assertion_jti}, whose primary key makes the check atomic across any number of gateway
 * instances: the insert that comes second fails, whichever instance made it.
 *
 * <p>The jti is stored as a SHA-256 hash: the column has a fixed width whatever length a client
 * chooses, and nothing a client sent is kept verbatim. Rows outlive their assertion's expiry and
 * are then purged, at most once a minute, by whichever call comes along.
 *
 * <p>Thread-safe. Arguments must not be null.
 */
final class UsedAssertionIds {

  private static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

  private final JdbcClient jdbc;
  private final Clock clock;
  private final AtomicReference<Instant> nextPurge;

  UsedAssertionIds(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.nextPurge = new AtomicReference<>(clock.instant());
  }

  /**
   * Records that {@code clientId} used {@code jti}, to be remembered until {@code keepUntil}.
   *
   * @return true the first time; false if the client has used this jti before and it is still
   *     remembered, which means the assertion is a replay
   */
  boolean firstUse(String clientId, String jti, Instant keepUntil) {
    purgeIfDue();
    try {
      jdbc.sql(
              "INSERT INTO client_assertion_jti (client_id, jti_hash, expires_at) VALUES (?, ?,"
                  + " ?)")
          .params(clientId, hash(jti), Timestamp.from(keepUntil))
          .update();
      return true;
    } catch (DuplicateKeyException replay) {
      return false;
    }
  }

  /** Forgets the jti of assertions that have expired: they are refused for that already. */
  int purgeExpired() {
    return jdbc.sql("DELETE FROM client_assertion_jti WHERE expires_at < ?")
        .param(Timestamp.from(clock.instant()))
        .update();
  }

  private void purgeIfDue() {
    Instant now = clock.instant();
    Instant due = nextPurge.get();
    // Only the caller that moves the mark purges; the others go straight on.
    if (!now.isBefore(due) && nextPurge.compareAndSet(due, now.plus(PURGE_INTERVAL))) {
      purgeExpired();
    }
  }

  private static String hash(String jti) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(jti.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
