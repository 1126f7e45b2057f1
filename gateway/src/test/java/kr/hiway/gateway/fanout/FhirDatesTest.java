package kr.hiway.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.parser.DataFormatException;
import java.util.SplittableRandom;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.InstantType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link FhirDates} recognises only texts that HAPI's own types accept. */
class FhirDatesTest {

  private static final Class<?>[] TYPES = {DateType.class, DateTimeType.class, InstantType.class};

  @ParameterizedTest
  @CsvSource({
    "date, 2024, true",
    "date, 2024-02, true",
    "date, 2024-02-29, true",
    "date, 2023-02-29, false",
    "date, 2024-13-01, false",
    "date, 2024-02-29T10:00:00Z, false",
    "dateTime, 2024-02-29, true",
    "dateTime, 2024-02-29T23:59:59Z, true",
    "dateTime, 2024-02-29T23:59:59.123+09:00, true",
    "dateTime, 2024-02-29T24:00:00Z, false",
    "dateTime, 2024-02-29T10:00:00, false",
    "dateTime, 2024-02-29T10:00Z, false",
    "dateTime, 2024-02-29T10:00:00.1234Z, false",
    "dateTime, 2024-02-29T10:00:00+14:01, false",
    "dateTime, 2024-02-30T10:00:00Z, false",
    "instant, 2024-02-29T10:00:00.5-03:30, true",
    "instant, 2024-02-29, false",
    "instant, 1799-12-31T10:00:00Z, false"
  })
  void certainlyValidWhenTableThenAsListed(String type, String text, boolean expected) {
    Class<?> c =
        switch (type) {
          case "date" -> DateType.class;
          case "dateTime" -> DateTimeType.class;
          default -> InstantType.class;
        };
    assertThat(FhirDates.certainlyValid(c, text)).isEqualTo(expected);
    if (expected) {
      assertThat(hapiAccepts(c, text)).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void certainlyValidWhenRandomTextsThenHapiAcceptsEveryOneRecognised(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int recognised = 0;
    for (int n = 0; n < 40_000; n++) {
      String text = randomDate(random);
      for (Class<?> type : TYPES) {
        if (FhirDates.certainlyValid(type, text)) {
          recognised++;
          assertThat(hapiAccepts(type, text)).as("%s %s", type.getSimpleName(), text).isTrue();
        }
      }
    }
    assertThat(recognised).isGreaterThan(10_000); // the check is not vacuous
  }

  /** Mostly well-formed dates with a random field pushed out of range now and then. */
  private static String randomDate(SplittableRandom r) {
    StringBuilder b = new StringBuilder();
    b.append(r.nextInt(1790, 2210));
    int shape = r.nextInt(5);
    if (shape >= 1) {
      b.append('-').append(two(r.nextInt(0, 14)));
    }
    if (shape >= 2) {
      b.append('-').append(two(r.nextInt(0, 33)));
    }
    if (shape >= 3) {
      b.append('T')
          .append(two(r.nextInt(0, 26)))
          .append(':')
          .append(two(r.nextInt(0, 62)))
          .append(':')
          .append(two(r.nextInt(0, 62)));
      if (r.nextBoolean()) {
        b.append('.').append("1234567".substring(0, r.nextInt(0, 6)));
      }
      switch (r.nextInt(4)) {
        case 0 -> b.append('Z');
        case 1 ->
            b.append(r.nextBoolean() ? '+' : '-')
                .append(two(r.nextInt(0, 16)))
                .append(":")
                .append(two(r.nextInt(0, 61)));
        case 2 -> {}
        default -> b.append("Z ");
      }
    }
    return b.toString();
  }

  private static String two(int n) {
    return n < 10 ? "0" + n : "" + n;
  }

  private static boolean hapiAccepts(Class<?> type, String text) {
    try {
      IPrimitiveType<?> p = (IPrimitiveType<?>) type.getDeclaredConstructor().newInstance();
      p.setValueAsString(text);
      return true;
    } catch (DataFormatException | IllegalArgumentException e) {
      return false;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
