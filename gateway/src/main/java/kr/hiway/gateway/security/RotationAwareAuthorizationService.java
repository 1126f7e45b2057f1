package kr.hiway.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Refresh-token rotation with reuse detection. Spring Authorization Server rotates refresh tokens
 * but simply forgets the old one, so a stolen old token is only "invalid". Here every replaced
 * token is remembered (as a hash) with its grant, and a replay of one revokes the whole grant: the
 * legitimate holder and the thief both lose it, which is what the OAuth 2.0 Security BCP asks.
 *
 * <p>Whenever a grant goes (removed, a replay, a reused code, a revoked refresh token) or an access
 * token is revoked on its own, its access tokens are revoked on every instance ({@link
 * RevokedGrants}): they are checked locally and would otherwise work until they expire. Thread-safe
 * if the delegate is.
 */
final class RotationAwareAuthorizationService implements OAuth2AuthorizationService {

  private static final Logger log =
      LoggerFactory.getLogger(RotationAwareAuthorizationService.class);

  private final OAuth2AuthorizationService delegate;
  private final JdbcClient jdbc;
  private final RevokedGrants revoked;

  RotationAwareAuthorizationService(
      OAuth2AuthorizationService delegate, JdbcClient jdbc, RevokedGrants revoked) {
    this.delegate = delegate;
    this.jdbc = jdbc;
    this.revoked = revoked;
  }

  @Override
  public void save(OAuth2Authorization authorization) {
    OAuth2Authorization previous = delegate.findById(authorization.getId());
    Optional<String> replaced = replacedRefreshToken(previous, authorization);
    replaced.ifPresent(old ->
        jdbc.sql(
                "INSERT INTO oauth2_rotated_refresh_token (token_hash, authorization_id,"
                    + " rotated_at) VALUES (?, ?, ?)")
            .params(hash(old), authorization.getId(), Timestamp.from(Instant.now()))
            .update());
    delegate.save(authorization);
    revokeWhatWasInvalidated(previous, authorization);
  }

  @Override
  public void remove(OAuth2Authorization authorization) {
    delegate.remove(authorization);
    revokeGrant(authorization);
    jdbc.sql("DELETE FROM oauth2_rotated_refresh_token WHERE authorization_id = ?")
        .param(authorization.getId())
        .update();
  }

  @Override
  public OAuth2Authorization findById(String id) {
    return delegate.findById(id);
  }

  @Override
  public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
    OAuth2Authorization found = delegate.findByToken(token, tokenType);
    if (found == null && (tokenType == null || OAuth2TokenType.REFRESH_TOKEN.equals(tokenType))) {
      jdbc.sql("SELECT authorization_id FROM oauth2_rotated_refresh_token WHERE token_hash = ?")
          .param(hash(token))
          .query(String.class)
          .optional()
          .ifPresent(this::revokeReplayedGrant);
    }
    return found;
  }

  private void revokeReplayedGrant(String authorizationId) {
    OAuth2Authorization grant = delegate.findById(authorizationId);
    if (grant != null) {
      remove(grant);
      log.warn(
          "a rotated refresh token was replayed; grant of client {} revoked",
          grant.getRegisteredClientId());
    }
  }

  /**
   * A refresh token (or a reused code, which invalidates it) ends the whole grant; an access token
   * revoked on its own ends that token only.
   */
  private void revokeWhatWasInvalidated(OAuth2Authorization previous, OAuth2Authorization next) {
    if (newlyInvalidated(
            previous == null ? null : previous.getRefreshToken(), next.getRefreshToken())
        || newlyInvalidated(
                previous == null ? null : previous.getToken(OAuth2AuthorizationCode.class),
                next.getToken(OAuth2AuthorizationCode.class))
            && next.getAccessToken() != null
            && next.getAccessToken().isInvalidated()) {
      revokeGrant(next);
    } else if (newlyInvalidated(
        previous == null ? null : previous.getAccessToken(), next.getAccessToken())) {
      OAuth2AccessToken token = next.getAccessToken().getToken();
      revoked.revoke(
          RevokedGrants.tokenKey(CachingJwtDecoder.hash(token.getTokenValue())), expiry(next));
    }
  }

  private void revokeGrant(OAuth2Authorization grant) {
    Instant expires = expiry(grant);
    revoked.revoke(RevokedGrants.grantKey(grant.getId()), expires);
    if (grant.getAccessToken() != null) {
      String value = grant.getAccessToken().getToken().getTokenValue();
      revoked.revoke(RevokedGrants.tokenKey(CachingJwtDecoder.hash(value)), expires);
    }
  }

  /**
   * When every access token of the grant has expired: the last one issued expires last. A grant
   * without one has no token to refuse, but is kept an hour all the same.
   */
  private static Instant expiry(OAuth2Authorization grant) {
    OAuth2Authorization.Token<OAuth2AccessToken> access = grant.getAccessToken();
    Instant hour = Instant.now().plusSeconds(3600);
    if (access == null || access.getToken().getExpiresAt() == null) {
      return hour;
    }
    return access.getToken().getExpiresAt();
  }

  private static boolean newlyInvalidated(
      OAuth2Authorization.Token<?> before, OAuth2Authorization.Token<?> after) {
    return after != null && after.isInvalidated() && (before == null || !before.isInvalidated());
  }

  private static Optional<String> replacedRefreshToken(
      OAuth2Authorization previous, OAuth2Authorization next) {
    if (previous == null) {
      return Optional.empty();
    }
    OAuth2Authorization.Token<OAuth2RefreshToken> before = previous.getRefreshToken();
    OAuth2Authorization.Token<OAuth2RefreshToken> after = next.getRefreshToken();
    if (before == null || after == null) {
      return Optional.empty();
    }
    String old = before.getToken().getTokenValue();
    return old.equals(after.getToken().getTokenValue()) ? Optional.empty() : Optional.of(old);
  }

  private static String hash(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
