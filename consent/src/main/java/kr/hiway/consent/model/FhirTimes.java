package kr.hiway.consent.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes FHIR date and dateTime text as exact instants. Partial dates are read in Korean
 * time; HAPI's own conversion would use the JVM's default zone, which must not decide a consent.
 * Stateless and thread-safe.
 */
final class FhirTimes {

  /** Korea's offset; the country has had no daylight saving since 1988. */
  static final ZoneOffset KST = ZoneOffset.ofHours(9);

  private static final Pattern DATE_TIME =
      Pattern.compile(
          "(\\d{4})(?:-(\\d{2})(?:-(\\d{2})"
              + "(T\\d{2}:\\d{2}:\\d{2}(?:\\.(\\d{1,9}))?(?:Z|[+-]\\d{2}:\\d{2}))?)?)?");
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

  private FhirTimes() {}

  /**
   * The span a FHIR date or dateTime denotes at its precision: {@code 2025} is the whole year in
   * Korean time, {@code 2025-03-01T09:00:00+09:00} one second.
   *
   * @throws IllegalArgumentException if the text is not a date, or a dateTime with seconds and zone
   */
  static TimeRange parse(String text) {
    Matcher m = DATE_TIME.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a FHIR date or dateTime with a time zone");
    }
    try {
      int year = Integer.parseInt(m.group(1));
      if (m.group(2) == null) {
        LocalDate first = LocalDate.of(year, 1, 1);
        return new TimeRange(startOfDay(first), startOfDay(first.plusYears(1)));
      }
      int month = Integer.parseInt(m.group(2));
      if (m.group(3) == null) {
        LocalDate first = LocalDate.of(year, month, 1);
        return new TimeRange(startOfDay(first), startOfDay(first.plusMonths(1)));
      }
      LocalDate day = LocalDate.of(year, month, Integer.parseInt(m.group(3)));
      if (m.group(4) == null) {
        return new TimeRange(startOfDay(day), startOfDay(day.plusDays(1)));
      }
      Instant at = OffsetDateTime.parse(text).toInstant();
      int digits = m.group(5) == null ? 0 : m.group(5).length();
      return new TimeRange(at, at.plusNanos(unitNanos(digits)));
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException("not a valid calendar date or time");
    }
  }

  /** The FHIR text of an inclusive start: a date at Korean midnight, else a dateTime. */
  static String formatStart(Instant start) {
    OffsetDateTime t = start.atOffset(KST);
    if (t.toLocalTime().equals(LocalTime.MIDNIGHT)) {
      return t.toLocalDate().toString();
    }
    return format(t, fractionDigits(t.getNano()));
  }

  /** The FHIR text of an instant, always with the time, in Korean time. */
  static String formatInstant(Instant t) {
    OffsetDateTime at = t.atOffset(KST);
    return format(at, fractionDigits(at.getNano()));
  }

  /**
   * The FHIR text of an exclusive end, written as the inclusive value at the coarsest precision
   * that reads back to the same instant: {@code 2026-01-01T00:00+09:00} becomes {@code 2025-12-31}.
   */
  static String formatEnd(Instant endExclusive) {
    OffsetDateTime t = endExclusive.atOffset(KST);
    if (t.toLocalTime().equals(LocalTime.MIDNIGHT)) {
      return t.toLocalDate().minusDays(1).toString();
    }
    int digits = fractionDigits(t.getNano());
    return format(t.minusNanos(unitNanos(digits)), digits);
  }

  static Instant startOfDay(LocalDate day) {
    return day.atStartOfDay().toInstant(KST);
  }

  private static String format(OffsetDateTime t, int digits) {
    String s = SECONDS.format(t);
    if (digits == 0) {
      return s;
    }
    String fraction = String.format("%09d", t.getNano()).substring(0, digits);
    return s.substring(0, 19) + "." + fraction + s.substring(19);
  }

  private static int fractionDigits(int nanos) {
    int digits = 0;
    while (nanos % unitNanos(digits) != 0) {
      digits++;
    }
    return digits;
  }

  private static long unitNanos(int fractionDigits) {
    long unit = 1_000_000_000L;
    for (int i = 0; i < fractionDigits; i++) {
      unit /= 10;
    }
    return unit;
  }
}
