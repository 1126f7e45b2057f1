package kr.hiway.gateway.pii;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The byte patterns a national identifier in clear would leave in a file. */
final class AtRestScan {

  private AtRestScan() {}

  /** With and without the hyphen, in UTF-8 and in both UTF-16 byte orders. */
  static List<byte[]> needles(String nationalId) {
    List<byte[]> out = new ArrayList<>();
    for (String form : List.of(nationalId, nationalId.replace("-", ""))) {
      out.add(form.getBytes(StandardCharsets.UTF_8));
      out.add(form.getBytes(StandardCharsets.UTF_16LE));
      out.add(form.getBytes(StandardCharsets.UTF_16BE));
    }
    return out;
  }

  static int count(byte[] haystack, byte[] needle) {
    int found = 0;
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      found++;
    }
    return found;
  }
}
