package kr.hiway.consent.pseudonym;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import kr.hiway.consent.pseudonym.ReleasePolicy.DatePrecision;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;

/**
 * Moves a person's dates by their offset and cuts them to the profile's precision.
 *
 * <p>The offset is a whole number of days, the same for every date of one person in one domain, so
 * intervals between the person's dates are kept (to the day, at day precision). A date is taken as
 * the calendar day it is written in (its own time zone), shifted, then written at the coarser of
 * its own precision and the profile's: the time of day never survives. A value less precise than a
 * day is shifted from its first day ({@code 2024-03} from {@code 2024-03-01}). Instants, which FHIR
 * requires to the second, cannot be generalized and are dropped.
 *
 * <p>Immutable and thread-safe.
 */
final class DateShifter {

  private final int offsetDays;
  private final DatePrecision precision;

  DateShifter(int offsetDays, DatePrecision precision) {
    this.offsetDays = offsetDays;
    this.precision = precision;
  }

  /**
   * The offset in {@code ±[min, max]} days that the first four bytes of a keyed tag give: never 0
   * when {@code min} is at least 1. The bias of the modulo is below 2<sup>-19</sup>.
   */
  static int offset(byte[] tag, int min, int max) {
    long u =
        ((tag[0] & 0xffL) << 24)
            | ((tag[1] & 0xffL) << 16)
            | ((tag[2] & 0xffL) << 8)
            | (tag[3] & 0xffL);
    long span = (long) max - min + 1;
    long n = u % (2 * span);
    int size = (int) (min + n / 2);
    return n % 2 == 0 ? size : -size;
  }

  int offsetDays() {
    return offsetDays;
  }

  /** The shifted, generalized value, of the same type; null for an instant or an unreadable one. */
  BaseDateTimeType shift(BaseDateTimeType value) {
    LocalDate day = dayOf(value);
    if (day == null || !(value instanceof DateType || value instanceof DateTimeType)) {
      return null;
    }
    return write(value, day.plusDays(offsetDays), coarser(value.getPrecision()));
  }

  /** The year of the shifted value, of the same type; null for an instant. */
  BaseDateTimeType year(BaseDateTimeType value) {
    LocalDate day = dayOf(value);
    if (day == null || !(value instanceof DateType || value instanceof DateTimeType)) {
      return null;
    }
    return write(value, day.plusDays(offsetDays), DatePrecision.YEAR);
  }

  private DatePrecision coarser(TemporalPrecisionEnum own) {
    DatePrecision mine =
        switch (own) {
          case YEAR -> DatePrecision.YEAR;
          case MONTH -> DatePrecision.MONTH;
          default -> DatePrecision.DAY;
        };
    return mine.compareTo(precision) > 0 ? mine : precision;
  }

  private static LocalDate dayOf(BaseDateTimeType value) {
    String s = value.getValueAsString();
    if (s == null || s.length() < 4) {
      return null;
    }
    try {
      return switch (value.getPrecision()) {
        case YEAR -> LocalDate.of(Integer.parseInt(s.substring(0, 4)), 1, 1);
        case MONTH -> LocalDate.parse(s.substring(0, 7) + "-01");
        default -> LocalDate.parse(s.substring(0, 10));
      };
    } catch (DateTimeParseException | NumberFormatException | IndexOutOfBoundsException e) {
      return null;
    }
  }

  private static BaseDateTimeType write(BaseDateTimeType like, LocalDate day, DatePrecision p) {
    String text =
        switch (p) {
          case DAY -> day.toString();
          case MONTH -> day.toString().substring(0, 7);
          case YEAR -> day.toString().substring(0, 4);
        };
    return like instanceof DateType ? new DateType(text) : new DateTimeType(text);
  }
}
