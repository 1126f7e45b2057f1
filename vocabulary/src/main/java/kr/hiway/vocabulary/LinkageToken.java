package kr.hiway.vocabulary;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The linkage token by which the gateway asks one hospital about one person: HMAC-SHA256 of the
 * person's national identifier under a key that only that hospital and the gateway share.
 *
 * <p>The national identifier never crosses the wire; a token from one hospital says nothing about
 * the same person's token at another, so tokens cannot be joined across hospitals. The token is
 * sent as a FHIR identifier with the fixed system {@link #SYSTEM}.
 *
 * <p>Instances are immutable and thread-safe. No argument may be null.
 */
public final class LinkageToken {

  /** The identifier system under which every adapter accepts a linkage token. */
  public static final String SYSTEM = "urn:hiway:linkage-token";

  private static final String ALGORITHM = "HmacSHA256";
  private static final int MIN_KEY_BYTES = 32;

  private final SecretKeySpec key;

  /** Keyed once and only ever cloned: a fresh instance per token costs a provider look-up. */
  private final Mac keyed;

  private LinkageToken(byte[] key) {
    this.key = new SecretKeySpec(key, ALGORITHM);
    this.keyed = newMac();
  }

  /** A token maker for one hospital's key, which must be at least 32 bytes. */
  public static LinkageToken withKey(byte[] key) {
    Objects.requireNonNull(key, "key");
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException("a linkage key needs at least 32 bytes");
    }
    return new LinkageToken(key.clone());
  }

  /**
   * The token for a national identifier. Only the digits count, so {@code 900101-1234567} and
   * {@code 9001011234567} give the same token.
   */
  public String of(String nationalId) {
    String digits = digitsOf(nationalId);
    Mac mac;
    try {
      mac = (Mac) keyed.clone();
    } catch (CloneNotSupportedException e) {
      mac = newMac();
    }
    byte[] tag = mac.doFinal(digits.getBytes(StandardCharsets.US_ASCII));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  private static String digitsOf(String nationalId) {
    Objects.requireNonNull(nationalId, "nationalId");
    StringBuilder digits = new StringBuilder(13);
    for (int i = 0; i < nationalId.length(); i++) {
      char c = nationalId.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      } else if (c != '-' && c != ' ') {
        throw new IllegalArgumentException("a national identifier holds digits only");
      }
    }
    if (digits.length() != 13) {
      throw new IllegalArgumentException("a national identifier has 13 digits");
    }
    return digits.toString();
  }
}
