package kr.hiway.demo.simulator;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import kr.hiway.demo.simulator.CareCatalog.Allergen;
import kr.hiway.demo.simulator.CareCatalog.ProcedureCode;
import kr.hiway.demo.simulator.CareCatalog.Vaccine;
import kr.hiway.demo.simulator.ClinicalCatalog.Diagnosis;
import kr.hiway.demo.simulator.DrugCatalog.Drug;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;

/**
 * Builds the treatment side of a visit: prescriptions, procedures, vaccinations, allergies and the
 * progress note. The note's category uses the widely understood US Core document category, since no
 * Korean one exists. Stateless.
 */
final class CareRecords {

  private static final String MEDICATION_CATEGORY =
      "http://terminology.hl7.org/CodeSystem/medicationrequest-category";
  private static final String ALLERGY_CLINICAL =
      "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";
  private static final String ALLERGY_VERIFICATION =
      "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification";

  private CareRecords() {}

  /**
   * A prescription. A lasting condition's drug stays active if this is the patient's latest visit
   * here; every other prescription has run its course.
   */
  static MedicationRequest medication(
      Chart chart,
      Visit visit,
      Drug drug,
      Diagnosis reason,
      Condition condition,
      boolean latestVisit,
      int n) {
    MedicationRequest m =
        Fhir.stamp(
            new MedicationRequest(), chart.id("med", visit.number(), n), visit.lastUpdated());
    m.setStatus(
        reason.chronic() && latestVisit
            ? MedicationRequest.MedicationRequestStatus.ACTIVE
            : MedicationRequest.MedicationRequestStatus.COMPLETED);
    m.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
    m.addCategory(
        Fhir.concept(
            MEDICATION_CATEGORY,
            visit.kind().medicationCategory,
            visit.kind().medicationCategoryDisplay));
    m.setMedication(
        Fhir.concept(
            DrugCatalog.ATC, drug.atc(), drug.display(), drug.ko() + " " + drug.strength()));
    m.setSubject(chart.patient());
    m.setEncounter(chart.encounter(visit));
    m.setAuthoredOnElement(Fhir.dateTime(visit.minutesIn(20)));
    m.setRequester(Fhir.named(visit.clinician()));
    m.addReasonReference(RecordGenerator.conditionRef(condition));
    m.addDosageInstruction().setSequence(1).setText(drug.sig());
    return m;
  }

  /**
   * At most one procedure a visit: the treatment a diagnosis calls for when the patient is in
   * hospital or emergency (an appendectomy for appendicitis, sometimes a stent), else occasional
   * work-up such as an ECG or an endoscopy.
   */
  static Optional<Procedure> procedure(
      SplittableRandom r, Chart chart, Visit visit, List<Condition> conditions) {
    int age = chart.age(visit.start().toLocalDate());
    if (visit.kind() != CareCatalog.EncounterClass.AMB) {
      for (int i = 0; i < visit.diagnoses().size(); i++) {
        String dx = visit.diagnoses().get(i).code();
        for (ProcedureCode treatment : CareCatalog.TREATMENTS) {
          if (treatment.forDiagnosis().equals(dx) && (dx.equals("K35.8") || Seeds.chance(r, 40))) {
            LocalDateTime at = visit.start().plusHours(3 + r.nextInt(20));
            return Optional.of(procedure(chart, visit, treatment, at, conditions.get(i)));
          }
        }
      }
    }
    if (!Seeds.chance(r, 22)) {
      return Optional.empty();
    }
    List<ProcedureCode> fitting =
        CareCatalog.WORK_UP.stream().filter(p -> age >= p.minAge()).toList();
    ProcedureCode chosen = Seeds.pick(r, fitting);
    return Optional.of(procedure(chart, visit, chosen, visit.minutesIn(30), null));
  }

  private static Procedure procedure(
      Chart chart, Visit visit, ProcedureCode code, LocalDateTime at, Condition reason) {
    Procedure p =
        Fhir.stamp(new Procedure(), chart.id("proc", visit.number()), visit.lastUpdated());
    p.setStatus(Procedure.ProcedureStatus.COMPLETED);
    p.setCategory(
        code.surgical()
            ? Fhir.concept(CareCatalog.SNOMED, "387713003", "Surgical procedure", "수술")
            : Fhir.concept(CareCatalog.SNOMED, "103693007", "Diagnostic procedure", "진단적 검사"));
    p.setCode(Fhir.concept(CareCatalog.SNOMED, code.code(), code.display(), code.ko()));
    p.setSubject(chart.patient());
    p.setEncounter(chart.encounter(visit));
    p.setPerformed(Fhir.dateTime(at.isAfter(visit.end()) ? visit.end() : at));
    if (reason != null) {
      p.addReasonReference(RecordGenerator.conditionRef(reason));
    }
    return p;
  }

  /** A vaccination at about one visit in seven, of a vaccine fitting the age and the date. */
  static Optional<Immunization> immunization(SplittableRandom r, Chart chart, Visit visit) {
    if (!Seeds.chance(r, 15)) {
      return Optional.empty();
    }
    int age = chart.age(visit.start().toLocalDate());
    List<Vaccine> fitting =
        CareCatalog.VACCINES.stream()
            .filter(v -> v.fits(age, visit.start().toLocalDate()))
            .toList();
    if (fitting.isEmpty()) {
      return Optional.empty();
    }
    Vaccine vaccine = Seeds.pick(r, fitting);
    Immunization im =
        Fhir.stamp(new Immunization(), chart.id("imm", visit.number()), visit.lastUpdated());
    im.setStatus(Immunization.ImmunizationStatus.COMPLETED);
    im.setVaccineCode(
        Fhir.concept(CareCatalog.CVX, vaccine.cvx(), vaccine.display(), vaccine.ko()));
    im.setPatient(chart.patient());
    im.setEncounter(chart.encounter(visit));
    im.setOccurrence(Fhir.dateTime(visit.minutesIn(15)));
    im.setRecordedElement(Fhir.dateTime(visit.minutesIn(15)));
    im.setPrimarySource(true);
    im.setLotNumber("KR" + (100_000 + r.nextInt(900_000)));
    return Optional.of(im);
  }

  /** The patient's allergy as this hospital recorded it, at their first visit here. */
  static AllergyIntolerance allergy(Chart chart, Visit first, Allergen allergen) {
    AllergyIntolerance a =
        Fhir.stamp(new AllergyIntolerance(), chart.id("alg", 1), first.lastUpdated());
    a.setClinicalStatus(Fhir.concept(ALLERGY_CLINICAL, "active", "Active"));
    a.setVerificationStatus(Fhir.concept(ALLERGY_VERIFICATION, "confirmed", "Confirmed"));
    a.setType(AllergyIntolerance.AllergyIntoleranceType.ALLERGY);
    a.addCategory(AllergyIntolerance.AllergyIntoleranceCategory.fromCode(allergen.category()));
    a.setCriticality(
        allergen.severe()
            ? AllergyIntolerance.AllergyIntoleranceCriticality.HIGH
            : AllergyIntolerance.AllergyIntoleranceCriticality.LOW);
    a.setCode(Fhir.concept(CareCatalog.SNOMED, allergen.code(), allergen.display(), allergen.ko()));
    a.setPatient(chart.patient());
    a.setEncounter(chart.encounter(first));
    a.setRecordedDateElement(Fhir.dateTime(first.start()));
    a.addReaction()
        .addManifestation(
            Fhir.concept(
                CareCatalog.SNOMED,
                allergen.reactionCode(),
                allergen.reactionDisplay(),
                allergen.reactionKo()))
        .setSeverity(
            allergen.severe()
                ? AllergyIntolerance.AllergyIntoleranceSeverity.SEVERE
                : AllergyIntolerance.AllergyIntoleranceSeverity.MILD);
    return a;
  }

  /** The visit's progress note, as UTF-8 plain text. */
  static DocumentReference note(
      SplittableRandom r,
      Chart chart,
      Visit visit,
      List<Observation> vitals,
      List<Drug> drugs,
      List<Condition> conditions) {
    int systolic = 0;
    int diastolic = 0;
    int pulse = 0;
    for (Observation o : vitals) {
      String code = o.getCode().getCodingFirstRep().getCode();
      if (code.equals(MeasurementCatalog.BLOOD_PRESSURE.loinc())) {
        systolic = o.getComponent().get(0).getValueQuantity().getValue().intValue();
        diastolic = o.getComponent().get(1).getValueQuantity().getValue().intValue();
      } else if (code.equals(MeasurementCatalog.HEART_RATE.loinc())) {
        pulse = o.getValueQuantity().getValue().intValue();
      }
    }
    String text = ProgressNotes.write(r, visit, systolic, diastolic, pulse, drugs);

    DocumentReference d =
        Fhir.stamp(new DocumentReference(), chart.id("doc", visit.number()), visit.lastUpdated());
    d.setStatus(DocumentReferenceStatus.CURRENT);
    d.setDocStatus(DocumentReference.ReferredDocumentStatus.FINAL);
    d.setType(Fhir.concept(MeasurementCatalog.LOINC, "11506-3", "Progress note", "경과기록"));
    // R4's example category value set is LOINC's document classes (document-classcodes).
    d.addCategory(Fhir.concept(MeasurementCatalog.LOINC, "11506-3", "Progress note"));
    d.setSubject(chart.patient());
    d.setDateElement(Fhir.instant(visit.end()));
    d.addAuthor(Fhir.named(visit.clinician()));
    d.setCustodian(Fhir.named(chart.hospital().nameKo()));
    d.addContent()
        .setAttachment(
            new Attachment()
                .setContentType("text/plain; charset=utf-8")
                .setLanguage("ko")
                .setData(text.getBytes(StandardCharsets.UTF_8))
                .setTitle("경과기록")
                .setCreationElement(Fhir.dateTime(visit.end())));
    DocumentReference.DocumentReferenceContextComponent context = d.getContext();
    context.addEncounter(chart.encounter(visit));
    context.setPeriod(
        new Period()
            .setStartElement(Fhir.dateTime(visit.start()))
            .setEndElement(Fhir.dateTime(visit.end())));
    conditions.forEach(c -> context.addRelated(RecordGenerator.conditionRef(c)));
    return d;
  }
}
