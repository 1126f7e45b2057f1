package kr.hiway.demo.simulator;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import kr.hiway.demo.simulator.CareCatalog.EncounterClass;
import kr.hiway.demo.simulator.ClinicalCatalog.Diagnosis;

/** Plans a patient's visits to one hospital: how many, when, what kind, and why. Stateless. */
final class VisitPlanner {

  /** The first day the simulator puts a visit on. */
  static final LocalDate FIRST_DAY = LocalDate.of(2015, 1, 1);

  private static final EncounterClass[] KINDS = EncounterClass.values();
  private static final int[] KIND_WEIGHTS = {75, 13, 12}; // AMB, IMP, EMER

  private VisitPlanner() {}

  /**
   * The visits, in order of start. The demo person (index 0) has one or two at each hospital, so
   * that across all of them the record count stays readable; everyone else has one to four.
   */
  static List<Visit> plan(SplittableRandom r, Person person, HealthProfile profile) {
    int count = person.index() == 0 ? 1 + r.nextInt(2) : 1 + r.nextInt(4);
    LocalDate first =
        person.birthDate().isBefore(FIRST_DAY) ? FIRST_DAY : person.birthDate().plusDays(1);
    long span = ChronoUnit.DAYS.between(first, HealthProfile.LAST_DAY) + 1;
    long[] offsets = new long[count];
    for (int i = 0; i < count; i++) {
      offsets[i] = r.nextLong(span);
    }
    Arrays.sort(offsets);
    List<Visit> visits = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      visits.add(visit(r, i + 1, first.plusDays(offsets[i]), person, profile));
    }
    return visits;
  }

  private static Visit visit(
      SplittableRandom r, int number, LocalDate day, Person person, HealthProfile profile) {
    EncounterClass kind = KINDS[Seeds.weighted(r, KIND_WEIGHTS)];
    LocalDateTime start;
    LocalDateTime end;
    switch (kind) {
      case AMB -> {
        start = day.atTime(8, 30).plusMinutes(r.nextInt(510));
        end = start.plusMinutes(15 + r.nextInt(46));
      }
      case EMER -> {
        start = day.atStartOfDay().plusMinutes(r.nextInt(1440));
        end = start.plusMinutes(120 + r.nextInt(480));
      }
      default -> {
        start = day.atTime(9, 0).plusMinutes(r.nextInt(540));
        end = day.plusDays(2 + r.nextInt(9)).atTime(10, 0).plusMinutes(r.nextInt(120));
      }
    }
    int age = (int) ChronoUnit.YEARS.between(person.birthDate(), day);
    List<Diagnosis> diagnoses = diagnoses(r, person.sex(), age, day, profile.activeOn(day));
    return new Visit(number, kind, start, end, diagnoses, KoreanNames.clinician(r));
  }

  /**
   * One diagnosis, or two for about a third of visits. A lasting condition the person already has
   * is the likeliest reason; otherwise an acute one, sensitive for about one draw in twenty.
   */
  private static List<Diagnosis> diagnoses(
      SplittableRandom r, Sex sex, int age, LocalDate day, List<Diagnosis> lasting) {
    int wanted = Seeds.chance(r, 35) ? 2 : 1;
    List<Diagnosis> chosen = new ArrayList<>(2);
    // Bounded: a draw may repeat one already chosen, and a second one is only a nicety.
    for (int attempt = 0; attempt < 8 && chosen.size() < wanted; attempt++) {
      Diagnosis d;
      if (!lasting.isEmpty() && Seeds.chance(r, 55)) {
        d = Seeds.pick(r, lasting);
      } else if (Seeds.chance(r, 5)) {
        d = drawFitting(r, ClinicalCatalog.ACUTE_SENSITIVE, sex, age, day);
      } else {
        d = drawFitting(r, ClinicalCatalog.ACUTE_COMMON, sex, age, day);
      }
      if (d != null && !chosen.contains(d)) {
        chosen.add(d);
      }
    }
    if (chosen.isEmpty()) {
      // Nothing fitted (only possible for a newborn with no sensitive choice): a cold always does.
      chosen.add(ClinicalCatalog.ACUTE_COMMON.get(0));
    }
    return chosen;
  }

  private static Diagnosis drawFitting(
      SplittableRandom r, List<Diagnosis> from, Sex sex, int age, LocalDate day) {
    List<Diagnosis> fitting = from.stream().filter(d -> d.fits(sex, age, day)).toList();
    if (fitting.isEmpty()) {
      return null;
    }
    return fitting.get(Seeds.weighted(r, fitting.stream().mapToInt(Diagnosis::weight).toArray()));
  }
}
