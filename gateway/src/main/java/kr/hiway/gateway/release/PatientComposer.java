package kr.hiway.gateway.release;

import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Patient;

/**
 * The gateway's Patient: one resource under the gateway's patient id, with the demographics of the
 * hospital that updated them last. Hospital identifiers (record numbers, linkage tokens) are not
 * carried over: each hospital's own view stays with that hospital.
 */
final class PatientComposer {

  private PatientComposer() {}

  static Patient compose(String patientId, List<Patient> fromHospitals) {
    Patient patient = new Patient();
    patient.setId(patientId);
    Optional<Patient> latest =
        fromHospitals.stream()
            .max(
                Comparator.comparing(
                    p -> Optional.ofNullable(p.getMeta().getLastUpdated()).orElse(new Date(0))));
    latest.ifPresent(source -> {
      patient.setName(source.getName());
      patient.setGender(source.getGender());
      patient.setBirthDateElement(source.getBirthDateElement());
      patient.setTelecom(source.getTelecom());
      patient.setAddress(source.getAddress());
      patient.getMeta().setLastUpdated(source.getMeta().getLastUpdated());
      patient.getMeta().setSource(source.getMeta().getSource());
    });
    return patient;
  }
}
