package kr.hiway.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The firewall's and the bearer resolver's loops decide exactly as the regular expressions of
 * Spring Security they stand in for, on random strings over the characters that matter.
 */
class CharacterChecksTest {

  private static final Pattern ASSIGNED_NOT_CONTROL =
      Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
  private static final Pattern HEADER_VALUE =
      Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");
  private static final Pattern BEARER =
      Pattern.compile("^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$", Pattern.CASE_INSENSITIVE);

  private static final int[] INTERESTING = {
    'a', 'Z', '0', ' ', '\t', '\n', '\r', 0, 0x7f, 0x85, 0x9f, 0xa0, 'é', '한', 0x0378, 0xfffe,
    0x1f600, 0xe0001, 0x10ffff, 0xd800, 0xdc00, '=', '-', '.', '_', '~', '+', '/', '%', '"', ','
  };

  @Test
  void firewallChecksWhenRandomStringsThenAsTheirPatterns() {
    SplittableRandom random = new SplittableRandom(42);
    for (int n = 0; n < 200_000; n++) {
      String s = randomString(random, "");
      assertThat(FirewallConfiguration.assignedNotControl(s))
          .as("name %s", escaped(s))
          .isEqualTo(ASSIGNED_NOT_CONTROL.matcher(s).matches());
      assertThat(FirewallConfiguration.headerValue(s))
          .as("value %s", escaped(s))
          .isEqualTo(HEADER_VALUE.matcher(s).matches());
    }
  }

  @Test
  void bearerCheckWhenRandomHeadersThenAsItsPattern() {
    SplittableRandom random = new SplittableRandom(7);
    String[] prefixes = {"Bearer ", "bearer ", "BEARER ", "Bearer", "Bearer  ", "Bearerx ", ""};
    for (int n = 0; n < 200_000; n++) {
      String s = randomString(random, prefixes[random.nextInt(prefixes.length)]);
      assertThat(HeaderBearerTokens.wellFormed(s))
          .as("header %s", escaped(s))
          .isEqualTo(BEARER.matcher(s).matches());
    }
  }

  private static String randomString(SplittableRandom random, String prefix) {
    StringBuilder b = new StringBuilder(prefix);
    int length = random.nextInt(6);
    for (int i = 0; i < length; i++) {
      b.appendCodePoint(INTERESTING[random.nextInt(INTERESTING.length)]);
    }
    return b.toString();
  }

  private static String escaped(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints().forEach(c -> b.append(String.format("U+%04X ", c)));
    return b.toString();
  }
}
