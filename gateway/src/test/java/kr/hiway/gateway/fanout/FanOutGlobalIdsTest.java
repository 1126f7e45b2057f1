package kr.hiway.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class FanOutGlobalIdsTest {

  @Test
  void ofAndSplitWhenShortThenRoundTrip() {
    String id = GlobalIds.of("snuh", "P123-obs-1-1");

    assertThat(id).isEqualTo("snuh.P123-obs-1-1");
    assertThat(GlobalIds.split(id)).contains(new GlobalIds.Parts("snuh", "P123-obs-1-1"));
    assertThat(GlobalIds.split("amc.a.b.c")).contains(new GlobalIds.Parts("amc", "a.b.c"));
  }

  @Test
  void ofWhenLongerThanSixtyFourThenStableHash() {
    String local = "x".repeat(62);

    String id = GlobalIds.of("snuh", local);

    // The whole SHA-256 (52 base32 characters) when it fits, a prefix of it when not.
    assertThat(id).matches("snuh\\.[a-z2-7]{52}");
    assertThat(GlobalIds.of("snuh", local)).isEqualTo(id);
    assertThat(GlobalIds.of("snuh", "y".repeat(62))).isNotEqualTo(id);
    assertThat(GlobalIds.of("a".repeat(40), local)).hasSize(64);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"nodot", ".x", "x.", "SNUH.x", "a_b.x", "a.b c", "a.b/c", "-a.x"})
  void splitWhenNotAGlobalIdThenEmpty(String id) {
    assertThat(GlobalIds.split(id)).isEmpty();
  }

  @Test
  void splitWhenLongerThanSixtyFourThenEmpty() {
    assertThat(GlobalIds.split("snuh." + "x".repeat(60))).isEmpty();
  }

  @Test
  void ofWhenInvalidPartsThenRefused() {
    assertThatThrownBy(() -> GlobalIds.of("s.nuh", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GlobalIds.of("snuh", "a/b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GlobalIds.of("snuh", "")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void charChecksWhenRandomStringsThenAsTheirPatterns() {
    String alphabet = "az09AZ.-_/ é\n";
    java.util.SplittableRandom random = new java.util.SplittableRandom(5);
    int codes = 0;
    int ids = 0;
    for (int n = 0; n < 300_000; n++) {
      int length = random.nextInt(8) == 0 ? random.nextInt(35, 70) : random.nextInt(5);
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < length; i++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String s = b.toString();
      boolean code = GlobalIds.CODE.matcher(s).matches();
      boolean id = GlobalIds.FHIR_ID.matcher(s).matches();
      assertThat(GlobalIds.isHospitalCode(s)).as(s).isEqualTo(code);
      assertThat(GlobalIds.isFhirId(s)).as(s).isEqualTo(id);
      codes += code ? 1 : 0;
      ids += id ? 1 : 0;
    }
    assertThat(codes).isGreaterThan(1_000);
    assertThat(ids).isGreaterThan(1_000);
  }
}
