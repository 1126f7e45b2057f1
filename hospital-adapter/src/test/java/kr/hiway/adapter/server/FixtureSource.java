package kr.hiway.adapter.server;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import kr.hiway.adapter.source.HospitalSource;
import kr.hiway.vocabulary.LinkageToken;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A small, exactly known hospital for the adapter's API tests: patient {@code P1} (linkage token
 * {@value #TOKEN}) has three records of each type, dated 2020-01-15, 2021-06-15 and 2022-03-15,
 * with categories {@code a, b, a} (system {@value #SYSTEM}) and codes {@code c0, c1, c2}; patient
 * {@code P2} has one record of each type.
 */
final class FixtureSource implements HospitalSource {

  static final String TOKEN = "token-of-p1";
  static final String SYSTEM = "urn:test:codes";
  static final String[] DATES = {
    "2020-01-15T10:00:00+09:00", "2021-06-15T10:00:00+09:00", "2022-03-15T10:00:00+09:00"
  };

  @Override
  public Optional<Patient> findByLinkageToken(String token) {
    return TOKEN.equals(token) ? patient("P1") : Optional.empty();
  }

  @Override
  public Optional<Patient> patient(String id) {
    if (!id.equals("P1") && !id.equals("P2")) {
      return Optional.empty();
    }
    Patient p = new Patient();
    p.setId(id);
    p.getMeta().setLastUpdated(new DateTimeType(DATES[0]).getValue());
    p.addIdentifier().setSystem(LinkageToken.SYSTEM).setValue(id.equals("P1") ? TOKEN : "other");
    return Optional.of(p);
  }

  @Override
  public List<Resource> records(String patientId, RecordType type) {
    int n =
        switch (patientId) {
          case "P1" -> 3;
          case "P2" -> 1;
          default -> 0;
        };
    List<Resource> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(record(type, patientId, i));
    }
    return out;
  }

  @Override
  public Optional<Resource> read(RecordType type, String id) {
    for (String patient : List.of("P1", "P2")) {
      for (Resource r : records(patient, type)) {
        if (r.getIdPart().equals(id)) {
          return Optional.of(r);
        }
      }
    }
    return Optional.empty();
  }

  static Resource record(RecordType type, String patientId, int i) {
    Date date = new DateTimeType(DATES[i]).getValue();
    Coding category = new Coding(SYSTEM, i % 2 == 0 ? "a" : "b", null);
    CodeableConcept code = new CodeableConcept(new Coding(SYSTEM, "c" + i, null));
    Reference subject = new Reference("Patient/" + patientId);
    Resource r =
        switch (type) {
          case ALLERGY_INTOLERANCE -> {
            AllergyIntolerance a = new AllergyIntolerance().setPatient(subject).setCode(code);
            a.setRecordedDate(date);
            a.addCategory(
                i % 2 == 0
                    ? AllergyIntolerance.AllergyIntoleranceCategory.FOOD
                    : AllergyIntolerance.AllergyIntoleranceCategory.MEDICATION);
            yield a;
          }
          case CONDITION ->
              new Condition()
                  .setSubject(subject)
                  .setCode(code)
                  .setOnset(new DateTimeType(date))
                  .addCategory(new CodeableConcept(category));
          case DIAGNOSTIC_REPORT ->
              new DiagnosticReport()
                  .setSubject(subject)
                  .setCode(code)
                  .setEffective(new DateTimeType(date))
                  .addCategory(new CodeableConcept(category));
          case DOCUMENT_REFERENCE ->
              new DocumentReference()
                  .setSubject(subject)
                  .setType(code)
                  .setDate(date)
                  .addCategory(new CodeableConcept(category));
          case ENCOUNTER ->
              new Encounter()
                  .setSubject(subject)
                  .setClass_(category)
                  .addType(code)
                  .setPeriod(new Period().setStart(date));
          case IMMUNIZATION ->
              new Immunization()
                  .setPatient(subject)
                  .setVaccineCode(code)
                  .setOccurrence(new DateTimeType(date));
          case MEDICATION_REQUEST ->
              new MedicationRequest()
                  .setSubject(subject)
                  .setMedication(code)
                  .setAuthoredOn(date)
                  .addCategory(new CodeableConcept(category));
          case OBSERVATION ->
              new Observation()
                  .setSubject(subject)
                  .setCode(code)
                  .setEffective(new DateTimeType(date))
                  .addCategory(new CodeableConcept(category));
          case PROCEDURE ->
              new Procedure()
                  .setSubject(subject)
                  .setCode(code)
                  .setPerformed(new DateTimeType(date))
                  .setCategory(new CodeableConcept(category));
        };
    r.setId(patientId + "-" + type.fhirType().toLowerCase() + "-" + i);
    r.getMeta().setLastUpdated(date);
    return r;
  }
}
