package kr.hiway.demo.simulator;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Makes and checks fake Korean resident registration numbers (주민등록번호), {@code YYMMDD-SNNNNNN}.
 *
 * <p>The numbers follow the scheme in force before October 2020: birth date, then S (1 or 2 for a
 * man or a woman born 1900–1999, 3 or 4 for one born from 2000), then a two-digit region code, two
 * more office digits, a serial digit, and a check digit. The check digit is {@code (11 − Σ w·d mod
 * 11) mod 10} over the first twelve digits with weights 2,3,4,5,6,7,8,9,2,3,4,5.
 *
 * <p><b>Why they cannot be real:</b> the region code (digits 8–9) is always 97, 98 or 99, which the
 * old scheme never assigned, and birth dates stop at 2019, which keeps every number inside that
 * scheme; so no registry office ever issued a number made here. One limit: numbers issued or
 * re-issued since October 2020 have random digits after S, so one of those could by chance share
 * the digits of a synthetic number; it would then be a coincidence of digits, not a person's data.
 *
 * <p>Stateless and thread-safe.
 */
final class ResidentNumbers {

  private static final int[] WEIGHTS = {2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5};

  /** The unassigned region codes used, lowest first. */
  static final int FIRST_REGION = 97;

  static final int LAST_REGION = 99;

  private ResidentNumbers() {}

  /**
   * A random number for this birth date and sex. Only the region code (97–99) and the two office
   * digits and serial digit vary, so 3,000 numbers exist per birth date and sex.
   */
  static String draw(SplittableRandom r, LocalDate birthDate, Sex sex) {
    int region = FIRST_REGION + r.nextInt(LAST_REGION - FIRST_REGION + 1);
    return make(birthDate, sex, region, r.nextInt(1_000));
  }

  /** The number for these parts; {@code rest} (0–999) is the two office digits and the serial. */
  static String make(LocalDate birthDate, Sex sex, int region, int rest) {
    int year = birthDate.getYear();
    if (year < 1900 || year > 2019) {
      throw new IllegalArgumentException("only birth years 1900–2019 use the old scheme");
    }
    if (region < FIRST_REGION || region > LAST_REGION || rest < 0 || rest > 999) {
      throw new IllegalArgumentException("region 97–99 and three more digits");
    }
    int s = (year < 2000 ? 1 : 3) + (sex == Sex.FEMALE ? 1 : 0);
    StringBuilder digits = new StringBuilder(14);
    appendTwo(digits, year % 100);
    appendTwo(digits, birthDate.getMonthValue());
    appendTwo(digits, birthDate.getDayOfMonth());
    digits.append(s);
    appendTwo(digits, region);
    digits.append(rest / 100).append(rest / 10 % 10).append(rest % 10);
    return digits.substring(0, 6) + "-" + digits.substring(6) + checkDigit(digits);
  }

  /** The check digit of a number's first twelve digits (hyphens are skipped). */
  static int checkDigit(CharSequence number) {
    int sum = 0;
    int n = 0;
    for (int i = 0; i < number.length() && n < WEIGHTS.length; i++) {
      char c = number.charAt(i);
      if (c == '-') {
        continue;
      }
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("a resident number holds digits and one hyphen");
      }
      sum += WEIGHTS[n++] * (c - '0');
    }
    if (n < WEIGHTS.length) {
      throw new IllegalArgumentException("a check digit needs twelve digits");
    }
    return (11 - sum % 11) % 10;
  }

  /** Whether the number has the form {@code YYMMDD-SNNNNNN} and a correct check digit. */
  static boolean hasValidCheckDigit(String number) {
    if (number.length() != 14 || number.charAt(6) != '-') {
      return false;
    }
    for (int i = 0; i < 14; i++) {
      if (i != 6 && (number.charAt(i) < '0' || number.charAt(i) > '9')) {
        return false;
      }
    }
    return checkDigit(number) == number.charAt(13) - '0';
  }

  private static void appendTwo(StringBuilder sb, int value) {
    sb.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }
}
