package kr.hiway.gateway.export;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import kr.hiway.consent.pseudonym.Pseudonymizer;
import kr.hiway.gateway.fanout.FanOut;
import kr.hiway.gateway.fanout.HospitalResult;
import kr.hiway.gateway.fanout.HospitalTarget;
import kr.hiway.gateway.fanout.PatientContext;
import kr.hiway.gateway.fanout.Query;
import kr.hiway.gateway.registry.Targets;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * The Patient of one exported person: the demographics of the hospitals that released the person's
 * records (the latest updated), through the de-identification profile like every released record,
 * so that only what the profile keeps of a Patient leaves (gender, birth year, province, country).
 * Its quasi-identifiers are what the export's risk is measured on. Thread-safe.
 */
@Component
class ReleasedPatients {

  /** Where a generalized birth year goes: the band, as a period of years. */
  static final String BIRTH_YEAR_BAND = "https://hiway.kr/fhir/StructureDefinition/birth-year-band";

  private final FanOut fanOut;
  private final Targets targets;
  private final Pseudonymizer pseudonymizer;

  ReleasedPatients(FanOut fanOut, Targets targets, Pseudonymizer pseudonymizer) {
    this.fanOut = fanOut;
    this.targets = targets;
    this.pseudonymizer = pseudonymizer;
  }

  /**
   * The person's pseudonymized Patient for {@code recipient}, from {@code hospitals} (those whose
   * records are released); empty if none of them answered with one.
   */
  Optional<Patient> of(String recipient, PatientContext person, Set<String> hospitals) {
    List<HospitalTarget> asked = new ArrayList<>();
    for (String code : hospitals) {
      targets.byCode(code).ifPresent(asked::add);
    }
    List<Patient> found = new ArrayList<>();
    for (HospitalResult<List<Resource>> r : fanOut.fetch(person, asked, new Query.Demographics())) {
      if (r instanceof HospitalResult.Answered<List<Resource>> a) {
        a.released().stream()
            .filter(Patient.class::isInstance)
            .map(Patient.class::cast)
            .forEach(found::add);
      }
    }
    Optional<Patient> latest =
        found.stream()
            .max(
                Comparator.comparing(
                    p -> Optional.ofNullable(p.getMeta().getLastUpdated()).orElse(new Date(0))));
    return latest.map(p ->
        (Patient)
            pseudonymizer
                .pseudonymize(recipient, person.nationalId(), List.of(p))
                .resources()
                .get(0));
  }

  /** What an outsider may know of the released Patient. */
  static QuasiIdentifiers quasiIdentifiers(Patient p) {
    int year = p.hasBirthDateElement() ? p.getBirthDateElement().getYear() : 0;
    String gender = p.hasGender() ? p.getGender().toCode() : null;
    String province = p.hasAddress() ? p.getAddressFirstRep().getState() : null;
    return new QuasiIdentifiers(year, gender, province);
  }

  /** The Patient with its birth year generalized to {@code level}'s band (unchanged for YEAR). */
  static Patient generalized(Patient p, Generalization level) {
    if (level == Generalization.YEAR || !p.hasBirthDateElement()) {
      return p;
    }
    Patient out = p.copy();
    int start = level.start(p.getBirthDateElement().getYear());
    out.setBirthDateElement(null);
    Period band = new Period();
    band.setStartElement(new org.hl7.fhir.r4.model.DateTimeType(Integer.toString(start)));
    band.setEndElement(
        new org.hl7.fhir.r4.model.DateTimeType(Integer.toString(start + level.width() - 1)));
    out.addExtension(BIRTH_YEAR_BAND, band);
    return out;
  }
}
