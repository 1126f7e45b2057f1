package kr.hiway.consent.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;
import kr.hiway.demo.simulator.Person;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Identifying content hidden where hospitals put it in real life: narratives, notes, extensions,
 * contained resources, odd references, names typed into kept text. Each case plants it in a copy of
 * a real record and checks what comes out.
 */
class PseudoFreeTextTest {

  private static final PseudoFixtures.Network NETWORK;
  private static final Pseudonymizer PSEUDONYMIZER;
  private static final int PERSON = 1;

  static {
    PseudoFixtures.fhir();
    NETWORK = PseudoFixtures.network(PseudoReleaseTest.PERSONS);
    PSEUDONYMIZER = PseudoFixtures.pseudonymizer("free-text");
  }

  private static Person person() {
    return NETWORK.population().person(PERSON);
  }

  private static String name() {
    return person().familyName() + person().givenName();
  }

  static Stream<Arguments> plantedCases() {
    return Stream.of(
        planted(
            "narrative with the name",
            c -> {
              Narrative narrative = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
              narrative.setDivAsString(
                  "<div xmlns=\"http://www.w3.org/1999/xhtml\">" + name() + "</div>");
              c.setText(narrative);
            },
            (in, out) -> assertThat(out.hasText()).isFalse()),
        planted(
            "note naming the patient",
            c -> c.addNote(new Annotation().setText(name() + " 환자 " + person().phone())),
            (in, out) -> assertThat(out.hasNote()).isFalse()),
        planted(
            "extension carrying the national id",
            c -> c.addExtension(new Extension("urn:x:rrn", new StringType(person().nationalId()))),
            (in, out) -> assertThat(out.hasExtension()).isFalse()),
        planted(
            "extension inside a kept coding",
            c ->
                c.getCode()
                    .getCodingFirstRep()
                    .addExtension(new Extension("urn:x:n", new StringType(name()))),
            (in, out) -> {
              assertThat(out.getCode().getCodingFirstRep().hasExtension()).isFalse();
              assertThat(out.getCode().getCodingFirstRep().getCode())
                  .isEqualTo(in.getCode().getCodingFirstRep().getCode());
            }),
        planted(
            "contained practitioner and a reference to it",
            c -> {
              c.addContained(
                  new Practitioner().addName(new HumanName().setText(name())).setId("p1"));
              c.setAsserter(new Reference("#p1").setDisplay(name()));
            },
            (in, out) -> assertThat(out.hasContained() || out.hasAsserter()).isFalse()),
        planted(
            "absolute, logical and conditional references",
            c -> {
              c.setRecorder(new Reference("https://emr.example.kr/fhir/Practitioner/77"));
              c.setAsserter(new Reference("Patient?identifier=urn:rrn|" + person().nationalId()));
              c.getEncounter().setIdentifier(new Identifier().setValue(person().nationalId()));
            },
            (in, out) -> {
              assertThat(out.hasRecorder() || out.hasAsserter()).isFalse();
              assertThat(out.getEncounter().hasIdentifier()).isFalse();
              assertThat(out.getEncounter().getReference()).startsWith("Encounter/id-");
            }),
        planted(
            "name typed into a kept coded text",
            c -> c.getCode().setText(name() + " 님 상세불명 진단"),
            (in, out) -> {
              assertThat(out.getCode().hasText()).isFalse();
              assertThat(out.getCode().getCodingFirstRep().getCode())
                  .isEqualTo(in.getCode().getCodingFirstRep().getCode());
            }),
        planted(
            "someone's resident number in kept text",
            c -> c.getCode().setText("보호자 주민번호 850101 1234567"),
            (in, out) -> assertThat(out.getCode().hasText()).isFalse()),
        planted(
            "phone number without hyphens in kept display",
            c ->
                c.getCode()
                    .getCodingFirstRep()
                    .setDisplay("연락처 " + person().phone().replace("-", "")),
            (in, out) -> assertThat(out.getCode().getCodingFirstRep().hasDisplay()).isFalse()),
        planted(
            "record number in meta.source",
            c -> c.getMeta().setSource("http://emr.example.kr/fhir#" + mrnOf(c)),
            (in, out) -> assertThat(out.getMeta().hasSource()).isFalse()),
        planted(
            "the gateway's meta.source, which is pseudonymized",
            c -> c.getMeta().setSource("urn:hiway:hospital:snuh"),
            (in, out) ->
                assertThat(out.getMeta().getSource())
                    .matches("urn:hiway:hospital-pseudonym:hp-[a-z2-7]{26}")),
        planted(
            "reference type that is no resource type",
            c -> {
              c.getEncounter().setType(name());
              c.getSubject().setType("Patient");
            },
            (in, out) -> {
              assertThat(out.getEncounter().hasType()).isFalse();
              assertThat(out.getSubject().getType()).isEqualTo("Patient");
            }),
        planted(
            "onset on the birth date",
            c -> c.setOnset(new DateTimeType(person().birthDate().toString())),
            (in, out) ->
                assertThat(out.getOnsetDateTimeType().getValueAsString())
                    .isEqualTo(
                        String.valueOf(
                            person()
                                .birthDate()
                                .plusDays(
                                    PSEUDONYMIZER.dateOffsetDays("irb-1", person().nationalId()))
                                .getYear()))),
        planted(
            "onset as free text",
            c -> c.setOnset(new StringType(name() + " 어릴 때부터")),
            (in, out) -> assertThat(out.hasOnset()).isFalse()),
        planted(
            "required subject with a display only",
            c -> c.setSubject(new Reference().setDisplay(name())),
            (in, out) -> {
              assertThat(out.getSubject().hasReference() || out.getSubject().hasDisplay())
                  .isFalse();
              assertThat(out.getSubject().getExtensionByUrl(ReleaseRun.DATA_ABSENT_REASON))
                  .isNotNull();
            }));
  }

  private static Arguments planted(
      String name, Consumer<Condition> plant, BiConsumer<Condition, Condition> check) {
    return Arguments.of(name, plant, check);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("plantedCases")
  void pseudonymizeWhenIdentifyingContentPlantedThenItDoesNotSurvive(
      String name, Consumer<Condition> plant, BiConsumer<Condition, Condition> check) {
    List<Resource> release = new ArrayList<>(NETWORK.release(PERSON));
    int at = indexOf(release, Condition.class);
    Condition planted = (Condition) release.get(at).copy();
    plant.accept(planted);
    release.set(at, planted);
    List<Resource> out =
        PSEUDONYMIZER.pseudonymize("irb-1", person().nationalId(), release).resources();
    Condition result = (Condition) out.get(at - omittedBefore(release, at));
    check.accept(planted, result);
    String json = PseudoFixtures.fhir().newJsonParser().encodeResourceToString(result);
    assertThat(json).doesNotContain(name()).doesNotContain(person().nationalId());
  }

  @Test
  void pseudonymizeWhenModifierExtensionThenResourceLeftOut() {
    List<Resource> release = new ArrayList<>(NETWORK.release(PERSON));
    int at = indexOf(release, Condition.class);
    Condition planted = (Condition) release.get(at).copy();
    planted.addModifierExtension(new Extension("urn:x:refuted", new BooleanType(true)));
    release.set(at, planted);
    PseudonymizedRelease out = PSEUDONYMIZER.pseudonymize("irb-1", person().nationalId(), release);
    PseudonymizedRelease clean =
        PSEUDONYMIZER.pseudonymize("irb-1", person().nationalId(), NETWORK.release(PERSON));
    assertThat(out.resources()).hasSize(clean.resources().size() - 1);
    assertThat(out.omitted()).isEqualTo(clean.omitted() + 1);
  }

  @Test
  void pseudonymizeWhenOccurrenceIsFreeTextThenMaskedNotDropped() {
    Immunization in = new Immunization();
    in.setId("P1-imm-1");
    in.setStatus(Immunization.ImmunizationStatus.COMPLETED);
    in.getVaccineCode().addCoding().setSystem("http://hl7.org/fhir/sid/cvx").setCode("115");
    in.setPatient(new Reference("Patient/P1"));
    in.setOccurrence(new StringType(name() + " 초등학교 때"));
    Immunization out =
        (Immunization)
            PSEUDONYMIZER
                .pseudonymize("irb-1", person().nationalId(), List.of(in))
                .resources()
                .get(0);
    assertThat(out.getOccurrenceStringType().hasValue()).isFalse();
    assertThat(
            out.getOccurrenceStringType()
                .getExtensionByUrl(ReleaseRun.DATA_ABSENT_REASON)
                .getValue()
                .primitiveValue())
        .isEqualTo("masked");
  }

  /** Simulator record ids start with the record number: P12345678-cond-1-1. */
  private static String mrnOf(Resource r) {
    return r.getIdElement().getIdPart().split("-")[0];
  }

  private static int indexOf(List<Resource> release, Class<?> type) {
    for (int i = 0; i < release.size(); i++) {
      if (type.isInstance(release.get(i))) {
        return i;
      }
    }
    throw new IllegalStateException("no " + type.getSimpleName());
  }

  /** Patients after the first are left out; none comes before the first Condition of person 1. */
  private static int omittedBefore(List<Resource> release, int at) {
    int patients = 0;
    for (int i = 0; i < at; i++) {
      if (release.get(i) instanceof Patient) {
        patients++;
      }
    }
    return Math.max(0, patients - 1);
  }
}
