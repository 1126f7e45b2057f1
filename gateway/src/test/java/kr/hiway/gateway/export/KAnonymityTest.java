package kr.hiway.gateway.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The risk assessment on small constructed cohorts: classes, k, generalization, suppression. */
class KAnonymityTest {

  /** {@code n} persons born in {@code year}, women of Seoul. */
  static List<QuasiIdentifiers> born(int year, int n) {
    return born(year, n, "female", "Seoul");
  }

  static List<QuasiIdentifiers> born(int year, int n, String gender, String province) {
    List<QuasiIdentifiers> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new QuasiIdentifiers(year, gender, province));
    }
    return out;
  }

  @SafeVarargs
  static List<QuasiIdentifiers> cohort(List<QuasiIdentifiers>... parts) {
    return Stream.of(parts).flatMap(List::stream).toList();
  }

  static Stream<Arguments> cohorts() {
    return Stream.of(
        // name, cohort, k, max share, smallest before, unique before, chosen, suppressed, achieved
        // k, review
        Arguments.of(
            "every class reaches k as is",
            cohort(born(1980, 5), born(1990, 6)),
            5,
            0.05,
            5,
            0.0,
            Generalization.YEAR,
            0,
            5,
            false),
        Arguments.of(
            "one unique person within the allowed share is suppressed",
            cohort(born(1980, 10), born(1990, 9), born(1970, 1)),
            5,
            0.05,
            1,
            0.05,
            Generalization.YEAR,
            1,
            9,
            false),
        Arguments.of(
            "years 1981 to 1984 reach k in one 5-year band",
            cohort(born(1981, 2), born(1982, 2), born(1984, 2), born(1990, 6)),
            5,
            0.05,
            2,
            0.0,
            Generalization.BAND_5,
            0,
            6,
            false),
        Arguments.of(
            "1983 and 1987 reach k only in a 10-year band",
            cohort(born(1983, 3), born(1987, 3), born(1990, 6)),
            5,
            0.0,
            3,
            0.0,
            Generalization.BAND_10,
            0,
            6,
            false),
        Arguments.of(
            "a man alone in his band stays unique: suppressed beyond the share, review",
            cohort(born(1980, 9), born(1980, 1, "male", "Seoul")),
            5,
            0.05,
            1,
            0.1,
            Generalization.YEAR,
            1,
            9,
            true),
        Arguments.of(
            "nobody reaches k: all suppressed, review",
            cohort(born(1980, 2, "female", "Busan"), born(1980, 2, "male", "Seoul")),
            5,
            0.05,
            2,
            0.0,
            Generalization.YEAR,
            4,
            0,
            true),
        Arguments.of(
            "an unknown birth year is a class of its own",
            cohort(born(0, 5), born(1980, 5)),
            5,
            0.05,
            5,
            0.0,
            Generalization.YEAR,
            0,
            5,
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cohorts")
  void assessWhenCohortThenReportAndSuppression(
      String name,
      List<QuasiIdentifiers> persons,
      int k,
      double share,
      int smallestBefore,
      double uniqueBefore,
      Generalization chosen,
      int suppressed,
      int achievedK,
      boolean review) {
    KAnonymity.Assessment a = KAnonymity.assess(persons, k, share);

    RiskReport r = a.report();
    assertThat(r.persons()).isEqualTo(persons.size());
    assertThat(r.smallestClassBefore()).isEqualTo(smallestBefore);
    assertThat(r.uniqueShareBefore()).isEqualTo(uniqueBefore);
    assertThat(r.generalization()).isEqualTo(chosen);
    assertThat(r.suppressed()).isEqualTo(suppressed);
    assertThat(a.suppressed().cardinality()).isEqualTo(suppressed);
    assertThat(r.achievedK()).isEqualTo(achievedK);
    assertThat(r.reviewRequired()).isEqualTo(review);
  }

  @Test
  void assessWhenUniqueSuppressedThenItIsThatPerson() {
    List<QuasiIdentifiers> persons =
        cohort(born(1980, 5), born(1950, 1, "male", "Jeju"), born(1980, 5));

    KAnonymity.Assessment a = KAnonymity.assess(persons, 5, 0.1);

    assertThat(a.suppressed().stream().boxed().toList()).containsExactly(5);
    assertThat(a.report().classes()).isEqualTo(1);
  }

  @Test
  void assessWhenKBelowOneThenRefused() {
    assertThatThrownBy(() -> KAnonymity.assess(List.of(), 0, 0.05))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void generalizationWhenBandsThenAlignedOnTheirWidth() {
    assertThat(Generalization.YEAR.band(1987)).isEqualTo("1987");
    assertThat(Generalization.BAND_5.band(1987)).isEqualTo("1985-1989");
    assertThat(Generalization.BAND_10.band(1987)).isEqualTo("1980-1989");
    assertThat(Generalization.BAND_10.band(0)).isEqualTo("unknown");
  }
}
