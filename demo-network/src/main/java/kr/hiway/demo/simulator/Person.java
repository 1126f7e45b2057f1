package kr.hiway.demo.simulator;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One synthetic person of a {@link SyntheticPopulation}. Nobody real: the resident registration
 * number is built so that it cannot belong to anyone (see {@link ResidentNumbers}).
 *
 * <p>Immutable and thread-safe; no component is null.
 *
 * @param index the person's position in the population, from 0
 * @param nationalId a fake resident registration number, {@code YYMMDD-SNNNNNN}; never put into a
 *     FHIR resource, only into linkage tokens
 * @param familyName the family name, such as {@code 김}
 * @param givenName the given name, such as {@code 서연}
 * @param sex the sex, consistent with the seventh digit of {@code nationalId}
 * @param birthDate the birth date, from 1930 to 2019
 * @param province the home province, with the English names {@code hospitals.csv} uses
 * @param city the home city, in English
 * @param addressLine district, road and number, in Korean, such as {@code 중구 세종대로 110}
 * @param phone a mobile number, {@code 010-NNNN-NNNN}
 */
public record Person(
    int index,
    String nationalId,
    String familyName,
    String givenName,
    Sex sex,
    LocalDate birthDate,
    String province,
    String city,
    String addressLine,
    String phone) {

  public Person {
    if (index < 0) {
      throw new IllegalArgumentException("a person index is not negative");
    }
    Objects.requireNonNull(nationalId, "nationalId");
    Objects.requireNonNull(familyName, "familyName");
    Objects.requireNonNull(givenName, "givenName");
    Objects.requireNonNull(sex, "sex");
    Objects.requireNonNull(birthDate, "birthDate");
    Objects.requireNonNull(province, "province");
    Objects.requireNonNull(city, "city");
    Objects.requireNonNull(addressLine, "addressLine");
    Objects.requireNonNull(phone, "phone");
  }

  /** The full name as Koreans write it: family name then given name, no space. */
  String fullName() {
    return familyName + givenName;
  }

  /**
   * Deliberately leaves out the national identifier, so that a person logged or shown by accident
   * does not spread it.
   */
  @Override
  public String toString() {
    return "Person[index=" + index + "]";
  }
}
