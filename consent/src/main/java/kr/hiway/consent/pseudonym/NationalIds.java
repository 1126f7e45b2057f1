package kr.hiway.consent.pseudonym;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Korean resident registration numbers (주민등록번호) as pseudonymization input. Stateless.
 *
 * <p>Only the 13 digits count: {@code 900101-1234567}, {@code 9001011234567} and {@code 900101
 * 1234567} are one person. The check digit is not verified, because numbers issued since October
 * 2020 (and foreigners' numbers) need not satisfy the old rule. Messages never quote the number.
 */
final class NationalIds {

  static final int DIGITS = 13;

  private NationalIds() {}

  /**
   * The 13 digits.
   *
   * @throws IllegalArgumentException if it is not 13 digits, with at most hyphens and spaces
   */
  static String digits(String nationalId) {
    Objects.requireNonNull(nationalId, "nationalId");
    StringBuilder digits = new StringBuilder(DIGITS);
    for (int i = 0; i < nationalId.length(); i++) {
      char c = nationalId.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      } else if (c != '-' && c != ' ') {
        throw new IllegalArgumentException("a national identifier holds digits only");
      }
    }
    if (digits.length() != DIGITS) {
      throw new IllegalArgumentException("a national identifier has 13 digits");
    }
    return digits.toString();
  }

  /** The usual written form, {@code YYMMDD-NNNNNNN}, of 13 digits. */
  static String hyphenated(String digits) {
    return digits.substring(0, 6) + "-" + digits.substring(6);
  }

  /**
   * The birth date the number encodes, as {@code YYYY-MM-DD}, or null if the seventh digit names no
   * century or the date is impossible. The seventh digit gives the century: 9 and 0 for the 1800s,
   * 1, 2, 5, 6 for the 1900s, 3, 4, 7, 8 for the 2000s.
   */
  static String birthDate(String digits) {
    int century =
        switch (digits.charAt(6)) {
          case '9', '0' -> 1800;
          case '1', '2', '5', '6' -> 1900;
          case '3', '4', '7', '8' -> 2000;
          default -> -1;
        };
    int yy = Integer.parseInt(digits.substring(0, 2));
    int month = Integer.parseInt(digits.substring(2, 4));
    int day = Integer.parseInt(digits.substring(4, 6));
    if (century < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
      return null;
    }
    try {
      return LocalDate.of(century + yy, month, day).toString();
    } catch (DateTimeException e) {
      return null;
    }
  }
}
