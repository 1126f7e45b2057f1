package kr.hiway.gateway.fanout;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The gateway's ids for hospital records: {@code {hospitalCode}.{localId}}, such as {@code
 * snuh.P123-obs-1-1}. Hospital codes hold no dot, so the first dot splits a global id.
 *
 * <p>FHIR ids are at most 64 characters. When {@code code.localId} would be longer, the id is
 * {@code code.} followed by a lower-case base32 prefix of the SHA-256 of the local id, as long as
 * fits. Such an id is stable and unique in practice, but one-way: {@link #split} then gives the
 * hash, not the local id, and a read by it finds nothing.
 *
 * <p>Stateless and thread-safe. Arguments must not be null unless stated.
 */
public final class GlobalIds {

  /** The parts of a global id. Neither is null. */
  public record Parts(String hospitalCode, String localId) {
    public Parts {
      Objects.requireNonNull(hospitalCode, "hospitalCode");
      Objects.requireNonNull(localId, "localId");
    }
  }

  /** What {@code meta.source} of every released resource starts with; its hospital code follows. */
  public static final String SOURCE_PREFIX = "urn:hiway:hospital:";

  static final int MAX_ID_LENGTH = 64;
  // The rules, as patterns; checked by hand below (FanOutGlobalIdsTest compares the two).
  static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
  static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9.-]{1,64}");
  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  private GlobalIds() {}

  /** The {@code meta.source} of a hospital's resources. */
  public static String source(String hospitalCode) {
    return SOURCE_PREFIX + hospitalCode;
  }

  /**
   * The hospital code a {@code meta.source} (or a {@code _source} value) names, or null if it is
   * not one of the gateway's.
   */
  public static String hospitalOfSource(String source) {
    return source != null && source.startsWith(SOURCE_PREFIX)
        ? source.substring(SOURCE_PREFIX.length())
        : null;
  }

  /**
   * The global id of a hospital's record.
   *
   * @throws IllegalArgumentException if the code is not a hospital code or the local id not a FHIR
   *     id
   */
  public static String of(String hospitalCode, String localId) {
    if (!isHospitalCode(hospitalCode)) {
      throw new IllegalArgumentException("not a hospital code");
    }
    if (!isFhirId(localId)) {
      throw new IllegalArgumentException("not a FHIR id");
    }
    String id = hospitalCode + "." + localId;
    if (id.length() <= MAX_ID_LENGTH) {
      return id;
    }
    String hash = base32(sha256(localId));
    int room = MAX_ID_LENGTH - hospitalCode.length() - 1;
    return hospitalCode + "." + hash.substring(0, Math.min(room, hash.length()));
  }

  /** The hospital code and local id of a global id; empty for null or anything else. */
  public static Optional<Parts> split(String globalId) {
    if (globalId == null || !isFhirId(globalId)) {
      return Optional.empty();
    }
    int dot = globalId.indexOf('.');
    if (dot < 1 || dot == globalId.length() - 1) {
      return Optional.empty();
    }
    String code = globalId.substring(0, dot);
    if (!isHospitalCode(code)) {
      return Optional.empty();
    }
    return Optional.of(new Parts(code, globalId.substring(dot + 1)));
  }

  /** {@link #CODE}, checked character by character (this runs for every record released). */
  static boolean isHospitalCode(String s) {
    if (s == null || s.isEmpty() || s.length() > 40 || s.charAt(0) == '-') {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-') {
        return false;
      }
    }
    return true;
  }

  /** {@link #FHIR_ID}, checked character by character. */
  static boolean isFhirId(String s) {
    if (s == null || s.isEmpty() || s.length() > 64) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= 'a' && c <= 'z')
          && !(c >= 'A' && c <= 'Z')
          && !(c >= '0' && c <= '9')
          && c != '.'
          && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static String base32(byte[] bytes) {
    StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(BASE32[(buffer >> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(BASE32[(buffer << (5 - bits)) & 31]);
    }
    return out.toString();
  }
}
