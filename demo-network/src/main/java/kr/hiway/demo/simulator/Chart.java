package kr.hiway.demo.simulator;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import kr.hiway.vocabulary.Hospital;
import org.hl7.fhir.r4.model.Reference;

/**
 * One patient's chart at one hospital: who, under which record number, and their lasting health.
 * What the record builders share. Immutable.
 *
 * @param hospital the hospital keeping the chart
 * @param person the patient
 * @param mrn the hospital's medical record number for the patient, also the Patient id
 * @param linkageToken the patient's linkage token at this hospital
 * @param profile the patient's lasting health
 */
record Chart(
    Hospital hospital, Person person, String mrn, String linkageToken, HealthProfile profile) {

  Chart {
    Objects.requireNonNull(hospital, "hospital");
    Objects.requireNonNull(person, "person");
    Objects.requireNonNull(mrn, "mrn");
    Objects.requireNonNull(linkageToken, "linkageToken");
    Objects.requireNonNull(profile, "profile");
  }

  Reference patient() {
    return Fhir.ref("Patient", mrn);
  }

  /** A resource id within this chart, such as {@code P12345678-obs-2-3}. */
  String id(String kind, int... numbers) {
    StringBuilder id = new StringBuilder(mrn).append('-').append(kind);
    for (int n : numbers) {
      id.append('-').append(n);
    }
    return id.toString();
  }

  String encounterId(Visit visit) {
    return id("enc", visit.number());
  }

  Reference encounter(Visit visit) {
    return Fhir.ref("Encounter", encounterId(visit));
  }

  double ageYears(LocalDate day) {
    return ChronoUnit.DAYS.between(person.birthDate(), day) / 365.25;
  }

  int age(LocalDate day) {
    return (int) ChronoUnit.YEARS.between(person.birthDate(), day);
  }
}
