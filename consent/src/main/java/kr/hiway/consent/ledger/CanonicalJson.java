package kr.hiway.consent.ledger;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RFC 8785 JSON Canonicalization Scheme for the values the ledger needs: objects (string keys,
 * sorted by UTF-16 code units), arrays, strings, integers, booleans and null. Floating-point
 * numbers are refused rather than serialized the ECMAScript way, because no entry needs them and a
 * lossy number in signed data is a liability.
 *
 * <p>Java values: {@link Map} with {@link String} keys, {@link List}, {@link String}, {@link
 * Integer}/{@link Long}/{@link Short}/{@link Byte}/{@link BigInteger} within ±(2^53 − 1), {@link
 * Boolean} and {@code null}. {@link #parse} gives back the same kinds (integers as {@link Long}).
 * Stateless and thread-safe.
 */
public final class CanonicalJson {

  /** Integers beyond this are not exact in IEEE 754 doubles, which JCS numbers are. */
  public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  private CanonicalJson() {}

  /**
   * The canonical UTF-8 bytes of a value.
   *
   * @throws IllegalArgumentException for floats, unsafe integers, lone surrogates, non-string keys
   *     or other unsupported values
   */
  public static byte[] encode(Object value) {
    StringBuilder out = new StringBuilder(256);
    write(value, out, 0);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Parses JSON text (any valid whitespace and key order, no floats, no duplicate keys).
   *
   * @throws IllegalArgumentException if it is not such JSON
   */
  public static Object parse(byte[] json) {
    return JsonReader.read(json);
  }

  /** Parses JSON text and returns its canonical form. */
  public static byte[] canonicalize(byte[] json) {
    return encode(parse(json));
  }

  /** Whether {@code json} is already exactly in canonical form. */
  public static boolean isCanonical(byte[] json) {
    try {
      return java.util.Arrays.equals(canonicalize(json), json);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void write(Object value, StringBuilder out, int depth) {
    if (depth > JsonReader.MAX_DEPTH) {
      throw new IllegalArgumentException("JSON nested too deeply");
    }
    switch (value) {
      case null -> out.append("null");
      case Boolean b -> out.append(b ? "true" : "false");
      case String s -> string(s, out);
      case Long l -> integer(l, out);
      case Integer i -> integer(i, out);
      case Short s -> integer(s, out);
      case Byte b -> integer(b, out);
      case BigInteger b -> {
        if (b.bitLength() > 53) {
          throw new IllegalArgumentException("integer out of the exact range of JSON: " + b);
        }
        integer(b.longValue(), out);
      }
      case Map<?, ?> map -> object(map, out, depth);
      case List<?> list -> {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(list.get(i), out, depth + 1);
        }
        out.append(']');
      }
      case Double d -> throw new IllegalArgumentException("floating-point numbers are not used");
      case Float f -> throw new IllegalArgumentException("floating-point numbers are not used");
      default ->
          throw new IllegalArgumentException(
              "cannot encode " + value.getClass().getName() + " as canonical JSON");
    }
  }

  private static void object(Map<?, ?> map, StringBuilder out, int depth) {
    List<String> keys = new ArrayList<>(map.size());
    for (Object k : map.keySet()) {
      if (!(k instanceof String s)) {
        throw new IllegalArgumentException("JSON object keys must be strings, not " + k);
      }
      keys.add(s);
    }
    // String.compareTo orders by UTF-16 code units, which is exactly what RFC 8785 §3.2.3 asks.
    keys.sort(String::compareTo);
    out.append('{');
    for (int i = 0; i < keys.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      string(keys.get(i), out);
      out.append(':');
      write(map.get(keys.get(i)), out, depth + 1);
    }
    out.append('}');
  }

  private static void integer(long value, StringBuilder out) {
    if (value > MAX_SAFE_INTEGER || value < -MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("integer out of the exact range of JSON: " + value);
    }
    out.append(value);
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            throw new IllegalArgumentException("lone surrogate in string at " + i);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
