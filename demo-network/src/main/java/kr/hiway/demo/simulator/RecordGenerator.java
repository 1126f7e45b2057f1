package kr.hiway.demo.simulator;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import kr.hiway.demo.simulator.ClinicalCatalog.Diagnosis;
import kr.hiway.demo.simulator.DrugCatalog.Drug;
import kr.hiway.demo.simulator.MeasurementCatalog.Panel;
import kr.hiway.demo.simulator.Observations.Findings;
import kr.hiway.demo.simulator.Places.City;
import kr.hiway.demo.simulator.Places.Province;
import kr.hiway.vocabulary.LinkageToken;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Generates one patient's chart at one hospital, on demand, from the population seed, the hospital
 * code and the person alone. Each call builds new objects; nothing is kept. Stateless and
 * thread-safe.
 *
 * <p>Records reference each other relatively ({@code Patient/P12345678}, {@code
 * Encounter/P12345678-enc-1}), and ids are {@code {mrn}-{kind}-{visit}[-{n}]}, so that the MRN, and
 * with it the patient, can be read back from any record id. Records tied to a diagnosis point at
 * its Condition (Encounter.diagnosis, MedicationRequest.reasonReference, Procedure.reasonReference,
 * DocumentReference.context.related), which lets consent rules withhold what a sensitive diagnosis
 * touches.
 */
final class RecordGenerator {

  static final String MRN_SYSTEM_PREFIX = "urn:hiway:hospital:";

  private static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
  private static final String CONDITION_CLINICAL =
      "http://terminology.hl7.org/CodeSystem/condition-clinical";
  private static final String CONDITION_VERIFICATION =
      "http://terminology.hl7.org/CodeSystem/condition-ver-status";
  private static final String CONDITION_CATEGORY =
      "http://terminology.hl7.org/CodeSystem/condition-category";
  private static final String DIAGNOSTIC_SERVICE = "http://terminology.hl7.org/CodeSystem/v2-0074";
  private static final String IDENTIFIER_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0203";

  private RecordGenerator() {}

  static PatientRecords generate(long seed, Chart chart) {
    Person person = chart.person();
    SplittableRandom r =
        Seeds.random(seed, Seeds.RECORDS, Seeds.hash(chart.hospital().code()), person.index());
    List<Visit> visits = VisitPlanner.plan(r, person, chart.profile());
    Map<RecordType, List<Resource>> out = new EnumMap<>(RecordType.class);
    for (RecordType type : RecordType.values()) {
      out.put(type, new ArrayList<>());
    }
    for (Visit visit : visits) {
      addVisit(r, chart, visit, visits.get(visits.size() - 1) == visit, out);
    }
    if (!chart.profile().allergies().isEmpty() && Seeds.chance(r, 70)) {
      out.get(RecordType.ALLERGY_INTOLERANCE)
          .add(CareRecords.allergy(chart, visits.get(0), chart.profile().allergies().get(0)));
    }
    LocalDateTime updated =
        visits.stream().map(Visit::lastUpdated).max(Comparator.naturalOrder()).orElseThrow();
    return new PatientRecords(patient(chart, updated), out);
  }

  private static void addVisit(
      SplittableRandom r,
      Chart chart,
      Visit visit,
      boolean latest,
      Map<RecordType, List<Resource>> out) {
    List<Diagnosis> lasting = chart.profile().activeOn(visit.start().toLocalDate());
    List<Condition> conditions = new ArrayList<>();
    for (Diagnosis d : visit.diagnoses()) {
      conditions.add(condition(r, chart, visit, d, conditions.size() + 1));
    }
    out.get(RecordType.ENCOUNTER).add(encounter(chart, visit, conditions));
    out.get(RecordType.CONDITION).addAll(conditions);

    Findings findings = Findings.of(r, visit, lasting);
    List<Observation> observations =
        new ArrayList<>(Observations.vitalSigns(r, chart, visit, findings));
    int vitals = observations.size();
    Panel panel = Observations.panel(r, findings);
    observations.addAll(Observations.labs(r, chart, visit, findings, panel));
    for (int i = 0; i < observations.size(); i++) {
      Fhir.stamp(observations.get(i), chart.id("obs", visit.number(), i + 1), visit.lastUpdated());
    }
    out.get(RecordType.OBSERVATION).addAll(observations);
    out.get(RecordType.DIAGNOSTIC_REPORT)
        .add(report(chart, visit, panel, observations.subList(vitals, observations.size())));

    List<Drug> drugs = new ArrayList<>(2);
    for (int i = 0; i < visit.diagnoses().size() && drugs.size() < 2; i++) {
      Diagnosis d = visit.diagnoses().get(i);
      if (!d.drugs().isEmpty() && Seeds.chance(r, 75)) {
        Drug drug = DrugCatalog.drug(Seeds.pick(r, d.drugs()));
        int n = drugs.size() + 1;
        drugs.add(drug);
        out.get(RecordType.MEDICATION_REQUEST)
            .add(CareRecords.medication(chart, visit, drug, d, conditions.get(i), latest, n));
      }
    }
    CareRecords.procedure(r, chart, visit, conditions)
        .ifPresent(p -> out.get(RecordType.PROCEDURE).add(p));
    CareRecords.immunization(r, chart, visit)
        .ifPresent(i -> out.get(RecordType.IMMUNIZATION).add(i));
    out.get(RecordType.DOCUMENT_REFERENCE)
        .add(CareRecords.note(r, chart, visit, observations.subList(0, vitals), drugs, conditions));
  }

  private static Encounter encounter(Chart chart, Visit visit, List<Condition> conditions) {
    Encounter e = Fhir.stamp(new Encounter(), chart.encounterId(visit), visit.lastUpdated());
    e.setStatus(Encounter.EncounterStatus.FINISHED);
    e.setClass_(Fhir.coding(ACT_CODE, visit.kind().code, visit.kind().display));
    e.addType(
        Fhir.concept(
            CareCatalog.SNOMED, visit.kind().typeCode, visit.kind().typeDisplay, visit.kind().ko));
    e.setSubject(chart.patient());
    e.setPeriod(
        new Period()
            .setStartElement(Fhir.dateTime(visit.start()))
            .setEndElement(Fhir.dateTime(visit.end())));
    for (int i = 0; i < conditions.size(); i++) {
      e.addDiagnosis().setCondition(conditionRef(conditions.get(i))).setRank(i + 1);
    }
    e.setServiceProvider(Fhir.named(chart.hospital().nameKo()));
    return e;
  }

  private static Condition condition(
      SplittableRandom r, Chart chart, Visit visit, Diagnosis d, int n) {
    Condition c =
        Fhir.stamp(new Condition(), chart.id("cond", visit.number(), n), visit.lastUpdated());
    c.setClinicalStatus(
        d.chronic()
            ? Fhir.concept(CONDITION_CLINICAL, "active", "Active")
            : Fhir.concept(CONDITION_CLINICAL, "resolved", "Resolved"));
    c.setVerificationStatus(Fhir.concept(CONDITION_VERIFICATION, "confirmed", "Confirmed"));
    c.addCategory(Fhir.concept(CONDITION_CATEGORY, "encounter-diagnosis", "Encounter Diagnosis"));
    c.setCode(Fhir.concept(ClinicalCatalog.KCD8, d.code(), d.display(), d.ko()));
    c.setSubject(chart.patient());
    c.setEncounter(chart.encounter(visit));
    LocalDate onset =
        d.chronic()
            ? chart.profile().onsetOf(d)
            : visit.start().toLocalDate().minusDays(r.nextInt(6));
    if (onset.isBefore(chart.person().birthDate())) {
      onset = chart.person().birthDate();
    }
    c.setOnset(Fhir.day(onset));
    c.setRecordedDateElement(Fhir.dateTime(visit.start()));
    return c;
  }

  private static DiagnosticReport report(
      Chart chart, Visit visit, Panel panel, List<Observation> results) {
    DiagnosticReport dr =
        Fhir.stamp(new DiagnosticReport(), chart.id("rep", visit.number()), visit.lastUpdated());
    dr.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
    dr.addCategory(Fhir.concept(DIAGNOSTIC_SERVICE, "LAB", "Laboratory"));
    dr.setCode(Fhir.concept(MeasurementCatalog.LOINC, panel.loinc(), panel.display(), panel.ko()));
    dr.setSubject(chart.patient());
    dr.setEncounter(chart.encounter(visit));
    Observation first = results.get(0);
    dr.setEffective(first.getEffectiveDateTimeType().copy());
    dr.setIssuedElement(first.getIssuedElement().copy());
    dr.addPerformer(Fhir.named(chart.hospital().nameKo() + " 진단검사의학과"));
    for (Observation o : results) {
      dr.addResult(Fhir.ref("Observation", o.getIdElement().getIdPart()));
    }
    return dr;
  }

  private static Patient patient(Chart chart, LocalDateTime updated) {
    Person person = chart.person();
    Patient p = Fhir.stamp(new Patient(), chart.mrn(), updated);
    p.addIdentifier(
        new Identifier()
            .setUse(Identifier.IdentifierUse.USUAL)
            .setType(Fhir.concept(IDENTIFIER_TYPE, "MR", "Medical record number"))
            .setSystem(MRN_SYSTEM_PREFIX + chart.hospital().code() + ":mrn")
            .setValue(chart.mrn()));
    p.addIdentifier(new Identifier().setSystem(LinkageToken.SYSTEM).setValue(chart.linkageToken()));
    p.setActive(true);
    p.addName()
        .setUse(HumanName.NameUse.OFFICIAL)
        .setFamily(person.familyName())
        .addGiven(person.givenName())
        .setText(person.fullName());
    p.addTelecom()
        .setSystem(ContactPoint.ContactPointSystem.PHONE)
        .setValue(person.phone())
        .setUse(ContactPoint.ContactPointUse.MOBILE);
    p.setGender(person.sex() == Sex.MALE ? AdministrativeGender.MALE : AdministrativeGender.FEMALE);
    p.setBirthDateElement(Fhir.date(person.birthDate()));
    p.addAddress(address(person));
    p.addCommunication()
        .setLanguage(new CodeableConcept(Fhir.coding("urn:ietf:bcp:47", "ko", "Korean")))
        .setPreferred(true);
    p.setManagingOrganization(Fhir.named(chart.hospital().nameKo()));
    return p;
  }

  private static Address address(Person person) {
    Address a =
        new Address()
            .setUse(Address.AddressUse.HOME)
            .addLine(person.addressLine())
            .setCity(person.city())
            .setState(person.province())
            .setCountry("KR");
    Places.province(person.province())
        .ifPresent(province -> a.setText(koreanAddress(province, person)));
    return a;
  }

  /** The address as a Korean would write it: 서울특별시 중구 세종대로 110. */
  private static String koreanAddress(Province province, Person person) {
    String city =
        province.cities().stream()
            .filter(c -> c.nameEn().equals(person.city()))
            .findFirst()
            .map(City::nameKo)
            .orElse("");
    boolean metropolis = province.cities().size() == 1 && province.nameEn().equals(person.city());
    return province.nameKo()
        + (metropolis || city.isEmpty() ? "" : " " + city)
        + " "
        + person.addressLine();
  }

  static Reference conditionRef(Condition c) {
    return Fhir.ref("Condition", c.getIdElement().getIdPart());
  }
}
