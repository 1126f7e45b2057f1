package kr.hiway.consent.pseudonym;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * Computes the pseudonyms of one domain, for one release.
 *
 * <ul>
 *   <li>a person: {@code "ps-" + base32(HMAC-SHA256(K_domain, 13 digits))[0..26)};
 *   <li>any other id (a record id, a reference target):<br>
 *       {@code "id-" + base32(HMAC-SHA256(K_domain, "ref|" + scope + "|" + type + "|" +
 *       id))[0..26)}, where {@code scope} is the {@code meta.source} of the resource holding the id
 *       or reference (empty without one), so that two hospitals' equal local ids stay apart;
 *   <li>a hospital ({@code meta.source}): {@code "hp-" + base32(HMAC-SHA256(K_domain, "hospital|" +
 *       source))[0..26)};
 *   <li>a person's date offset: from {@code HMAC-SHA256(K_domain, "shift|" + 13 digits)} (see
 *       {@link DateShifter#offset}).
 * </ul>
 *
 * <p>Base32 is RFC 4648's alphabet in lower case without padding; 26 characters keep 130 bits. The
 * inputs cannot collide: a person's input is 13 digits, every other starts with a label and {@code
 * |}. Record pseudonyms are stable within a domain across releases (not salted per release), so
 * that a project receiving a person's records twice sees the same record twice rather than a
 * duplicate; a per-release salt would hide nothing more, since the person pseudonym links the
 * releases anyway.
 *
 * <p>Not thread-safe: one per release (it holds a {@link Mac} and a cache of the release's ids).
 */
final class Pseudonyms {

  static final String PERSON_PREFIX = "ps-";
  static final String ID_PREFIX = "id-";
  static final String HOSPITAL_PREFIX = "hp-";
  static final int ENCODED_CHARS = 26;
  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  private final Mac mac;
  private final Map<String, String> ids = new HashMap<>();

  Pseudonyms(SecretKey domainKey) {
    try {
      this.mac = Mac.getInstance("HmacSHA256");
      mac.init(domainKey);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  /** The person pseudonym for canonical national-id digits. */
  String person(String digits) {
    return PERSON_PREFIX + encode(mac.doFinal(digits.getBytes(StandardCharsets.US_ASCII)));
  }

  /** The keyed tag a person's date offset is taken from. */
  byte[] shiftTag(String digits) {
    return mac.doFinal(("shift|" + digits).getBytes(StandardCharsets.US_ASCII));
  }

  /** The pseudonym of a hospital, named by its {@code meta.source}. */
  String hospital(String source) {
    return HOSPITAL_PREFIX
        + encode(mac.doFinal(("hospital|" + source).getBytes(StandardCharsets.UTF_8)));
  }

  /** The pseudonym of an id of a resource of {@code type} within {@code scope}. */
  String id(String scope, String type, String id) {
    String input = "ref|" + scope + "|" + type + "|" + id;
    String cached = ids.get(input);
    if (cached == null) {
      cached = ID_PREFIX + encode(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
      ids.put(input, cached);
    }
    return cached;
  }

  /** The first 26 base32 characters (130 bits) of a 32-byte tag. */
  static String encode(byte[] tag) {
    char[] out = new char[ENCODED_CHARS];
    int buffer = 0;
    int bits = 0;
    int n = 0;
    for (int i = 0; n < ENCODED_CHARS; i++) {
      buffer = (buffer << 8) | (tag[i] & 0xff);
      bits += 8;
      while (bits >= 5 && n < ENCODED_CHARS) {
        out[n++] = BASE32[(buffer >>> (bits - 5)) & 31];
        bits -= 5;
      }
    }
    return new String(out);
  }
}
