package kr.hiway.vocabulary;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One hospital of the network, as listed in {@code hospitals.csv}.
 *
 * @param code this project's short identifier, such as {@code snuh}; lower-case letters, digits and
 *     hyphens
 * @param nameKo the Korean name
 * @param nameEn the usual English name
 * @param province the province (or metropolitan city) where it stands
 * @param city the city where it stands
 */
public record Hospital(String code, String nameKo, String nameEn, String province, String city) {

  private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

  public Hospital {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(nameKo, "nameKo");
    Objects.requireNonNull(nameEn, "nameEn");
    Objects.requireNonNull(province, "province");
    Objects.requireNonNull(city, "city");
    if (!CODE.matcher(code).matches()) {
      throw new IllegalArgumentException("a hospital code is lower-case letters, digits and '-'");
    }
  }
}
