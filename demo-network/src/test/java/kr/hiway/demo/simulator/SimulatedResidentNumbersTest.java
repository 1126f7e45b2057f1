package kr.hiway.demo.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimulatedResidentNumbersTest {

  @Test
  void checkDigitWhenKnownNumberThenMatchesHandComputation() {
    // 9·2+0·3+0·4+1·5+0·6+1·7+1·8+2·9+3·2+4·3+5·4+6·5 = 124; 124 mod 11 = 3; (11 − 3) mod 10 = 8.
    assertThat(ResidentNumbers.checkDigit("900101-123456")).isEqualTo(8);
    assertThat(ResidentNumbers.hasValidCheckDigit("900101-1234568")).isTrue();
    assertThat(ResidentNumbers.hasValidCheckDigit("900101-1234567")).isFalse();
    assertThat(ResidentNumbers.hasValidCheckDigit("9001011234568")).isFalse();
    assertThat(ResidentNumbers.hasValidCheckDigit("90010a-1234568")).isFalse();
  }

  @Test
  void makeWhenPartsThenLayoutAndCheckDigit() {
    String man = ResidentNumbers.make(LocalDate.of(1985, 3, 7), Sex.MALE, 97, 42);
    assertThat(man).startsWith("850307-197042").hasSize(14);
    assertThat(ResidentNumbers.hasValidCheckDigit(man)).isTrue();
    String girl = ResidentNumbers.make(LocalDate.of(2011, 12, 31), Sex.FEMALE, 99, 999);
    assertThat(girl).startsWith("111231-499999");
    assertThat(ResidentNumbers.hasValidCheckDigit(girl)).isTrue();
  }

  @Test
  void makeWhenRealRegionOrNewSchemeYearThenRejected() {
    LocalDate birth = LocalDate.of(1990, 1, 1);
    assertThatThrownBy(() -> ResidentNumbers.make(birth, Sex.MALE, 12, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ResidentNumbers.make(LocalDate.of(2020, 1, 1), Sex.MALE, 98, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ResidentNumbers.make(birth, Sex.MALE, 98, 1000))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void drawWhenManyThenAlwaysUnassignedRegionAndValid() {
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 5_000; i++) {
      String n = ResidentNumbers.draw(r, LocalDate.of(1950 + i % 60, 1 + i % 12, 1), Sex.MALE);
      assertThat(Integer.parseInt(n.substring(8, 10))).isBetween(97, 99);
      assertThat(ResidentNumbers.hasValidCheckDigit(n)).isTrue();
    }
  }

  @Test
  void withParticleWhenFinalConsonantOrVowelThenKoreanGrammar() {
    assertThat(ProgressNotes.withParticle("고혈압", "으로", "로")).isEqualTo("으로");
    assertThat(ProgressNotes.withParticle("두통", "으로", "로")).isEqualTo("으로");
    assertThat(ProgressNotes.withParticle("요통", "을", "를")).isEqualTo("을");
    assertThat(ProgressNotes.withParticle("만성 콩팥병 3기", "으로", "로")).isEqualTo("로");
    assertThat(ProgressNotes.withParticle("서울", "으로", "로")).isEqualTo("로");
    assertThat(ProgressNotes.withParticle("서울", "을", "를")).isEqualTo("을");
    assertThat(ProgressNotes.withParticle("아스피린", "을", "를")).isEqualTo("을");
    assertThat(ProgressNotes.withParticle("세티리진", "을", "를")).isEqualTo("을");
    assertThat(ProgressNotes.withParticle("코로나바이러스감염-19", "으로", "로")).isEqualTo("로");
  }
}
