package kr.hiway.demo.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Validates generated records against the FHIR R4 base specification, offline. */
class SimulatorValidationTest {

  private static FhirValidator validator;

  @BeforeAll
  static void buildValidator() {
    FhirContext ctx = SimulatorFixtures.fhir();
    ValidationSupportChain chain =
        new ValidationSupportChain(
            new DefaultProfileValidationSupport(ctx),
            new InMemoryTerminologyServerValidationSupport(ctx),
            new CommonCodeSystemsTerminologyService(ctx),
            new SnapshotGeneratingValidationSupport(ctx));
    validator = ctx.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
  }

  @Test
  void validateWhenSampleOfEveryTypeThenNoErrors() {
    // Validation is slow, so the sample takes up to 12 resources of each type (of each code, for
    // observations) from the first patients of a few hospitals, person 0 first.
    List<Resource> sample = new ArrayList<>();
    Map<String, Integer> taken = new HashMap<>();
    for (String code : List.of("snuh", "pusan-nuh", "chonnam-hwasun", "wonju-severance")) {
      SimulatedHospital hospital = SimulatorFixtures.hospital(code);
      List<Integer> patients = SimulatorFixtures.population().patientsAt(code);
      for (int index : patients.subList(0, 25)) {
        for (Resource r : SimulatorFixtures.everything(hospital, index)) {
          String kind =
              r instanceof Observation o
                  ? "Observation " + o.getCode().getCodingFirstRep().getCode()
                  : r.fhirType();
          if (taken.merge(kind, 1, Integer::sum) <= 12) {
            sample.add(r);
          }
        }
      }
    }
    Set<String> types = new TreeSet<>();
    sample.forEach(r -> types.add(r.fhirType()));
    Set<String> expected = new TreeSet<>();
    expected.add("Patient");
    for (RecordType t : RecordType.values()) {
      expected.add(t.fhirType());
    }
    assertThat(types).isEqualTo(expected);

    List<String> problems = new ArrayList<>();
    Set<String> warnings = new TreeSet<>();
    for (Resource r : sample) {
      ValidationResult result = validator.validateWithResult(r);
      for (SingleValidationMessage m : result.getMessages()) {
        String line =
            r.fhirType()
                + "/"
                + r.getIdElement().getIdPart()
                + " "
                + m.getLocationString()
                + ": "
                + m.getMessage();
        if (m.getSeverity() == ResultSeverityEnum.ERROR
            || m.getSeverity() == ResultSeverityEnum.FATAL) {
          problems.add(line);
        } else if (m.getSeverity() == ResultSeverityEnum.WARNING) {
          warnings.add(r.fhirType() + ": " + m.getMessage());
        }
      }
    }
    if (System.getProperty("simulator.printWarnings") != null) {
      warnings.forEach(System.out::println);
    }
    assertThat(problems).as("validation errors in %d resources", sample.size()).isEmpty();
  }

  @Test
  void validateWhenRequiredElementMissingThenErrorReported() {
    // Guards the test above against passing vacuously with a validator that checks nothing.
    SimulatedHospital hospital = SimulatorFixtures.hospital("snuh");
    Resource condition = hospital.records(hospital.localPatientId(0), RecordType.CONDITION).get(0);
    ((Condition) condition).setSubject(null);
    ValidationResult result = validator.validateWithResult(condition);
    assertThat(result.getMessages()).anyMatch(m -> m.getSeverity() == ResultSeverityEnum.ERROR);
  }

  @Test
  void recordsWhenPersonZeroAtAllHospitalsThenBetween300And1000Resources() {
    int total = 0;
    for (SimulatedHospital hospital : SimulatorFixtures.hospitals().values()) {
      total += SimulatorFixtures.everything(hospital, 0).size();
    }
    System.out.println("Person 0 resources across all hospitals: " + total);
    assertThat(total).isBetween(300, 1000);
  }
}
