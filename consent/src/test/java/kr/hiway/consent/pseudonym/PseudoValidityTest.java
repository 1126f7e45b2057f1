package kr.hiway.consent.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pseudonymized output is still valid FHIR R4: HAPI's validator, offline, finds no errors. */
class PseudoValidityTest {

  private static final int PER_KIND = 8;
  private static FhirValidator validator;
  private static PseudoFixtures.Network network;
  private static Pseudonymizer pseudonymizer;

  @BeforeAll
  static void setUp() {
    FhirContext fhir = PseudoFixtures.fhir();
    ValidationSupportChain chain =
        new ValidationSupportChain(
            new DefaultProfileValidationSupport(fhir),
            new InMemoryTerminologyServerValidationSupport(fhir),
            new CommonCodeSystemsTerminologyService(fhir),
            new SnapshotGeneratingValidationSupport(fhir));
    validator = fhir.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
    network = PseudoFixtures.network(PseudoReleaseTest.PERSONS);
    pseudonymizer = PseudoFixtures.pseudonymizer("validity");
  }

  @Test
  void pseudonymizeWhenSampleOfAllTenTypesThenValidatorFindsNoErrors() {
    List<Resource> sample = new ArrayList<>();
    Map<String, Integer> taken = new HashMap<>();
    for (int person = 0; person < 40; person++) {
      List<Resource> release = network.release(person);
      if (person % 2 == 1) {
        release = network.gatewayShape(person, release);
      }
      String id = network.population().person(person).nationalId();
      for (Resource r : pseudonymizer.pseudonymize("irb-1", id, release).resources()) {
        String kind =
            r instanceof Observation o
                ? "Observation " + o.getCode().getCodingFirstRep().getCode()
                : r.fhirType();
        if (taken.merge(kind, 1, Integer::sum) <= PER_KIND) {
          sample.add(r);
        }
      }
    }
    sample.addAll(masked());
    Set<String> types = new TreeSet<>();
    sample.forEach(r -> types.add(r.fhirType()));
    assertThat(types).containsExactlyInAnyOrderElementsOf(DeidentificationProfile.REQUIRED_TYPES);

    List<String> errors = new ArrayList<>();
    for (Resource r : sample) {
      errors.addAll(errorsOf(r));
    }
    assertThat(errors).as("validation errors in %d resources", sample.size()).isEmpty();
  }

  @Test
  void validateWhenRequiredElementMissingThenErrorReported() {
    // Guards the test above against a validator that checks nothing.
    Resource condition =
        pseudonymizer
            .pseudonymize("irb-1", network.population().person(1).nationalId(), network.release(1))
            .resources()
            .stream()
            .filter(Condition.class::isInstance)
            .findFirst()
            .orElseThrow();
    ((Condition) condition).setSubject(null);
    assertThat(errorsOf(condition)).isNotEmpty();
  }

  /** Outputs where the pseudonymizer had to mask required elements. */
  private static List<Resource> masked() {
    Condition condition =
        (Condition)
            network.release(1).stream()
                .filter(Condition.class::isInstance)
                .findFirst()
                .orElseThrow();
    Condition displayOnly = condition.copy();
    displayOnly.setSubject(new Reference().setDisplay("김서연"));
    Immunization immunization = new Immunization();
    immunization.setId("P1-imm-9");
    immunization.setStatus(Immunization.ImmunizationStatus.COMPLETED);
    immunization
        .getVaccineCode()
        .addCoding()
        .setSystem("http://hl7.org/fhir/sid/cvx")
        .setCode("115");
    immunization.setPatient(new Reference("Patient/P1"));
    immunization.setOccurrence(new StringType("어릴 때"));
    List<Resource> out =
        pseudonymizer
            .pseudonymize(
                "irb-1",
                network.population().person(1).nationalId(),
                List.of(displayOnly, immunization))
            .resources();
    assertThat(((Condition) out.get(0)).getSubject().hasExtension()).isTrue();
    assertThat(((Immunization) out.get(1)).getOccurrence().hasExtension()).isTrue();
    return out;
  }

  private static List<String> errorsOf(Resource r) {
    List<String> errors = new ArrayList<>();
    for (SingleValidationMessage m : validator.validateWithResult(r).getMessages()) {
      if (m.getSeverity() == ResultSeverityEnum.ERROR
          || m.getSeverity() == ResultSeverityEnum.FATAL) {
        errors.add(r.fhirType() + " " + m.getLocationString() + ": " + m.getMessage());
      }
    }
    return errors;
  }
}
