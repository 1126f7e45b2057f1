package kr.hiway.gateway.fanout;

import java.time.YearMonth;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.InstantType;

/**
 * Recognises the everyday forms of FHIR {@code date}, {@code dateTime} and {@code instant} texts
 * without HAPI: {@code YYYY}, {@code YYYY-MM}, {@code YYYY-MM-DD} (not for an instant), and {@code
 * YYYY-MM-DDThh:mm:ss}, with one to three digits of fractions of a second, and {@code Z} or an
 * offset up to 14 hours; a real calendar day, hours 00 to 23, years 1800 to 2199. HAPI's own parse
 * of such a date builds calendars and time zones and was a tenth of a search's CPU. Every text
 * recognised here is one HAPI accepts (tested on many); a text not recognised is not refused but
 * left to HAPI. Stateless; thread-safe.
 */
final class FhirDates {

  private FhirDates() {}

  /** Whether {@code text} is a {@code type} value HAPI certainly accepts; false: ask HAPI. */
  static boolean certainlyValid(Class<?> type, String text) {
    if (type == DateType.class) {
      return date(text) && text.length() <= 10;
    }
    if (type == DateTimeType.class) {
      return text.length() <= 10 ? date(text) : dateTime(text);
    }
    if (type == InstantType.class) {
      return text.length() > 10 && dateTime(text);
    }
    return false;
  }

  /** {@code YYYY}, {@code YYYY-MM} or {@code YYYY-MM-DD}, and the start of longer forms. */
  private static boolean date(String s) {
    int n = s.length();
    if (n < 4 || !digits(s, 0, 4)) {
      return false;
    }
    int year = number(s, 0, 4);
    if (year < 1800 || year > 2199) {
      return false;
    }
    if (n == 4) {
      return true;
    }
    if (n < 7 || s.charAt(4) != '-' || !digits(s, 5, 7)) {
      return false;
    }
    int month = number(s, 5, 7);
    if (month < 1 || month > 12) {
      return false;
    }
    if (n == 7) {
      return true;
    }
    if (n < 10 || s.charAt(7) != '-' || !digits(s, 8, 10)) {
      return false;
    }
    int day = number(s, 8, 10);
    return day >= 1 && day <= YearMonth.of(year, month).lengthOfMonth();
  }

  /** {@code YYYY-MM-DDThh:mm:ss[.f{1,3}](Z|+hh:mm|-hh:mm)}. */
  private static boolean dateTime(String s) {
    int n = s.length();
    if (n < 20 || !date(s.substring(0, 10)) || s.charAt(10) != 'T') {
      return false;
    }
    if (!digits(s, 11, 13)
        || s.charAt(13) != ':'
        || !digits(s, 14, 16)
        || s.charAt(16) != ':'
        || !digits(s, 17, 19)) {
      return false;
    }
    if (number(s, 11, 13) > 23 || number(s, 14, 16) > 59 || number(s, 17, 19) > 59) {
      return false;
    }
    int at = 19;
    if (s.charAt(at) == '.') {
      int end = at + 1;
      while (end < n && isDigit(s.charAt(end))) {
        end++;
      }
      if (end - at - 1 < 1 || end - at - 1 > 3) {
        return false;
      }
      at = end;
    }
    if (at == n - 1) {
      return s.charAt(at) == 'Z';
    }
    if (at != n - 6 || (s.charAt(at) != '+' && s.charAt(at) != '-')) {
      return false;
    }
    if (!digits(s, at + 1, at + 3) || s.charAt(at + 3) != ':' || !digits(s, at + 4, at + 6)) {
      return false;
    }
    int hours = number(s, at + 1, at + 3);
    int minutes = number(s, at + 4, at + 6);
    return minutes <= 59 && (hours < 14 || (hours == 14 && minutes == 0));
  }

  private static boolean digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int number(String s, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      value = value * 10 + (s.charAt(i) - '0');
    }
    return value;
  }
}
