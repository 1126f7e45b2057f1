package kr.hiway.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.gateway.release.PagedQuery;
import kr.hiway.gateway.testing.MutableClock;
import kr.hiway.vocabulary.ErrorCode;
import kr.hiway.vocabulary.RecordType;
import org.junit.jupiter.api.Test;

/** Paging tokens: what goes in comes out, and an altered, foreign or expired token is refused. */
class PageTokensTest {

  static final PagedQuery QUERY =
      PagedQuery.search(
          "pt-1",
          RecordType.OBSERVATION,
          Map.of("code", List.of("http://loinc.org|718-7")),
          Set.of("snuh"));

  final MutableClock clock = new MutableClock();
  final PageTokens tokens = new PageTokens(new byte[32], Duration.ofMinutes(10), clock);

  @Test
  void openWhenSealedThenSameQueryAndClient() {
    PageTokens.Sealed sealed = tokens.open(tokens.seal(QUERY, "demo-app"));
    assertThat(sealed.query()).isEqualTo(QUERY);
    assertThat(sealed.clientId()).isEqualTo("demo-app");
  }

  @Test
  void openWhenExpiredThen410() {
    String token = tokens.seal(QUERY, "demo-app");
    clock.advance(Duration.ofMinutes(11));
    GatewayException e = catchThrowableOfType(GatewayException.class, () -> tokens.open(token));
    assertThat(e.getStatusCode()).isEqualTo(410);
    assertThat(e.error()).isEqualTo(ErrorCode.PAGE_EXPIRED);
  }

  @Test
  void openWhenOneCharacterChangedThen400() {
    String token = tokens.seal(QUERY, "demo-app");
    char last = token.charAt(token.length() - 1);
    String altered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    GatewayException e = catchThrowableOfType(GatewayException.class, () -> tokens.open(altered));
    assertThat(e.getStatusCode()).isEqualTo(400);
  }

  @Test
  void openWhenAnyLastCharacterOtherThanTheSealedOneThen400() {
    String token = tokens.seal(QUERY, "demo-app");
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (char c : alphabet.toCharArray()) {
      String altered = token.substring(0, token.length() - 1) + c;
      if (!altered.equals(token)) {
        assertThat(catchThrowableOfType(GatewayException.class, () -> tokens.open(altered)))
            .as("last character %s", c)
            .isNotNull();
      }
    }
  }

  @Test
  void openWhenSealedUnderAnotherKeyThen400() {
    byte[] other = new byte[32];
    other[0] = 1;
    String foreign = new PageTokens(other, Duration.ofMinutes(10), clock).seal(QUERY, "demo-app");
    GatewayException e = catchThrowableOfType(GatewayException.class, () -> tokens.open(foreign));
    assertThat(e.getStatusCode()).isEqualTo(400);
  }

  @Test
  void openWhenSealedWithRetiredKeyThenStillOpensAndNewTokensUseTheNewKey() {
    byte[] old = new byte[32];
    byte[] current = new byte[32];
    current[0] = 1;
    String before = new PageTokens(old, Duration.ofMinutes(10), clock).seal(QUERY, "demo-app");
    PageTokens rotated = new PageTokens(List.of(current, old), Duration.ofMinutes(10), clock);
    assertThat(rotated.open(before).query()).isEqualTo(QUERY);
    String after = rotated.seal(QUERY, "demo-app");
    assertThat(new PageTokens(current, Duration.ofMinutes(10), clock).open(after).query())
        .isEqualTo(QUERY);
    // Once the old key is removed, its links are refused.
    GatewayException e =
        catchThrowableOfType(
            GatewayException.class,
            () -> new PageTokens(current, Duration.ofMinutes(10), clock).open(before));
    assertThat(e.getStatusCode()).isEqualTo(400);
  }
}
