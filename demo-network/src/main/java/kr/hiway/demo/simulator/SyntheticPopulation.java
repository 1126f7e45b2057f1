package kr.hiway.demo.simulator;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import kr.hiway.vocabulary.Hospital;

/**
 * A deterministic synthetic population and the hospitals each person has records at.
 *
 * <p>Everything derives from the seed: the same seed, size and hospital list give the same people
 * at the same hospitals, and so the same records. Person 0 is the demo person, who has records at
 * every hospital; everyone else is a patient at one to five, three in four of them in their home
 * province when it has a hospital. Clinical records are not kept here: {@link SimulatedHospital}
 * generates them on demand.
 *
 * <p>Immutable and thread-safe. No method takes or returns null.
 */
public final class SyntheticPopulation {

  /** An upper bound that keeps memory and record numbers (eight digits) comfortably in range. */
  static final int MAX_PERSONS = 1_000_000;

  private static final int[] HOSPITAL_COUNT_WEIGHTS = {50, 25, 13, 8, 4};
  private static final int[] BIRTH_DECADES = // 1930s to 2010s; patients skew old
      Seeds.cumulative(new int[] {4, 9, 15, 18, 17, 15, 12, 9, 8});
  private static final LocalDate FIRST_BIRTH = LocalDate.of(1930, 1, 1);
  private static final LocalDate LAST_BIRTH = LocalDate.of(2019, 12, 31);

  private final long seed;
  private final List<Hospital> hospitals;
  private final Map<String, Integer> hospitalPositions;
  private final Person[] persons;
  private final int[][] hospitalsByPerson;
  private final int[][] patientsByHospital;

  private SyntheticPopulation(long seed, List<Hospital> hospitals, Person[] persons) {
    this.seed = seed;
    this.hospitals = hospitals;
    this.persons = persons;
    this.hospitalPositions = new HashMap<>();
    Map<String, List<Integer>> byProvince = new HashMap<>();
    for (int h = 0; h < hospitals.size(); h++) {
      Hospital hospital = hospitals.get(h);
      if (hospitalPositions.put(hospital.code(), h) != null) {
        throw new IllegalArgumentException("duplicate hospital code " + hospital.code());
      }
      byProvince.computeIfAbsent(hospital.province(), p -> new ArrayList<>()).add(h);
    }
    this.hospitalsByPerson = new int[persons.length][];
    int[] counts = new int[hospitals.size()];
    for (Person person : persons) {
      int[] chosen = assign(person, byProvince.getOrDefault(person.province(), List.of()));
      hospitalsByPerson[person.index()] = chosen;
      for (int h : chosen) {
        counts[h]++;
      }
    }
    this.patientsByHospital = new int[hospitals.size()][];
    for (int h = 0; h < counts.length; h++) {
      patientsByHospital[h] = new int[counts[h]];
      counts[h] = 0;
    }
    // Persons are visited in index order, so every hospital's patient list comes out ascending.
    for (int p = 0; p < persons.length; p++) {
      for (int h : hospitalsByPerson[p]) {
        patientsByHospital[h][counts[h]++] = p;
      }
    }
  }

  /**
   * Generates a population.
   *
   * @param seed the seed everything derives from
   * @param persons how many people, at least 1 (person 0 is the demo person)
   * @param hospitals the hospitals, with distinct codes; at least one
   */
  public static SyntheticPopulation generate(long seed, int persons, List<Hospital> hospitals) {
    Objects.requireNonNull(hospitals, "hospitals");
    if (persons < 1 || persons > MAX_PERSONS) {
      throw new IllegalArgumentException("a population has 1 to " + MAX_PERSONS + " persons");
    }
    List<Hospital> list = List.copyOf(hospitals);
    if (list.isEmpty()) {
      throw new IllegalArgumentException("a population needs at least one hospital");
    }
    Person[] people = new Person[persons];
    // Each person depends on the seed and index alone, so they can be made in parallel; only the
    // rare duplicate resident number is then settled in index order, keeping the result fixed.
    IntStream.range(0, persons).parallel().forEach(i -> people[i] = person(seed, i));
    Set<String> nationalIds = new HashSet<>(persons * 2);
    for (Person p : people) {
      if (!nationalIds.add(p.nationalId())) {
        people[p.index()] = withNewNationalId(seed, p, nationalIds);
      }
    }
    return new SyntheticPopulation(seed, list, people);
  }

  /** The seed the population was generated from. */
  public long seed() {
    return seed;
  }

  /** How many persons the population has. */
  public int size() {
    return persons.length;
  }

  /** The person with this index, from 0 to {@code size() - 1}. */
  public Person person(int index) {
    Objects.checkIndex(index, persons.length);
    return persons[index];
  }

  /** The hospitals the person has records at, in the order of the population's hospital list. */
  public List<Hospital> hospitalsOf(int personIndex) {
    Objects.checkIndex(personIndex, persons.length);
    int[] positions = hospitalsByPerson[personIndex];
    List<Hospital> out = new ArrayList<>(positions.length);
    for (int h : positions) {
      out.add(hospitals.get(h));
    }
    return Collections.unmodifiableList(out);
  }

  /** The indexes of the persons with records at the hospital, ascending; empty if unknown. */
  public List<Integer> patientsAt(String hospitalCode) {
    Objects.requireNonNull(hospitalCode, "hospitalCode");
    Integer h = hospitalPositions.get(hospitalCode);
    if (h == null) {
      return List.of();
    }
    List<Integer> out = new ArrayList<>(patientsByHospital[h].length);
    for (int p : patientsByHospital[h]) {
      out.add(p);
    }
    return Collections.unmodifiableList(out);
  }

  List<Hospital> hospitals() {
    return hospitals;
  }

  /** Whether this very hospital (same code and details) is one of the population's. */
  boolean hasHospital(Hospital hospital) {
    Integer h = hospitalPositions.get(hospital.code());
    return h != null && hospitals.get(h).equals(hospital);
  }

  private int[] assign(Person person, List<Integer> ownProvince) {
    if (person.index() == 0) {
      int[] all = new int[hospitals.size()];
      for (int h = 0; h < all.length; h++) {
        all[h] = h;
      }
      return all;
    }
    SplittableRandom r = Seeds.random(seed, Seeds.ASSIGNMENT, person.index());
    int wanted = Math.min(hospitals.size(), 1 + Seeds.weighted(r, HOSPITAL_COUNT_WEIGHTS));
    boolean[] chosen = new boolean[hospitals.size()];
    int count = 0;
    while (count < wanted) {
      int h =
          !ownProvince.isEmpty() && Seeds.chance(r, 75)
              ? Seeds.pick(r, ownProvince)
              : r.nextInt(hospitals.size());
      if (!chosen[h]) {
        chosen[h] = true;
        count++;
      }
    }
    int[] out = new int[wanted];
    for (int h = 0, i = 0; h < chosen.length; h++) {
      if (chosen[h]) {
        out[i++] = h;
      }
    }
    return out;
  }

  private static Person person(long seed, int index) {
    SplittableRandom r = Seeds.random(seed, Seeds.PERSON, index);
    // The demo person keeps a fixed, recognisable name; everything else follows the same rules.
    Sex sex = index == 0 ? Sex.FEMALE : (r.nextBoolean() ? Sex.MALE : Sex.FEMALE);
    int decade = Seeds.drawCumulative(r, BIRTH_DECADES);
    LocalDate decadeStart = FIRST_BIRTH.plusYears(10L * decade);
    long days = ChronoUnit.DAYS.between(decadeStart, decadeStart.plusYears(10));
    LocalDate birth = decadeStart.plusDays(r.nextLong(days));
    if (birth.isAfter(LAST_BIRTH)) {
      birth = LAST_BIRTH;
    }
    String family = KoreanNames.familyName(r);
    String given = KoreanNames.givenName(r, sex, birth.getYear());
    if (index == 0) {
      family = "김";
      given = "서연";
    }
    Places.Province province = Places.drawProvince(r);
    Places.City city = Places.drawCity(r, province);
    String addressLine = Places.drawAddressLine(r, city);
    String phone =
        "010-"
            + (2000 + r.nextInt(8000))
            + "-"
            + String.valueOf(10_000 + r.nextInt(10_000)).substring(1);
    return new Person(
        index,
        ResidentNumbers.draw(r, birth, sex),
        family,
        given,
        sex,
        birth,
        province.nameEn(),
        city.nameEn(),
        addressLine,
        phone);
  }

  /** The person again with a resident number not yet taken, drawn from a stream of its own. */
  private static Person withNewNationalId(long seed, Person p, Set<String> taken) {
    SplittableRandom r = Seeds.random(seed, Seeds.PERSON_RETRY, p.index());
    for (int attempt = 0; attempt < 10_000; attempt++) {
      String id = ResidentNumbers.draw(r, p.birthDate(), p.sex());
      if (taken.add(id)) {
        return new Person(
            p.index(),
            id,
            p.familyName(),
            p.givenName(),
            p.sex(),
            p.birthDate(),
            p.province(),
            p.city(),
            p.addressLine(),
            p.phone());
      }
    }
    throw new IllegalStateException("resident numbers for one birth date and sex ran out");
  }
}
