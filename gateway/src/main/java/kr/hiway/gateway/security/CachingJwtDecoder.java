package kr.hiway.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Remembers tokens already validated, until they expire. An app sends the same access token with
 * every call for its whole life, and checking an RS256 signature each time is most of what
 * authentication costs. A JWT cannot be recalled before it expires anyway, so remembering it grants
 * nothing the token did not; the expiry is checked again on every use. Tokens are kept by SHA-256
 * hash, not in clear. A token whose grant, or which itself, was revoked ({@link RevokedGrants}) is
 * refused, cached or not. Thread-safe.
 */
final class CachingJwtDecoder implements JwtDecoder {

  private static final int MAX_ENTRIES = 50_000;

  private final JwtDecoder delegate;
  private final RevokedGrants revoked;
  private final Clock clock;
  private final ConcurrentHashMap<String, Jwt> validated = new ConcurrentHashMap<>();

  CachingJwtDecoder(JwtDecoder delegate, RevokedGrants revoked, Clock clock) {
    this.delegate = delegate;
    this.revoked = revoked;
    this.clock = clock;
  }

  @Override
  public Jwt decode(String token) {
    String key = hash(token);
    Jwt known = validated.get(key);
    if (known != null) {
      Instant expires = known.getExpiresAt();
      if (expires != null && clock.instant().isBefore(expires)) {
        return notRevoked(known, key);
      }
      validated.remove(key);
    }
    Jwt jwt = delegate.decode(token); // throws for anything invalid: never cached
    if (jwt.getExpiresAt() != null) {
      if (validated.size() >= MAX_ENTRIES) {
        validated.clear(); // crude, but bounded; a busy minute refills it
      }
      validated.put(key, jwt);
    }
    return notRevoked(jwt, key);
  }

  private Jwt notRevoked(Jwt jwt, String tokenHash) {
    if (revoked.isRevoked(jwt.getClaimAsString(TokenClaims.GRANT), tokenHash)) {
      throw new BadJwtException("the token's grant was revoked");
    }
    return jwt;
  }

  static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
