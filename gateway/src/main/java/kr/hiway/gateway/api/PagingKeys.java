package kr.hiway.gateway.api;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The paging keys in force: the configured ones, or in the demo its own ({@link DemoPagingKeys}).
 * Outside the demo a missing key stops the start: nothing is made up.
 */
final class PagingKeys {

  static final int KEY_BYTES = 32;

  private PagingKeys() {}

  /**
   * The keys, the one that seals first.
   *
   * @param demo the demo's key, or null outside the demo
   * @throws IllegalStateException if a key is malformed, or none is set outside the demo
   */
  static List<byte[]> load(PagingProperties props, DemoPagingKeys demo) {
    List<byte[]> keys = new ArrayList<>();
    if (props.pagingKey() != null && !props.pagingKey().isBlank()) {
      keys.add(decode("hiway.fhir.paging-key", props.pagingKey()));
    } else if (demo != null) {
      keys.add(demo.pagingKey());
    } else {
      throw new IllegalStateException(
          "hiway.fhir.paging-key is not set: outside the demo the gateway makes no paging key of"
              + " its own (base64 of 32 random bytes, the same on every instance)");
    }
    for (String retired : props.retiredPagingKeys()) {
      keys.add(decode("hiway.fhir.retired-paging-keys", retired));
    }
    return keys;
  }

  /** A base64 key of {@link #KEY_BYTES}; {@code what} names it in the refusal. */
  static byte[] decode(String what, String base64) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(what + " is not base64");
    }
    if (key.length != KEY_BYTES) {
      throw new IllegalStateException(what + " must be 32 bytes");
    }
    return key;
  }
}
