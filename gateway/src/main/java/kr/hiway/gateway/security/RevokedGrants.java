package kr.hiway.gateway.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import kr.hiway.gateway.cluster.ClusterEvents;
import kr.hiway.gateway.cluster.Topic;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Grants and tokens revoked before their access tokens expire, on every instance at once. The
 * resource server checks access tokens locally (a signature, no database), so a revoked grant's
 * tokens would otherwise keep working until they expire. Revoking writes a row (so an instance that
 * starts later knows it) and announces it to every instance ({@link Topic#REVOKED}); each keeps the
 * keys in memory until their expiry, and the token check looks them up there.
 *
 * <p>A key is {@code grant:{authorization id}} (every token of a grant: access tokens carry the
 * grant's id in {@link TokenClaims#GRANT}) or {@code token:{SHA-256 hex}} (one access token, for
 * tokens issued without a grant id, such as client-credentials tokens). Thread-safe.
 */
public final class RevokedGrants {

  /** Between a revoked key and its expiry (epoch seconds) in an event; in no key. */
  private static final String EXPIRES = "|expires=";

  private final JdbcClient jdbc;
  private final ClusterEvents events;
  private final Clock clock;
  private final Map<String, Instant> revoked = new ConcurrentHashMap<>();

  RevokedGrants(JdbcClient jdbc, ClusterEvents events, Clock clock) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    this.events = Objects.requireNonNull(events, "events");
    this.clock = Objects.requireNonNull(clock, "clock");
    events.subscribe(Topic.REVOKED, this::heard);
    events.subscribe(Topic.RESET, key -> reload());
    reload();
  }

  static String grantKey(String authorizationId) {
    return "grant:" + authorizationId;
  }

  static String tokenKey(String tokenHash) {
    return "token:" + tokenHash;
  }

  /**
   * Revokes, on every instance once the current transaction commits, whatever {@code key} names,
   * until {@code expiresAt} (the latest expiry of the access tokens it covers).
   */
  void revoke(String key, Instant expiresAt) {
    Instant now = clock.instant();
    try {
      jdbc.sql("INSERT INTO revoked_grant (revoked_key, revoked_at, expires_at) VALUES (?, ?, ?)")
          .params(key, Timestamp.from(now), Timestamp.from(expiresAt))
          .update();
    } catch (DuplicateKeyException alreadyRevoked) {
      return;
    }
    revoked.put(key, expiresAt);
    // The expiry rides with the key, so that every instance knows it the moment it hears.
    events.publish(Topic.REVOKED, key + EXPIRES + expiresAt.getEpochSecond());
    // Expired rows are of no more use to anyone: the cheapest time to drop them is now.
    jdbc.sql("DELETE FROM revoked_grant WHERE expires_at < ?").param(Timestamp.from(now)).update();
  }

  /** Whether the grant with this id, or the access token with this hash, was revoked. */
  boolean isRevoked(String grantId, String tokenHash) {
    if (revoked.isEmpty()) {
      return false;
    }
    return (grantId != null && revoked.containsKey(grantKey(grantId)))
        || revoked.containsKey(tokenKey(tokenHash));
  }

  private void heard(String event) {
    int at = event.lastIndexOf(EXPIRES);
    if (at > 0) {
      try {
        revoked.put(
            event.substring(0, at),
            Instant.ofEpochSecond(Long.parseLong(event.substring(at + EXPIRES.length()))));
        return;
      } catch (NumberFormatException | DateTimeException malformed) {
        // look the key up below
      }
    }
    // An event without its expiry (from an instance of an earlier version, during a rolling
    // update): the row has it.
    String key = at > 0 ? event.substring(0, at) : event;
    jdbc.sql("SELECT expires_at FROM revoked_grant WHERE revoked_key = ?")
        .param(key)
        .query(Timestamp.class)
        .optional()
        .ifPresent(expires -> revoked.put(key, expires.toInstant()));
  }

  private void reload() {
    Instant now = clock.instant();
    Map<String, Instant> fresh = new ConcurrentHashMap<>();
    jdbc.sql("SELECT revoked_key, expires_at FROM revoked_grant WHERE expires_at >= ?")
        .param(Timestamp.from(now))
        .query((rs, n) -> fresh.put(rs.getString(1), rs.getTimestamp(2).toInstant()))
        .list();
    revoked.putAll(fresh);
    revoked.entrySet().removeIf(e -> e.getValue().isBefore(now));
  }
}
