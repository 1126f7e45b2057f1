package kr.hiway.consent.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LedgerCanonicalJsonTest {

  @ParameterizedTest(name = "RFC 8785 example {0}")
  @ValueSource(strings = {"sorting", "strings"})
  void canonicalizeWhenRfc8785ExampleThenExactOutput(String example) {
    byte[] input = LedgerTestData.resource("jcs/" + example + ".input.json");
    byte[] expected = LedgerTestData.resource("jcs/" + example + ".expected.json");
    assertThat(new String(CanonicalJson.canonicalize(input), UTF_8))
        .isEqualTo(new String(expected, UTF_8));
    assertThat(CanonicalJson.isCanonical(expected)).isTrue();
    assertThat(CanonicalJson.isCanonical(input)).isFalse();
  }

  @Test
  void canonicalizeWhenRfc8785ExampleHasFloatsThenRefused() {
    byte[] input = LedgerTestData.resource("jcs/numbers.rejected.json");
    assertThatThrownBy(() -> CanonicalJson.canonicalize(input))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("floating-point");
  }

  static Stream<Arguments> encodings() {
    Map<String, Object> keys = new HashMap<>();
    keys.put("b", 1);
    keys.put("a", List.of());
    keys.put("A", Map.of());
    keys.put("aa", true);
    keys.put("\u00e9", null);
    return Stream.of(
        Arguments.of(
            "key order by UTF-16 units",
            keys,
            "{\"A\":{},\"a\":[],\"aa\":true,\"b\":1,\"\u00e9\":null}"),
        Arguments.of("control characters", "\u0000\u001f\t\b\f", "\"\\u0000\\u001f\\t\\b\\f\""),
        Arguments.of("DEL and slash are literal", "\u007f/", "\"\u007f/\""),
        Arguments.of("quote and backslash", "\"\\", "\"\\\"\\\\\""),
        Arguments.of(
            "non-ASCII stays UTF-8",
            "\ud55c\uad6d\uc5b4 \ud83d\ude00",
            "\"\ud55c\uad6d\uc5b4 \ud83d\ude00\""),
        Arguments.of("largest safe integer", CanonicalJson.MAX_SAFE_INTEGER, "9007199254740991"),
        Arguments.of("negative integer", -42L, "-42"),
        Arguments.of("big integer in range", BigInteger.valueOf(-7), "-7"),
        Arguments.of(
            "nested", List.of(Map.of("z", 1, "y", List.of(false))), "[{\"y\":[false],\"z\":1}]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("encodings")
  void encodeWhenValueThenCanonicalText(String name, Object value, String expected) {
    assertThat(new String(CanonicalJson.encode(value), UTF_8)).isEqualTo(expected);
  }

  static Stream<Arguments> refusedValues() {
    return Stream.of(
        Arguments.of("double", 1.5d),
        Arguments.of("float", 1.0f),
        Arguments.of("unsafe integer", CanonicalJson.MAX_SAFE_INTEGER + 1),
        Arguments.of("unsafe big integer", BigInteger.ONE.shiftLeft(60)),
        Arguments.of("lone high surrogate", "a\ud83d"),
        Arguments.of("lone low surrogate", "\ude00b"),
        Arguments.of("non-string key", Map.of(1, "x")),
        Arguments.of("unsupported type", Instant.EPOCH));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedValues")
  void encodeWhenUnsupportedValueThenRefused(String name, Object value) {
    assertThatThrownBy(() -> CanonicalJson.encode(value))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "{\"a\":1,\"a\":2}",
        "[1,]",
        "01",
        "1e5",
        "1.0",
        "\"\\ud800\"",
        "\"tab\there\"",
        "{\"a\" 1}",
        "[1] x",
        "nul",
        "9007199254740992"
      })
  void parseWhenInvalidOrUnsupportedJsonThenRefused(String json) {
    assertThatThrownBy(() -> CanonicalJson.parse(json.getBytes(UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parseWhenInvalidUtf8ThenRefused() {
    assertThatThrownBy(() -> CanonicalJson.parse(new byte[] {'"', (byte) 0xc3, '"'}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("UTF-8");
  }

  @Test
  void canonicalJsonWhenConsentRevokedThenGoldenBytes() {
    LedgerEntry e = new ConsentRevoked("c-1", "pz-abc", Instant.parse("2026-03-01T09:00:00Z"));
    assertThat(new String(e.canonicalJson(), UTF_8))
        .isEqualTo(
            "{\"consentId\":\"c-1\",\"patient\":\"pz-abc\",\"time\":\"2026-03-01T09:00:00Z\","
                + "\"type\":\"consent-revoked\"}");
  }

  @Test
  void canonicalJsonWhenDisclosureThenGoldenBytes() {
    LedgerEntry e =
        new Disclosure(
            "c-9",
            "pz-\ud658\uc790",
            "org:insurer",
            "claims",
            List.of("Observation", "Condition"),
            List.of("H07"),
            Instant.parse("2026-03-01T09:00:00.250Z"));
    assertThat(new String(e.canonicalJson(), UTF_8))
        .isEqualTo(
            "{\"consentId\":\"c-9\",\"hospitalCodes\":[\"H07\"],\"patient\":\"pz-\ud658\uc790\","
                + "\"purpose\":\"claims\",\"recipient\":\"org:insurer\","
                + "\"resourceTypes\":[\"Observation\",\"Condition\"],"
                + "\"time\":\"2026-03-01T09:00:00.250Z\",\"type\":\"disclosure\"}");
  }

  static Stream<LedgerEntry> entries() {
    return IntStream.range(0, 5).mapToObj(LedgerTestData::entry);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void fromCanonicalJsonWhenEntryEncodedThenSameEntryAndBytes(LedgerEntry entry) {
    byte[] data = entry.canonicalJson();
    assertThat(CanonicalJson.isCanonical(data)).isTrue();
    assertThat(LedgerEntry.fromCanonicalJson(data)).isEqualTo(entry);
    assertThat(entry.toJson()).containsEntry("type", entry.type()).containsKey("time");
    assertThat(Arrays.equals(data, entry.canonicalJson())).isTrue();
  }

  @Test
  void fromCanonicalJsonWhenFieldAddedOrNotCanonicalThenRefused() {
    Map<String, Object> json = new LinkedHashMap<>(LedgerTestData.entry(1).toJson());
    json.put("extra", "x");
    assertThatThrownBy(() -> LedgerEntry.fromCanonicalJson(CanonicalJson.encode(json)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unexpected fields");
    byte[] spaced = "{ \"type\": \"consent-revoked\" }".getBytes(UTF_8);
    assertThatThrownBy(() -> LedgerEntry.fromCanonicalJson(spaced))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not canonical");
  }

  @Test
  void entryWhenBlankPseudonymThenRefused() {
    assertThatThrownBy(() -> new ConsentExpired("c-1", " ", Instant.EPOCH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("patientPseudonym");
  }
}
