package kr.hiway.demo.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import kr.hiway.vocabulary.Hospital;
import kr.hiway.vocabulary.LinkageToken;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class SimulatedHospitalTest {

  private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
  private static final List<String> CODES =
      List.of("snuh", "pusan-nuh", "chonnam-hwasun", "ajou-uh");

  private final SyntheticPopulation population = SimulatorFixtures.population();

  /** Person 0 and the first dozen patients of each sample hospital. */
  private static List<Integer> sample(String code) {
    List<Integer> patients = SimulatorFixtures.population().patientsAt(code);
    return patients.subList(0, Math.min(13, patients.size()));
  }

  @Test
  void findByLinkageTokenWhenPatientsTokenThenThatPatient() {
    for (String code : CODES) {
      SimulatedHospital hospital = SimulatorFixtures.hospital(code);
      LinkageToken linkage = SimulatorFixtures.linkage(code);
      for (int index : sample(code)) {
        String nationalId = population.person(index).nationalId();
        Patient patient = hospital.findByLinkageToken(linkage.of(nationalId)).orElseThrow();
        assertThat(patient.getIdElement().getIdPart()).isEqualTo(hospital.localPatientId(index));
        Patient viaDigits =
            hospital.findByLinkageToken(linkage.of(nationalId.replace("-", ""))).orElseThrow();
        assertThat(viaDigits.getIdElement().getIdPart())
            .isEqualTo(patient.getIdElement().getIdPart());
        assertThat(tokenOf(patient)).isEqualTo(linkage.of(nationalId));
      }
    }
  }

  @Test
  void findByLinkageTokenWhenOtherHospitalsKeyOrUnknownThenEmpty() {
    SimulatedHospital snuh = SimulatorFixtures.hospital("snuh");
    String nationalId = population.person(0).nationalId();
    assertThat(snuh.findByLinkageToken(SimulatorFixtures.linkage("pusan-nuh").of(nationalId)))
        .isEmpty();
    assertThat(snuh.findByLinkageToken("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).isEmpty();
    assertThat(snuh.findByLinkageToken("")).isEmpty();
    // A person who is not a patient here is not found even with this hospital's key.
    int outsider = firstNonPatient("snuh");
    String theirs = SimulatorFixtures.linkage("snuh").of(population.person(outsider).nationalId());
    assertThat(snuh.findByLinkageToken(theirs)).isEmpty();
  }

  @Test
  void readWhenEveryRecordIdThenFindsThatRecord() {
    for (String code : CODES) {
      SimulatedHospital hospital = SimulatorFixtures.hospital(code);
      for (int index : sample(code).subList(0, 4)) {
        String mrn = hospital.localPatientId(index);
        assertThat(hospital.patient(mrn)).isPresent();
        for (RecordType type : RecordType.values()) {
          for (Resource r : hospital.records(mrn, type)) {
            String id = r.getIdElement().getIdPart();
            Resource read = hospital.read(type, id).orElseThrow(() -> new AssertionError(id));
            assertThat(SimulatorFixtures.json(read)).isEqualTo(SimulatorFixtures.json(r));
          }
        }
      }
    }
  }

  @Test
  void readWhenUnknownIdOrWrongTypeThenEmpty() {
    SimulatedHospital hospital = SimulatorFixtures.hospital("snuh");
    String mrn = hospital.localPatientId(0);
    String encounterId = mrn + "-enc-1";
    assertThat(hospital.read(RecordType.ENCOUNTER, encounterId)).isPresent();
    assertThat(hospital.read(RecordType.OBSERVATION, encounterId)).isEmpty();
    assertThat(hospital.read(RecordType.ENCOUNTER, mrn + "-enc-99")).isEmpty();
    assertThat(hospital.read(RecordType.ENCOUNTER, "nope")).isEmpty();
    assertThat(hospital.read(RecordType.ENCOUNTER, "")).isEmpty();
    assertThat(hospital.read(RecordType.ENCOUNTER, unusedMrn(hospital) + "-enc-1")).isEmpty();
    assertThat(hospital.read(RecordType.ENCOUNTER, mrn)).isEmpty();
  }

  @Test
  void recordsWhenUnknownPatientThenEmpty() {
    SimulatedHospital hospital = SimulatorFixtures.hospital("snuh");
    for (RecordType type : RecordType.values()) {
      assertThat(hospital.records(unusedMrn(hospital), type)).isEmpty();
      assertThat(hospital.records("", type)).isEmpty();
    }
    assertThat(hospital.patient(unusedMrn(hospital))).isEmpty();
  }

  @Test
  void localPatientIdWhenNotPatientThenThrows() {
    SimulatedHospital hospital = SimulatorFixtures.hospital("snuh");
    assertThat(hospital.localPatientId(0)).matches("P\\d{8}");
    assertThatThrownBy(() -> hospital.localPatientId(firstNonPatient("snuh")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> hospital.localPatientId(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void localPatientIdWhenAllPatientsThenUniqueWithinHospital() {
    for (SimulatedHospital hospital : SimulatorFixtures.hospitals().values()) {
      Set<String> mrns = new HashSet<>();
      for (int index : population.patientsAt(hospital.hospital().code())) {
        assertThat(mrns.add(hospital.localPatientId(index))).isTrue();
      }
    }
  }

  @Test
  void recordsWhenCalledTwiceThenNewButEqualObjects() {
    SimulatedHospital hospital = SimulatorFixtures.hospital("snuh");
    String mrn = hospital.localPatientId(0);
    List<Resource> first = hospital.records(mrn, RecordType.OBSERVATION);
    List<Resource> second = hospital.records(mrn, RecordType.OBSERVATION);
    assertThat(first).hasSameSizeAs(second).isNotEmpty();
    for (int i = 0; i < first.size(); i++) {
      assertThat(first.get(i)).isNotSameAs(second.get(i));
      assertThat(SimulatorFixtures.json(first.get(i)))
          .isEqualTo(SimulatorFixtures.json(second.get(i)));
    }
    first.get(0).setId("changed");
    assertThat(hospital.records(mrn, RecordType.OBSERVATION).get(0).getIdElement().getIdPart())
        .isEqualTo(second.get(0).getIdElement().getIdPart());
  }

  @Test
  void recordsWhenAnyThenValidIdsLastUpdatedAndResolvableReferences() {
    for (String code : CODES) {
      SimulatedHospital hospital = SimulatorFixtures.hospital(code);
      Set<String> ids = new HashSet<>();
      for (int index : sample(code)) {
        String mrn = hospital.localPatientId(index);
        for (Resource r : SimulatorFixtures.everything(hospital, index)) {
          String id = r.getIdElement().getIdPart();
          assertThat(id).matches(FHIR_ID).startsWith(mrn);
          assertThat(ids.add(r.fhirType() + "/" + id)).as("unique %s", id).isTrue();
          assertThat(r.getMeta().getLastUpdated()).as("lastUpdated of %s", id).isNotNull();
          for (Reference ref : references(r)) {
            if (ref.hasReference()) {
              assertThat(resolves(hospital, ref.getReference())).as(ref.getReference()).isTrue();
            } else {
              assertThat(ref.getDisplay()).as("a reference without target is named").isNotBlank();
            }
          }
        }
      }
    }
  }

  @Test
  void recordsWhenAnyResourceThenNationalIdAppearsNowhere() {
    for (String code : CODES) {
      SimulatedHospital hospital = SimulatorFixtures.hospital(code);
      for (int index : sample(code)) {
        String nationalId = population.person(index).nationalId();
        for (Resource r : SimulatorFixtures.everything(hospital, index)) {
          String json = SimulatorFixtures.json(r);
          assertThat(json).doesNotContain(nationalId).doesNotContain(nationalId.replace("-", ""));
        }
      }
    }
  }

  @Test
  void patientWhenGeneratedThenIdentifiersAndDemographics() {
    SimulatedHospital hospital = SimulatorFixtures.hospital("pusan-nuh");
    int index = sample("pusan-nuh").get(3);
    Person person = population.person(index);
    Patient p = hospital.patient(hospital.localPatientId(index)).orElseThrow();
    Identifier mrn = p.getIdentifier().get(0);
    assertThat(mrn.getSystem()).isEqualTo("urn:hiway:hospital:pusan-nuh:mrn");
    assertThat(mrn.getValue()).isEqualTo(hospital.localPatientId(index));
    assertThat(mrn.getType().getCodingFirstRep().getCode()).isEqualTo("MR");
    assertThat(tokenOf(p))
        .isEqualTo(SimulatorFixtures.linkage("pusan-nuh").of(person.nationalId()));
    assertThat(p.getNameFirstRep().getText()).isEqualTo(person.familyName() + person.givenName());
    assertThat(p.getNameFirstRep().getFamily()).isEqualTo(person.familyName());
    assertThat(p.getBirthDateElement().getValueAsString()).isEqualTo(person.birthDate().toString());
    assertThat(p.getGender().toCode()).isEqualTo(person.sex() == Sex.MALE ? "male" : "female");
    assertThat(p.getTelecomFirstRep().getValue()).isEqualTo(person.phone());
    assertThat(p.getAddressFirstRep().getLine().get(0).getValue()).isEqualTo(person.addressLine());
    assertThat(p.getAddressFirstRep().getState()).isEqualTo(person.province());
    assertThat(p.getAddressFirstRep().getCountry()).isEqualTo("KR");
  }

  @Test
  void encountersWhenAnyThenBetween2015AndOctober2026AndAfterBirth() {
    for (String code : CODES) {
      SimulatedHospital hospital = SimulatorFixtures.hospital(code);
      for (int index : population.patientsAt(code).subList(0, 60)) {
        LocalDate birth = population.person(index).birthDate();
        List<Resource> encounters =
            hospital.records(hospital.localPatientId(index), RecordType.ENCOUNTER);
        assertThat(encounters).hasSizeBetween(1, 4);
        for (Resource r : encounters) {
          Encounter e = (Encounter) r;
          LocalDate start =
              e.getPeriod().getStart().toInstant().atOffset(ZoneOffset.ofHours(9)).toLocalDate();
          assertThat(start).isBetween(LocalDate.of(2015, 1, 1), LocalDate.of(2026, 10, 31));
          assertThat(start).isAfter(birth);
          assertThat(e.getPeriod().getEnd()).isAfter(e.getPeriod().getStart());
        }
      }
    }
  }

  @Test
  void documentReferenceWhenGeneratedThenKoreanNoteNamingTheDiagnosis() {
    SimulatedHospital hospital = SimulatorFixtures.hospital("snuh");
    String mrn = hospital.localPatientId(0);
    List<Resource> notes = hospital.records(mrn, RecordType.DOCUMENT_REFERENCE);
    assertThat(notes).isNotEmpty();
    for (Resource r : notes) {
      DocumentReference d = (DocumentReference) r;
      String text =
          new String(d.getContentFirstRep().getAttachment().getData(), StandardCharsets.UTF_8);
      String conditionId = d.getContext().getRelatedFirstRep().getReferenceElement().getIdPart();
      Condition main = (Condition) hospital.read(RecordType.CONDITION, conditionId).orElseThrow();
      assertThat(text).startsWith(main.getCode().getText()).endsWith(".");
    }
  }

  @Test
  void conditionsWhenPersonZeroEverywhereThenSomeButFewSensitive() {
    int all = 0;
    int sensitive = 0;
    for (SimulatedHospital hospital : SimulatorFixtures.hospitals().values()) {
      for (Resource r : hospital.records(hospital.localPatientId(0), RecordType.CONDITION)) {
        all++;
        sensitive += isSensitive(((Condition) r).getCode().getCodingFirstRep().getCode()) ? 1 : 0;
      }
    }
    assertThat(sensitive).isPositive();
    assertThat(sensitive).isLessThan(all / 4);
  }

  @Test
  void conditionsWhenWholeHospitalThenSensitiveAtALowRate() {
    SimulatedHospital hospital = SimulatorFixtures.hospital("snuh");
    int all = 0;
    int sensitive = 0;
    for (int index : population.patientsAt("snuh")) {
      for (Resource r : hospital.records(hospital.localPatientId(index), RecordType.CONDITION)) {
        all++;
        sensitive += isSensitive(((Condition) r).getCode().getCodingFirstRep().getCode()) ? 1 : 0;
      }
    }
    assertThat((double) sensitive / all).isBetween(0.02, 0.12);
  }

  @Test
  void constructorWhenHospitalNotInPopulationThenRejected() {
    Hospital stranger = new Hospital("nowhere", "없는병원", "Nowhere Hospital", "Seoul", "Seoul");
    assertThatThrownBy(
            () -> new SimulatedHospital(population, stranger, SimulatorFixtures.linkage("nowhere")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SimulatedHospital(population, stranger, null))
        .isInstanceOf(NullPointerException.class);
  }

  static boolean isSensitive(String kcd) {
    char chapter = kcd.charAt(0);
    int number = Integer.parseInt(kcd.substring(1, 3));
    return chapter == 'F'
        || chapter == 'O'
        || (chapter == 'B' && number >= 20 && number <= 24)
        || (chapter == 'Z' && number >= 30 && number <= 39)
        || (chapter == 'A' && number >= 50 && number <= 64);
  }

  private static String tokenOf(Patient p) {
    return p.getIdentifier().stream()
        .filter(i -> LinkageToken.SYSTEM.equals(i.getSystem()))
        .findFirst()
        .orElseThrow()
        .getValue();
  }

  private int firstNonPatient(String code) {
    Set<Integer> patients = new HashSet<>(population.patientsAt(code));
    for (int i = 1; ; i++) {
      if (!patients.contains(i)) {
        return i;
      }
    }
  }

  private static String unusedMrn(SimulatedHospital hospital) {
    for (int n = 0; ; n++) {
      String candidate = String.format("P%08d", n);
      if (hospital.patient(candidate).isEmpty()) {
        return candidate;
      }
    }
  }

  private static List<Reference> references(Resource r) {
    return new ArrayList<>(
        SimulatorFixtures.fhir()
            .newTerser()
            .getAllPopulatedChildElementsOfType(r, Reference.class));
  }

  private static boolean resolves(SimulatedHospital hospital, String reference) {
    String[] parts = reference.split("/");
    if (parts.length != 2) {
      return false;
    }
    if (parts[0].equals("Patient")) {
      return hospital.patient(parts[1]).isPresent();
    }
    return RecordType.ofFhirType(parts[0])
        .flatMap(type -> hospital.read(type, parts[1]))
        .isPresent();
  }
}
