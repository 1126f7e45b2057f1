package kr.hiway.gateway.pii;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals national identifiers for storage and hashes them for look-ups. A sealed value is
 * AES-256-GCM with a random 96-bit nonce, bound by its associated data to the column and row it is
 * stored in (a value copied into another row or column does not open); a look-up hash is
 * HMAC-SHA256 of the 13 digits, so {@code 900101-1234567} and {@code 9001011234567} find the same
 * row, and without the key the small resident-number space cannot be tried against the hashes.
 *
 * <p>Thread-safe. No method accepts or returns null.
 */
public final class NationalIdCipher {

  /** Where a sealed value lives: what its associated data names. */
  public enum Column {
    PATIENT_ACCOUNT("patient_account.national_id_sealed"),
    PSEUDONYM_INDEX("pseudonym_index.national_id_sealed");

    private final String name;

    Column(String name) {
      this.name = name;
    }
  }

  private static final String PREFIX = "v1.";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec encryption;
  private final SecretKeySpec lookup;
  private final SecureRandom random = new SecureRandom();

  NationalIdCipher(byte[] master) {
    this.encryption = PiiKeys.encryption(master);
    this.lookup = PiiKeys.lookup(master);
  }

  /**
   * The sealed form of {@code nationalId} for {@code column} of the row with key {@code row}, e.g.
   * {@code v1.<base64url of nonce, ciphertext and tag>}.
   */
  public String seal(Column column, String row, String nationalId) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] sealed = crypt(Cipher.ENCRYPT_MODE, column, row, nonce, utf8(nationalId));
    ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
  }

  /**
   * The national identifier a {@link #seal} made for the same column and row.
   *
   * @throws IllegalStateException if the value is not one, or was made with another key, for
   *     another column or row, or altered
   */
  public String open(Column column, String row, String sealed) {
    if (!sealed.startsWith(PREFIX)) {
      throw new IllegalStateException("not a sealed national identifier in " + column.name);
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(sealed.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("not a sealed national identifier in " + column.name);
    }
    if (raw.length <= NONCE_BYTES + TAG_BITS / 8) {
      throw new IllegalStateException("not a sealed national identifier in " + column.name);
    }
    byte[] nonce = Arrays.copyOf(raw, NONCE_BYTES);
    byte[] body = Arrays.copyOfRange(raw, NONCE_BYTES, raw.length);
    return new String(crypt(Cipher.DECRYPT_MODE, column, row, nonce, body), StandardCharsets.UTF_8);
  }

  /** The row key a {@code pseudonym_index} value is bound to. */
  public static String indexRow(String domain, String pseudonym) {
    return domain + "\n" + pseudonym;
  }

  /** The look-up hash of a national identifier: 64 hex digits. */
  public String lookupHash(String nationalId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(lookup);
      return HexFormat.of().formatHex(mac.doFinal(utf8(digits(nationalId))));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The 13 digits, without the hyphen or spaces. */
  static String digits(String nationalId) {
    String digits = nationalId.replace("-", "").replace(" ", "");
    if (digits.length() != 13 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("a national identifier has 13 digits");
    }
    return digits;
  }

  private byte[] crypt(int mode, Column column, String row, byte[] nonce, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, encryption, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(utf8(column.name + "\n" + row));
      return cipher.doFinal(input);
    } catch (AEADBadTagException e) {
      throw new IllegalStateException(
          "a sealed national identifier in " + column.name + " does not open with this key");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
