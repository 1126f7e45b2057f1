package kr.hiway.gateway.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How sign-in resists guessing, on every instance alike (the counts are in the database):
 *
 * <ul>
 *   <li>each source address may try {@link RateLimitProperties#signIn} sign-ins (a burst, then a
 *       few a minute), whatever the accounts, which bounds password spraying;
 *   <li>after {@link RateLimitProperties#freeFailures} wrong passwords for one account from one
 *       address, the next try from there must wait 1 s, then 2, 4, … up to {@link
 *       RateLimitProperties#maxFailureWait}; a success clears it.
 * </ul>
 *
 * <p>Never a lockout: the wait is per account <em>and</em> address, so an attacker elsewhere slows
 * only themselves, and the patient signing in from their own phone is not kept out; it ends by
 * itself. A try that must wait is refused before the password is checked, so it reveals nothing.
 * Thread-safe.
 */
final class SignInLimits {

  private final JdbcClient jdbc;
  private final RateLimits buckets;
  private final RateLimitProperties props;
  private final Clock clock;

  SignInLimits(JdbcClient jdbc, RateLimits buckets, RateLimitProperties props, Clock clock) {
    this.jdbc = jdbc;
    this.buckets = buckets;
    this.props = props;
    this.clock = clock;
  }

  /** How long this try must wait; zero if it may go on (and it is then counted). */
  Duration check(String username, String address) {
    if (!props.enabled()) {
      return Duration.ZERO;
    }
    Instant now = clock.instant();
    Instant retryAt =
        jdbc.sql("SELECT retry_at FROM sign_in_failure WHERE attempt_key = ?")
            .param(key(username, address))
            .query(Timestamp.class)
            .optional()
            .map(Timestamp::toInstant)
            .orElse(now);
    if (retryAt.isAfter(now)) {
      return Duration.between(now, retryAt);
    }
    return buckets.take("sign-in", address, props.signIn());
  }

  /** A wrong password: the next try from this address for this account may have to wait. */
  void failed(String username, String address) {
    Instant now = clock.instant();
    String key = key(username, address);
    int failures =
        jdbc.sql("SELECT failures FROM sign_in_failure WHERE attempt_key = ?")
                .param(key)
                .query(Integer.class)
                .optional()
                .orElse(0)
            + 1;
    Timestamp retryAt = Timestamp.from(now.plus(waitAfter(failures)));
    int updated =
        jdbc.sql(
                "UPDATE sign_in_failure SET failures = ?, retry_at = ?, last_failure = ?"
                    + " WHERE attempt_key = ?")
            .params(failures, retryAt, Timestamp.from(now), key)
            .update();
    if (updated == 0) {
      try {
        jdbc.sql(
                "INSERT INTO sign_in_failure (attempt_key, failures, retry_at, last_failure)"
                    + " VALUES (?, ?, ?, ?)")
            .params(key, failures, retryAt, Timestamp.from(now))
            .update();
      } catch (DuplicateKeyException raced) {
        // Another instance counted a failure of the same key at the same moment: one is enough.
      }
    }
    // Old failures are of no more use: a day after the last one, the account starts afresh.
    jdbc.sql("DELETE FROM sign_in_failure WHERE last_failure < ?")
        .param(Timestamp.from(now.minus(Duration.ofDays(1))))
        .update();
  }

  /** A successful sign-in clears the account's failures from this address. */
  void succeeded(String username, String address) {
    jdbc.sql("DELETE FROM sign_in_failure WHERE attempt_key = ?")
        .param(key(username, address))
        .update();
  }

  /** The wait after {@code failures} failures in a row: none, then 1 s doubling, capped. */
  Duration waitAfter(int failures) {
    int over = failures - props.freeFailures();
    if (over <= 0) {
      return Duration.ZERO;
    }
    Duration wait = Duration.ofSeconds(1L << Math.min(over - 1, 30));
    return wait.compareTo(props.maxFailureWait()) > 0 ? props.maxFailureWait() : wait;
  }

  private static String key(String username, String address) {
    String user = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    if (user.length() > 100) {
      user = user.substring(0, 100);
    }
    return user + "|" + address;
  }
}
