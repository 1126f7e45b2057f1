package kr.hiway.gateway.pii;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two keys derived from the configured one with HKDF-SHA256 (RFC 5869): one to encrypt, one to
 * hash for look-ups. Separate keys, so that the look-up hash, which must be deterministic, shares
 * nothing with the cipher. Stateless.
 */
final class PiiKeys {

  static final int KEY_BYTES = 32;

  private static final byte[] SALT = "hiway national-id at rest".getBytes(StandardCharsets.UTF_8);

  private PiiKeys() {}

  /** The configured key, checked. */
  static byte[] decode(String base64) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("hiway.pii.key is not base64");
    }
    if (key.length != KEY_BYTES) {
      throw new IllegalStateException("hiway.pii.key must be 32 bytes");
    }
    return key;
  }

  static SecretKeySpec encryption(byte[] master) {
    return new SecretKeySpec(derive(master, "aes-256-gcm v1"), "AES");
  }

  static SecretKeySpec lookup(byte[] master) {
    return new SecretKeySpec(derive(master, "hmac-sha256 lookup v1"), "HmacSHA256");
  }

  /** HKDF with one output block: 32 bytes are all either key needs. */
  static byte[] derive(byte[] master, String info) {
    try {
      Mac extract = Mac.getInstance("HmacSHA256");
      extract.init(new SecretKeySpec(SALT, "HmacSHA256"));
      byte[] prk = extract.doFinal(master);
      Mac expand = Mac.getInstance("HmacSHA256");
      expand.init(new SecretKeySpec(prk, "HmacSHA256"));
      expand.update(info.getBytes(StandardCharsets.UTF_8));
      expand.update((byte) 1);
      byte[] out = expand.doFinal();
      Arrays.fill(prk, (byte) 0);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
