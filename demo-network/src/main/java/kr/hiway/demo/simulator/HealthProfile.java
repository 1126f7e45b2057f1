package kr.hiway.demo.simulator;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import kr.hiway.demo.simulator.CareCatalog.Allergen;
import kr.hiway.demo.simulator.ClinicalCatalog.Diagnosis;

/**
 * What stays true of a person whichever hospital they visit: lasting conditions with their onset,
 * build, and allergy. Derived from the seed and person alone, so that a hypertensive patient is
 * hypertensive at every hospital that treats them. Immutable and thread-safe.
 *
 * @param chronic lasting conditions, each active from its onset date
 * @param adultHeightCm the height reached as an adult
 * @param adultBmi the body-mass index as an adult
 * @param allergies none or one allergen
 */
record HealthProfile(
    List<Chronic> chronic, double adultHeightCm, double adultBmi, List<Allergen> allergies) {

  /** The last day the simulator puts a visit on; ages for the profile are counted to it. */
  static final LocalDate LAST_DAY = LocalDate.of(2026, 10, 31);

  record Chronic(Diagnosis diagnosis, LocalDate onset) {
    Chronic {
      Objects.requireNonNull(diagnosis, "diagnosis");
      Objects.requireNonNull(onset, "onset");
    }
  }

  HealthProfile {
    chronic = List.copyOf(chronic);
    allergies = List.copyOf(allergies);
  }

  static HealthProfile of(long seed, Person person) {
    SplittableRandom r = Seeds.random(seed, Seeds.PROFILE, person.index());
    int age = (int) ChronoUnit.YEARS.between(person.birthDate(), LAST_DAY);
    int wanted =
        age < 18
            ? (Seeds.chance(r, 15) ? 1 : 0)
            : age < 40 ? (Seeds.chance(r, 35) ? 1 : 0) : age < 65 ? r.nextInt(3) : 1 + r.nextInt(3);
    List<Chronic> chronic = new ArrayList<>();
    List<Diagnosis> eligible =
        ClinicalCatalog.CHRONIC_COMMON.stream()
            .filter(d -> d.fits(person.sex(), age, LAST_DAY))
            .toList();
    addDistinct(r, person, eligible, wanted, chronic);
    // About one person in twelve carries a sensitive lasting condition.
    if (Seeds.chance(r, 8)) {
      List<Diagnosis> sensitive =
          ClinicalCatalog.CHRONIC_SENSITIVE.stream()
              .filter(d -> d.fits(person.sex(), age, LAST_DAY))
              .toList();
      addDistinct(r, person, sensitive, 1, chronic);
    }

    // Clamped at 2.5 standard deviations: a 190 cm grandfather is possible, but not typical.
    double z = Math.max(-2.5, Math.min(2.5, Seeds.normal(r)));
    double height = person.sex() == Sex.MALE ? 172 + 6 * z : 159 + 5.5 * z;
    double bmi = Math.max(17, Math.min(38, 23.5 + 3 * Seeds.normal(r)));
    List<Allergen> allergies =
        Seeds.chance(r, 22) ? List.of(Seeds.pick(r, CareCatalog.ALLERGENS)) : List.of();
    return new HealthProfile(chronic, height, bmi, allergies);
  }

  /** The lasting conditions already present on that day. */
  List<Diagnosis> activeOn(LocalDate day) {
    return chronic.stream().filter(c -> !c.onset().isAfter(day)).map(Chronic::diagnosis).toList();
  }

  LocalDate onsetOf(Diagnosis diagnosis) {
    return chronic.stream()
        .filter(c -> c.diagnosis().equals(diagnosis))
        .map(Chronic::onset)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not a lasting condition of this person"));
  }

  /** Height on a day: children grow towards their adult height along a rough curve. */
  double heightCm(double ageYears) {
    return adultHeightCm * growthFraction(ageYears);
  }

  double weightKg(double ageYears) {
    double bmi =
        ageYears >= 18 ? adultBmi : 16 + (adultBmi - 16) * Math.max(0, (ageYears - 8) / 10);
    double metres = heightCm(ageYears) / 100;
    return bmi * metres * metres;
  }

  private static final double[] GROWTH_AGES = {0, 1, 2, 3, 5, 8, 10, 12, 14, 16, 18};
  private static final double[] GROWTH_FRACTIONS = {
    0.30, 0.44, 0.51, 0.56, 0.64, 0.75, 0.81, 0.88, 0.94, 0.98, 1.0
  };

  private static double growthFraction(double age) {
    if (age >= 18) {
      return 1.0;
    }
    for (int i = 1; i < GROWTH_AGES.length; i++) {
      if (age <= GROWTH_AGES[i]) {
        double t = (age - GROWTH_AGES[i - 1]) / (GROWTH_AGES[i] - GROWTH_AGES[i - 1]);
        return GROWTH_FRACTIONS[i - 1] + t * (GROWTH_FRACTIONS[i] - GROWTH_FRACTIONS[i - 1]);
      }
    }
    return 1.0;
  }

  private static void addDistinct(
      SplittableRandom r, Person person, List<Diagnosis> eligible, int wanted, List<Chronic> out) {
    List<Diagnosis> left = new ArrayList<>(eligible);
    for (int i = 0; i < wanted && !left.isEmpty(); i++) {
      Diagnosis d =
          left.remove(Seeds.weighted(r, left.stream().mapToInt(Diagnosis::weight).toArray()));
      out.add(new Chronic(d, onset(r, person, d)));
    }
  }

  /**
   * Onset falls between the first age the condition fits and the last simulated day, skewed early
   * (squared uniform) so that most lasting conditions are already there at most visits.
   */
  private static LocalDate onset(SplittableRandom r, Person person, Diagnosis d) {
    LocalDate earliest = person.birthDate().plusYears(Math.max(1, d.minAge()));
    long span = Math.max(0, ChronoUnit.DAYS.between(earliest, LAST_DAY));
    double u = r.nextDouble();
    return earliest.plusDays((long) (u * u * span));
  }
}
