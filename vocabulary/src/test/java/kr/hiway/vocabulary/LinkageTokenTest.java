package kr.hiway.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LinkageTokenTest {

  // Expected values from an independent HMAC-SHA256 (Python's hmac module), base64url unpadded.
  private static final byte[] KEY_0_TO_31 = new byte[32];

  static {
    for (int i = 0; i < 32; i++) {
      KEY_0_TO_31[i] = (byte) i;
    }
  }

  @Test
  void tokenWhenKnownKeyThenHmacSha256OfTheDigits() {
    LinkageToken tokens = LinkageToken.withKey(KEY_0_TO_31);
    assertThat(tokens.of("900101-1234567"))
        .isEqualTo("UKwysu_ns0ztqkRS1QSBleBbQOQNUSlkT7HdirErwrw");
    assertThat(tokens.of("9001011234567")).isEqualTo(tokens.of("900101-1234567"));
    byte[] longKey = new byte[131];
    Arrays.fill(longKey, (byte) 0xaa);
    assertThat(LinkageToken.withKey(longKey).of("850315-1975312"))
        .isEqualTo("oax2OzzBb_WVFoCM5E1u60z4XzqM7eBCEqy0m1QjRkk");
  }

  @Test
  void tokenWhenAskedManyTimesAtOnceThenEveryAnswerTheSame() throws Exception {
    LinkageToken tokens = LinkageToken.withKey(KEY_0_TO_31);
    try (var pool = Executors.newFixedThreadPool(8)) {
      List<Future<String>> answers =
          IntStream.range(0, 2_000)
              .mapToObj(i -> pool.submit(() -> tokens.of("9001011234567")))
              .toList();
      for (Future<String> answer : answers) {
        assertThat(answer.get()).isEqualTo("UKwysu_ns0ztqkRS1QSBleBbQOQNUSlkT7HdirErwrw");
      }
    }
  }

  @Test
  void withKeyWhenShortOrLaterChangedThenRefusedOrUnaffected() {
    assertThatThrownBy(() -> LinkageToken.withKey(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] key = KEY_0_TO_31.clone();
    LinkageToken tokens = LinkageToken.withKey(key);
    key[0] = 99;
    assertThat(tokens.of("9001011234567")).isEqualTo("UKwysu_ns0ztqkRS1QSBleBbQOQNUSlkT7HdirErwrw");
  }

  @Test
  void ofWhenNotThirteenDigitsThenRefused() {
    LinkageToken tokens = LinkageToken.withKey(KEY_0_TO_31);
    assertThatThrownBy(() -> tokens.of("900101-123456"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tokens.of("900101-123456x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
