package kr.hiway.consent.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.util.FhirTerser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import kr.hiway.demo.simulator.Person;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a pseudonymized release looks like: the Patient, references, and the input left alone. */
class PseudoReleaseTest {

  static final int PERSONS = 300;
  static final String DOMAIN = "irb-2025-0142";

  private static PseudoFixtures.Network network;
  private static Pseudonymizer pseudonymizer;

  @BeforeAll
  static void setUp() {
    PseudoFixtures.fhir();
    network = PseudoFixtures.network(PERSONS);
    pseudonymizer = PseudoFixtures.pseudonymizer("release");
  }

  private static PseudonymizedRelease pseudonymize(int person, List<Resource> release) {
    return pseudonymizer.pseudonymize(
        DOMAIN, network.population().person(person).nationalId(), release);
  }

  @Test
  void pseudonymizeWhenReleasedThenOnePatientUnderThePseudonymWithBirthBandAndProvince() {
    for (int i : List.of(0, 1, 2, 3)) {
      Person person = network.population().person(i);
      PseudonymizedRelease out = pseudonymize(i, network.release(i));
      List<Patient> patients =
          out.resources().stream()
              .filter(Patient.class::isInstance)
              .map(Patient.class::cast)
              .toList();
      assertThat(patients).hasSize(1);
      Patient patient = patients.get(0);
      assertThat(patient.getIdElement().getIdPart())
          .isEqualTo(out.mapping().pseudonym())
          .isEqualTo(pseudonymizer.pseudonymOf(DOMAIN, person.nationalId()))
          .matches("ps-[a-z2-7]{26}");
      assertThat(patient.getBirthDateElement().getPrecision())
          .isEqualTo(TemporalPrecisionEnum.YEAR);
      assertThat(patient.getBirthDateElement().getValueAsString())
          .as("the first year of the 5-year birth band")
          .isEqualTo(String.valueOf(person.birthDate().getYear() / 5 * 5));
      assertThat(patient.getAddress()).hasSize(1);
      assertThat(patient.getAddressFirstRep().getState()).isEqualTo(person.province());
      assertThat(patient.getAddressFirstRep().hasCity()).isFalse();
      assertThat(patient.getAddressFirstRep().hasLine()).isFalse();
      assertThat(patient.hasName() || patient.hasTelecom() || patient.hasIdentifier()).isFalse();
      assertThat(out.omitted()).isEqualTo(network.population().hospitalsOf(i).size() - 1);
      assertThat(out.mapping())
          .isEqualTo(new PseudonymMapping(DOMAIN, patient.getIdPart(), person.nationalId()));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hospital", "gateway"})
  void pseudonymizeWhenReleasedThenEveryReferenceResolvesInsideTheRelease(String shape) {
    FhirTerser terser = PseudoFixtures.fhir().newTerser();
    int references = 0;
    for (int i = 0; i < 60; i++) {
      List<Resource> release = network.release(i);
      if (shape.equals("gateway")) {
        release = network.gatewayShape(i, release);
      }
      PseudonymizedRelease out = pseudonymize(i, release);
      Set<String> ids = new HashSet<>();
      for (Resource r : out.resources()) {
        assertThat(ids.add(r.fhirType() + "/" + r.getIdElement().getIdPart()))
            .as("unique id %s", r.getIdElement().getIdPart())
            .isTrue();
      }
      assertThat(ids).hasSize(release.size() - out.omitted());
      for (Resource r : out.resources()) {
        for (Reference ref : terser.getAllPopulatedChildElementsOfType(r, Reference.class)) {
          references++;
          assertThat(ref.getReference()).isIn(ids);
          assertThat(ref.hasDisplay() || ref.hasIdentifier()).isFalse();
        }
      }
    }
    assertThat(references).isGreaterThan(1_000);
  }

  @Test
  void pseudonymizeWhenSameRecordsInBothShapesThenSameShapeOfOutput() {
    // The two shapes differ in ids, so pseudonyms differ; the content must not.
    List<Resource> local = network.release(5);
    IParser parser = PseudoFixtures.fhir().newJsonParser();
    List<Resource> a = pseudonymize(5, local).resources();
    List<Resource> b = pseudonymize(5, network.gatewayShape(5, local)).resources();
    assertThat(b).hasSameSizeAs(a);
    for (int i = 0; i < a.size(); i++) {
      Resource x = a.get(i).copy();
      Resource y = b.get(i).copy();
      assertThat(x.getIdPart().equals(y.getIdPart())).isEqualTo(x instanceof Patient);
      for (Resource r : List.of(x, y)) {
        r.setId((String) null);
        r.getMeta().setSource(null);
        PseudoFixtures.fhir()
            .newTerser()
            .getAllPopulatedChildElementsOfType(r, Reference.class)
            .forEach(ref -> ref.setReference(ref.getReference().replaceAll("/.*", "/x")));
      }
      assertThat(parser.encodeResourceToString(y)).isEqualTo(parser.encodeResourceToString(x));
    }
  }

  @Test
  void pseudonymizeWhenCalledThenInputIsNotModified() {
    IParser parser = PseudoFixtures.fhir().newJsonParser();
    List<Resource> release = network.gatewayShape(7, network.release(7));
    List<String> before = release.stream().map(parser::encodeResourceToString).toList();
    PseudonymizedRelease out = pseudonymize(7, release);
    assertThat(release.stream().map(parser::encodeResourceToString).toList()).isEqualTo(before);
    assertThat(out.resources()).doesNotContainAnyElementsOf(release);
  }

  @Test
  void pseudonymizeWhenDocumentReferenceThenOnlyAStubOfTheNoteRemains() {
    List<Resource> release = network.release(1);
    DocumentReference in =
        (DocumentReference)
            release.stream().filter(DocumentReference.class::isInstance).findFirst().orElseThrow();
    assertThat(in.getContentFirstRep().getAttachment().hasData()).isTrue();
    DocumentReference out =
        (DocumentReference)
            pseudonymize(1, release).resources().stream()
                .filter(DocumentReference.class::isInstance)
                .findFirst()
                .orElseThrow();
    assertThat(out.getContent()).hasSize(1);
    var attachment = out.getContentFirstRep().getAttachment();
    assertThat(attachment.hasData() || attachment.hasTitle() || attachment.hasUrl()).isFalse();
    assertThat(attachment.getContentType())
        .isEqualTo(in.getContentFirstRep().getAttachment().getContentType());
    assertThat(out.hasAuthor() || out.hasCustodian() || out.hasText()).isFalse();
    assertThat(out.getType().getCodingFirstRep().getCode()).isEqualTo("11506-3");
  }

  @Test
  void pseudonymizeWhenConcurrentCallsShareInputThenEachGetsTheSequentialResult() {
    IParser parser = PseudoFixtures.fhir().newJsonParser();
    List<Resource> release = network.release(0);
    String expected = encode(parser, pseudonymize(0, release).resources());
    List<String> results =
        IntStream.range(0, 8)
            .parallel()
            .mapToObj(n ->
                encode(PseudoFixtures.fhir().newJsonParser(), pseudonymize(0, release).resources()))
            .toList();
    assertThat(results).hasSize(8).allMatch(expected::equals);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "12345", "850101-123456", "850101-12345678", "850101-123456X", "한글"})
  void pseudonymizeWhenNationalIdMalformedThenRejectedWithoutQuotingIt(String nationalId) {
    assertThatThrownBy(() -> pseudonymizer.pseudonymize(DOMAIN, nationalId, network.release(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .satisfies(m -> assertThat(nationalId.isEmpty() || !m.contains(nationalId)).isTrue());
  }

  @Test
  void pseudonymizeWhenTypeNotInProfileOrConditionWithoutIdThenHandled() {
    List<Resource> release = new ArrayList<>(network.release(1));
    release.add(new Practitioner().addName(new HumanName().setText("김재현")));
    Condition anonymous =
        (Condition)
            release.stream().filter(Condition.class::isInstance).findFirst().orElseThrow().copy();
    anonymous.setId((String) null);
    release.add(anonymous);
    PseudonymizedRelease out = pseudonymize(1, release);
    assertThat(out.resources()).noneMatch(r -> r.fhirType().equals("Practitioner"));
    assertThat(out.resources().get(out.resources().size() - 1)).isInstanceOf(Condition.class);
    assertThat(out.resources().get(out.resources().size() - 1).hasIdElement()).isFalse();
  }

  private static String encode(IParser parser, List<Resource> resources) {
    StringBuilder sb = new StringBuilder();
    resources.forEach(r -> sb.append(parser.encodeResourceToString(r)).append('\n'));
    return sb.toString();
  }
}
