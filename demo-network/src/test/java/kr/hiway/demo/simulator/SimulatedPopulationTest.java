package kr.hiway.demo.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import kr.hiway.vocabulary.Hospital;
import org.junit.jupiter.api.Test;

class SimulatedPopulationTest {

  private static final Pattern HANGUL_SYLLABLES = Pattern.compile("[가-힣]+");
  private static final Pattern PHONE = Pattern.compile("010-[2-9]\\d{3}-\\d{4}");
  private static final Pattern ADDRESS_LINE = Pattern.compile("[가-힣]+ [가-힣0-9]+ \\d{1,3}");

  private final SyntheticPopulation population = SimulatorFixtures.population();

  @Test
  void generateWhenDemoSizeThenTwelveThousandPersonsOverAllHospitals() {
    assertThat(population.size()).isEqualTo(12_000);
    assertThat(population.seed()).isEqualTo(SimulatorFixtures.SEED);
    assertThat(population.hospitals()).hasSize(47);
    int covered = 0;
    for (Hospital h : population.hospitals()) {
      // Person 0 alone would give one patient; every hospital should have a real patient list.
      assertThat(population.patientsAt(h.code())).as(h.code()).hasSizeGreaterThan(20);
      covered += population.patientsAt(h.code()).size();
    }
    assertThat(covered).isGreaterThan(12_000);
  }

  @Test
  void hospitalsOfWhenPersonZeroThenEveryHospital() {
    assertThat(population.hospitalsOf(0)).containsExactlyElementsOf(population.hospitals());
    for (Hospital h : population.hospitals()) {
      assertThat(population.patientsAt(h.code())).startsWith(0);
    }
  }

  @Test
  void hospitalsOfWhenOtherPersonsThenOneToFiveInListOrder() {
    List<Hospital> all = population.hospitals();
    for (int i = 1; i < population.size(); i++) {
      List<Hospital> mine = population.hospitalsOf(i);
      assertThat(mine).hasSizeBetween(1, 5).doesNotHaveDuplicates();
      for (int k = 1; k < mine.size(); k++) {
        assertThat(all.indexOf(mine.get(k))).isGreaterThan(all.indexOf(mine.get(k - 1)));
      }
    }
  }

  @Test
  void patientsAtWhenComparedWithHospitalsOfThenConsistent() {
    long pairs = 0;
    for (Hospital h : population.hospitals()) {
      List<Integer> patients = population.patientsAt(h.code());
      assertThat(patients).isSorted().doesNotHaveDuplicates();
      for (int p : patients) {
        assertThat(population.hospitalsOf(p)).contains(h);
      }
      pairs += patients.size();
    }
    long expected = 0;
    for (int i = 0; i < population.size(); i++) {
      expected += population.hospitalsOf(i).size();
    }
    assertThat(pairs).isEqualTo(expected);
    assertThat(population.patientsAt("no-such-hospital")).isEmpty();
  }

  @Test
  void hospitalsOfWhenHomeProvinceHasHospitalsThenMostlyThere() {
    Set<String> provincesWithHospital = new HashSet<>();
    population.hospitals().forEach(h -> provincesWithHospital.add(h.province()));
    long home = 0;
    long total = 0;
    for (int i = 1; i < population.size(); i++) {
      Person p = population.person(i);
      if (!provincesWithHospital.contains(p.province())) {
        continue;
      }
      for (Hospital h : population.hospitalsOf(i)) {
        total++;
        home += h.province().equals(p.province()) ? 1 : 0;
      }
    }
    assertThat((double) home / total).isBetween(0.6, 0.9);
  }

  @Test
  void generateWhenPopulationThenResidentNumbersValidUniqueAndUnassignable() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < population.size(); i++) {
      Person p = population.person(i);
      String id = p.nationalId();
      assertThat(id).matches("\\d{6}-\\d{7}");
      assertThat(ResidentNumbers.hasValidCheckDigit(id)).as("check digit of person %d", i).isTrue();
      assertThat(seen.add(id)).as("unique number of person %d", i).isTrue();
      assertThat(Integer.parseInt(id.substring(8, 10))).isBetween(97, 99);
      assertThat(p.birthDate()).isBetween(LocalDate.of(1930, 1, 1), LocalDate.of(2019, 12, 31));
      int s = id.charAt(7) - '0';
      int expected = (p.birthDate().getYear() < 2000 ? 1 : 3) + (p.sex() == Sex.FEMALE ? 1 : 0);
      assertThat(s).isEqualTo(expected);
      String yymmdd =
          String.format(
              "%02d%02d%02d",
              p.birthDate().getYear() % 100,
              p.birthDate().getMonthValue(),
              p.birthDate().getDayOfMonth());
      assertThat(id).startsWith(yymmdd);
    }
  }

  @Test
  void generateWhenPopulationThenKoreanNamesAndPlaces() {
    int kim = 0;
    for (int i = 0; i < population.size(); i++) {
      Person p = population.person(i);
      assertThat(p.index()).isEqualTo(i);
      assertThat(p.familyName()).matches(HANGUL_SYLLABLES).hasSizeBetween(1, 2);
      assertThat(p.givenName()).matches(HANGUL_SYLLABLES).hasSize(2);
      assertThat(p.phone()).matches(PHONE);
      assertThat(p.addressLine()).matches(ADDRESS_LINE);
      Places.Province province = Places.province(p.province()).orElseThrow();
      assertThat(province.cities()).anyMatch(c -> c.nameEn().equals(p.city()));
      kim += p.familyName().equals("김") ? 1 : 0;
    }
    // About a fifth of Koreans are called 김.
    assertThat(kim / (double) population.size()).isBetween(0.17, 0.26);
    assertThat(population.person(0).fullName()).isEqualTo("김서연");
    assertThat(population.person(0).sex()).isEqualTo(Sex.FEMALE);
  }

  @Test
  void generateWhenSameSeedThenSamePersonsAndHospitals() {
    SyntheticPopulation again =
        SyntheticPopulation.generate(SimulatorFixtures.SEED, 2_000, SimulatorFixtures.directory());
    SyntheticPopulation other =
        SyntheticPopulation.generate(
            SimulatorFixtures.SEED + 1, 2_000, SimulatorFixtures.directory());
    int differing = 0;
    for (int i = 0; i < again.size(); i++) {
      assertThat(again.person(i)).isEqualTo(population.person(i));
      assertThat(again.hospitalsOf(i)).isEqualTo(population.hospitalsOf(i));
      differing += other.person(i).equals(population.person(i)) ? 0 : 1;
    }
    assertThat(differing).isEqualTo(again.size());
  }

  @Test
  void generateWhenFewHospitalsThenEveryoneStillPlaced() {
    List<Hospital> three = SimulatorFixtures.directory().subList(0, 3);
    SyntheticPopulation small = SyntheticPopulation.generate(7, 200, three);
    for (int i = 0; i < small.size(); i++) {
      assertThat(small.hospitalsOf(i)).hasSizeBetween(1, 3);
    }
    assertThat(small.hospitalsOf(0)).containsExactlyElementsOf(three);
    assertThat(SyntheticPopulation.generate(7, 1, three).size()).isEqualTo(1);
  }

  @Test
  void generateWhenBadArgumentsThenRejected() {
    List<Hospital> hospitals = SimulatorFixtures.directory();
    assertThatThrownBy(() -> SyntheticPopulation.generate(1, 0, hospitals))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SyntheticPopulation.generate(1, 10, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SyntheticPopulation.generate(1, 10, null))
        .isInstanceOf(NullPointerException.class);
    Hospital h = hospitals.get(0);
    assertThatThrownBy(() -> SyntheticPopulation.generate(1, 10, List.of(h, h)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> population.person(population.size()))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> population.hospitalsOf(-1))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void toStringWhenPersonThenNoPersonalData() {
    Person p = population.person(1);
    assertThat(p.toString())
        .doesNotContain(p.nationalId())
        .doesNotContain(p.givenName())
        .doesNotContain(p.phone());
  }
}
