package kr.hiway.demo.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import kr.hiway.adapter.source.HospitalSource;
import kr.hiway.vocabulary.Hospital;
import kr.hiway.vocabulary.LinkageToken;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * A synthetic hospital: the {@link HospitalSource} of one hospital of a {@link
 * SyntheticPopulation}, serving generated FHIR R4 records of its patients.
 *
 * <p>At construction it computes each patient's medical record number and linkage token once and
 * indexes both; records themselves are generated on demand from the population seed, the hospital
 * code and the person, so every call returns new objects and the same seed always gives the same
 * records. Record ids start with the patient's record number ({@code P12345678-obs-2-3}), which is
 * how {@link #read} finds a record without any index of records.
 *
 * <p>Immutable after construction and thread-safe. No method takes or returns null.
 */
public final class SimulatedHospital implements HospitalSource {

  private static final long MRN_SPACE = 100_000_000L;

  private final SyntheticPopulation population;
  private final Hospital hospital;
  private final int[] persons;
  private final String[] mrns;
  private final String[] tokens;
  private final Map<String, Integer> slotByToken;
  private final Map<String, Integer> slotByMrn;

  /**
   * Indexes the hospital's patients.
   *
   * @param population the population the hospital belongs to
   * @param hospital one of the population's hospitals
   * @param linkage the token maker under this hospital's linkage key
   * @throws IllegalArgumentException if the hospital is not one of the population's
   */
  public SimulatedHospital(
      SyntheticPopulation population, Hospital hospital, LinkageToken linkage) {
    this.population = Objects.requireNonNull(population, "population");
    this.hospital = Objects.requireNonNull(hospital, "hospital");
    Objects.requireNonNull(linkage, "linkage");
    if (!population.hasHospital(hospital)) {
      throw new IllegalArgumentException(
          "hospital " + hospital.code() + " is not in the population");
    }
    List<Integer> patients = population.patientsAt(hospital.code());
    int n = patients.size();
    this.persons = new int[n];
    this.mrns = new String[n];
    this.tokens = new String[n];
    this.slotByToken = new HashMap<>(n * 2);
    this.slotByMrn = new HashMap<>(n * 2);
    // An affine map x -> a*x + b (mod 10^8) with a coprime to 10 is a bijection, so record numbers
    // are unique within the hospital by construction while looking unrelated to the person index.
    SplittableRandom r = Seeds.random(population.seed(), Seeds.MRN, Seeds.hash(hospital.code()));
    long a = 1 + 2 * r.nextLong(MRN_SPACE / 2);
    while (a % 5 == 0) {
      a += 2;
    }
    long b = r.nextLong(MRN_SPACE);
    for (int slot = 0; slot < n; slot++) {
      persons[slot] = patients.get(slot);
      mrns[slot] = mrn((a * persons[slot] + b) % MRN_SPACE);
    }
    // HMACs are most of the construction time; each slot is independent of the others, so they
    // are computed in parallel, and the result does not depend on the order they finish in.
    IntStream.range(0, n)
        .parallel()
        .forEach(slot -> tokens[slot] = linkage.of(population.person(persons[slot]).nationalId()));
    for (int slot = 0; slot < n; slot++) {
      slotByMrn.put(mrns[slot], slot);
      slotByToken.put(tokens[slot], slot);
    }
  }

  /** The hospital this source serves. */
  Hospital hospital() {
    return hospital;
  }

  /**
   * This hospital's medical record number for the person, which is also their Patient id.
   *
   * @throws IllegalArgumentException if the person is not a patient here
   */
  public String localPatientId(int personIndex) {
    int slot = Arrays.binarySearch(persons, personIndex);
    if (slot < 0) {
      throw new IllegalArgumentException("person " + personIndex + " is not a patient here");
    }
    return mrns[slot];
  }

  @Override
  public Optional<Patient> findByLinkageToken(String token) {
    Objects.requireNonNull(token, "token");
    Integer slot = slotByToken.get(token);
    return slot == null ? Optional.empty() : Optional.of(generate(slot).patient());
  }

  @Override
  public Optional<Patient> patient(String id) {
    Objects.requireNonNull(id, "id");
    Integer slot = slotByMrn.get(id);
    return slot == null ? Optional.empty() : Optional.of(generate(slot).patient());
  }

  @Override
  public List<Resource> records(String patientId, RecordType type) {
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(type, "type");
    Integer slot = slotByMrn.get(patientId);
    return slot == null ? List.of() : generate(slot).of(type);
  }

  /** The chart is generated once for all the types asked, not once per type. */
  @Override
  public List<Resource> everything(String patientId, Collection<RecordType> types) {
    Objects.requireNonNull(patientId, "patientId");
    Integer slot = slotByMrn.get(patientId);
    if (slot == null) {
      return List.of();
    }
    PatientRecords chart = generate(slot);
    List<Resource> all = new ArrayList<>();
    for (RecordType type : types) {
      all.addAll(chart.of(type));
    }
    return all;
  }

  @Override
  public Optional<Resource> read(RecordType type, String id) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
    // Record ids are "{mrn}-{kind}-...": the part before the first hyphen names the patient.
    int dash = id.indexOf('-');
    if (dash < 0) {
      return Optional.empty();
    }
    Integer slot = slotByMrn.get(id.substring(0, dash));
    return slot == null ? Optional.empty() : generate(slot).find(type, id);
  }

  /** Everything held on the patient in that slot, freshly generated. */
  PatientRecords generate(int slot) {
    Person person = population.person(persons[slot]);
    Chart chart =
        new Chart(
            hospital,
            person,
            mrns[slot],
            tokens[slot],
            HealthProfile.of(population.seed(), person));
    return RecordGenerator.generate(population.seed(), chart);
  }

  /** Everything held on the person, freshly generated; for tests and tools in this package. */
  PatientRecords recordsOf(int personIndex) {
    int slot = Arrays.binarySearch(persons, personIndex);
    if (slot < 0) {
      throw new IllegalArgumentException("person " + personIndex + " is not a patient here");
    }
    return generate(slot);
  }

  private static String mrn(long number) {
    String digits = Long.toString(number);
    return "P" + "0".repeat(8 - digits.length()) + digits;
  }
}
