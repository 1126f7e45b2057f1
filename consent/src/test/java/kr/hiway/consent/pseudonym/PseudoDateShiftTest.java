package kr.hiway.consent.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import kr.hiway.consent.pseudonym.ReleasePolicy.DatePrecision;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.InstantType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The date shifter, case by case: the offset from a tag, the shift and the generalization. */
class PseudoDateShiftTest {

  static Stream<Arguments> shifts() {
    return Stream.of(
        shift("a date, forward", new DateType("2024-03-05"), 37, DatePrecision.DAY, "2024-04-11"),
        shift(
            "a date, back over a year",
            new DateType("2024-01-10"),
            -15,
            DatePrecision.DAY,
            "2023-12-26"),
        shift("over a leap day", new DateType("2024-02-28"), 1, DatePrecision.DAY, "2024-02-29"),
        shift(
            "a time of day is dropped",
            new DateTimeType("2024-03-05T10:23:00+09:00"),
            37,
            DatePrecision.DAY,
            "2024-04-11"),
        shift(
            "the day as written, in its own zone",
            new DateTimeType("2024-03-05T23:59:00+09:00"),
            1,
            DatePrecision.DAY,
            "2024-03-06"),
        shift(
            "to the month",
            new DateTimeType("2024-03-05T10:23:00+09:00"),
            30,
            DatePrecision.MONTH,
            "2024-04"),
        shift("to the year", new DateType("2024-12-20"), 15, DatePrecision.YEAR, "2025"),
        shift(
            "a month value from its first day",
            new DateType("2024-03"),
            -1,
            DatePrecision.DAY,
            "2024-02"),
        shift(
            "a year value from its first day",
            new DateTimeType("2024"),
            400,
            DatePrecision.DAY,
            "2025"),
        shift(
            "an instant is dropped",
            new InstantType("2024-03-05T10:23:00Z"),
            3,
            DatePrecision.DAY,
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shifts")
  void shiftWhenValueThenMovedAndCut(
      String name, BaseDateTimeType in, int days, DatePrecision precision, String expected) {
    BaseDateTimeType out = new DateShifter(days, precision).shift(in);

    if (expected == null) {
      assertThat(out).isNull();
    } else {
      assertThat(out.getValueAsString()).isEqualTo(expected);
      assertThat(out.getClass()).isEqualTo(in.getClass());
    }
  }

  static Stream<Arguments> offsets() {
    return Stream.of(
        offset("0: the least, forward", 0, 1, 365, 1),
        offset("1: the least, back", 1, 1, 365, -1),
        offset("2: the next, forward", 2, 1, 365, 2),
        offset("729: the greatest, back", 729, 1, 365, -365),
        offset("730: wraps to the least", 730, 1, 365, 1),
        offset("max int: inside the range", 0xffffffffL, 1, 365, -(1 + (0xffffffffL % 730) / 2)),
        offset("a narrow range", 5, 7, 7, -7),
        offset("a range away from 0", 0, 30, 60, 30));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("offsets")
  void offsetWhenTagThenWithinRangeAndNeverZero(
      String name, long firstFour, int min, int max, long expected) {
    byte[] tag = {
      (byte) (firstFour >>> 24),
      (byte) (firstFour >>> 16),
      (byte) (firstFour >>> 8),
      (byte) firstFour,
      9,
      9
    };

    int days = DateShifter.offset(tag, min, max);

    assertThat(days).isEqualTo((int) expected).isNotZero();
    assertThat(Math.abs(days)).isBetween(min, max);
  }

  private static Arguments shift(
      String name, BaseDateTimeType in, int days, DatePrecision precision, String expected) {
    return Arguments.of(name, in, days, precision, expected);
  }

  private static Arguments offset(String name, long firstFour, int min, int max, long expected) {
    return Arguments.of(name, firstFour, min, max, expected);
  }
}
