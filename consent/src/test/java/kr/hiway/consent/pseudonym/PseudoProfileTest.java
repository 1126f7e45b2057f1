package kr.hiway.consent.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Profiles are validated at load: each broken profile is refused with a message naming why. */
class PseudoProfileTest {

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();

  static {
    PseudoFixtures.fhir();
  }

  @Test
  void loadDefaultWhenShippedThenCoversTheTenTypesWithTheKeyDecisions() {
    DeidentificationProfile profile = DeidentificationProfile.loadDefault();
    assertThat(profile.resourceTypes())
        .containsExactlyInAnyOrderElementsOf(DeidentificationProfile.REQUIRED_TYPES);
    assertThat(profile.rules("Patient"))
        .containsEntry("id", ProfileAction.PSEUDONYMIZE)
        .containsEntry("birthDate", ProfileAction.GENERALIZE_BAND)
        .containsEntry("address.state", ProfileAction.KEEP)
        .containsEntry("meta.source", ProfileAction.KEEP)
        .doesNotContainEntry("address.city", ProfileAction.KEEP)
        .doesNotContainKey("address.line.value");
    assertThat(profile.rules("DocumentReference"))
        .containsEntry("content.attachment.data", ProfileAction.REMOVE);
    assertThat(profile.rules("Observation")).containsEntry("note", ProfileAction.REMOVE);
    assertThat(profile.rules("Basic")).isEmpty();
  }

  @Test
  void loadWhenDefaultRewrittenAsPlainJsonThenAccepted() {
    // The cases below are small edits of this document, which must itself load.
    assertThat(DeidentificationProfile.load(stream(defaultProfile().toString())).name())
        .isEqualTo("hiway-secondary-use");
  }

  static Stream<Arguments> brokenProfiles() {
    return Stream.of(
        text("not JSON", "{ \"name\": ", "not valid JSON at line 1"),
        text("trailing garbage", "{} {}", "not valid JSON"),
        text("not an object", "[]", "must be a JSON object"),
        text("duplicate path", dup(), "not valid JSON"),
        edit(
            "unknown top-level field",
            p -> p.put("colour", "blue"),
            "unknown top-level field 'colour'"),
        edit("wrong version", p -> p.put("version", 1), "'version' must be 2"),
        edit(
            "a shift of 0 days allowed",
            p -> p.withObject("dates").withObject("shiftDays").put("min", 0),
            "dates.shiftDays.min must be a whole number from 1 to 3650, not 0"),
        edit(
            "a shift range upside down",
            p -> p.withObject("dates").withObject("shiftDays").put("max", 0).put("min", 9),
            "dates.shiftDays.max must be a whole number from 1"),
        edit(
            "max below min",
            p -> p.withObject("dates").withObject("shiftDays").put("min", 30).put("max", 10),
            "dates.shiftDays.max must be at least dates.shiftDays.min (30)"),
        edit(
            "unknown date precision",
            p -> p.withObject("dates").put("precision", "minute"),
            "dates.precision must be one of [day, month, year], not \"minute\""),
        edit("no birth band", p -> p.remove("birthDate"), "birthDate must be an object"),
        edit(
            "places below the province",
            p -> p.put("places", "city"),
            "places must be 'province', the only policy offered, not \"city\""),
        edit(
            "a city kept",
            p -> rules(p, "Patient").put("address.city", "keep"),
            "places is 'province' but Patient.address.city is kept"),
        edit(
            "hospitals kept as they are",
            p -> p.put("hospitals", "keep"),
            "hospitals must be one of [pseudonymize, remove], not \"keep\""),
        edit(
            "free text kept",
            p -> p.put("freeText", "keep"),
            "freeText must be 'remove', the only policy offered"),
        edit("k of 1", p -> p.put("k", 1), "k must be a whole number from 2 to 1000, not 1"),
        edit(
            "no quasi-identifiers",
            p -> p.putArray("quasiIdentifiers"),
            "quasiIdentifiers must be a non-empty list"),
        edit(
            "a quasi-identifier the profile removes",
            p -> p.withArray("quasiIdentifiers").add("Observation.note"),
            "quasiIdentifiers: Observation.note is not an element the profile releases"),
        edit(
            "a quasi-identifier of an unknown type",
            p -> p.withArray("quasiIdentifiers").add("Basic.code"),
            "quasiIdentifiers: Basic.code names a type the profile has no rules for"),
        edit(
            "generalize-band on a dateTime",
            p -> rules(p, "Condition").put("recordedDate", "generalize-band"),
            "Condition.recordedDate: generalize-band applies to date, not"),
        edit("resources missing", p -> p.remove("resources"), "'resources' must be an object"),
        edit(
            "unknown resource type",
            p -> p.withObject("resources").putObject("Observaton").put("status", "keep"),
            "unknown resource type 'Observaton'"),
        edit(
            "a required type missing",
            p -> p.withObject("resources").remove("Procedure"),
            "no rules for resource type Procedure"),
        edit(
            "unknown element",
            p -> rules(p, "Observation").put("cod", "keep"),
            "unknown element 'cod' in Observation"),
        edit(
            "HAPI alias that is no FHIR path",
            p -> rules(p, "Observation").put("subjectResource", "pseudonymize"),
            "unknown element 'subjectResource'"),
        edit(
            "nested unknown element",
            p -> rules(p, "Observation").put("referenceRange.lowest", "keep"),
            "unknown element 'lowest' in Observation.referenceRange"),
        edit(
            "empty segment",
            p -> rules(p, "Observation").put("code..text", "keep"),
            "malformed path 'Observation.code..text'"),
        edit(
            "parts of a whole choice",
            p -> rules(p, "Observation").put("value[x].value", "keep"),
            "Observation.value[x] is a choice: name one type"),
        edit(
            "unknown action",
            p -> rules(p, "Observation").put("status", "hash"),
            "Observation.status: unknown action 'hash'"),
        edit(
            "action not a string",
            p -> rules(p, "Observation").put("status", true),
            "Observation.status: the action must be a string"),
        edit(
            "keep on the id",
            p -> rules(p, "Condition").put("id", "keep"),
            "is listed both in 'common' and in Condition"),
        edit(
            "keep on the id in common",
            p -> p.withObject("common").put("id", "keep"),
            "Patient.id: ids carry hospital record numbers"),
        edit(
            "keep on names",
            p -> rules(p, "Patient").put("name", "keep"),
            "Patient.name cannot be kept whole: it can hold HumanName"),
        edit(
            "keep on a name part",
            p -> without(rules(p, "Patient"), "name").put("name.given", "keep"),
            "Patient.name.given can never be kept"),
        edit(
            "keep on notes",
            p -> rules(p, "Condition").put("note", "keep"),
            "Condition.note cannot be kept whole: it can hold Annotation"),
        edit(
            "keep on a reference",
            p -> rules(p, "Condition").put("subject", "keep"),
            "Condition.subject cannot be kept whole: it can hold Reference"),
        edit(
            "keep on a reference's display",
            p -> without(rules(p, "Condition"), "subject").put("subject.display", "keep"),
            "Condition.subject.display can never be kept"),
        edit(
            "keep on identifiers",
            p -> rules(p, "Patient").put("identifier", "keep"),
            "Patient.identifier cannot be kept whole"),
        edit(
            "keep on address lines",
            p -> rules(p, "Patient").put("address.line", "keep"),
            "Patient.address.line can never be kept"),
        edit(
            "keep on something holding a reference deep down",
            p ->
                without(
                        without(
                            without(rules(p, "Encounter"), "diagnosis.condition"), "diagnosis.use"),
                        "diagnosis.rank")
                    .put("diagnosis", "keep"),
            "Encounter.diagnosis cannot be kept whole: it can hold Reference"),
        edit(
            "keep on the narrative",
            p -> p.withObject("common").put("text", "keep"),
            "narratives, contained resources, extensions and element ids are always removed"),
        edit(
            "keep on extensions",
            p -> p.withObject("common").put("extension", "keep"),
            "narratives, contained resources, extensions and element ids are always removed"),
        edit(
            "pseudonymize on a code",
            p -> rules(p, "Condition").put("code", "pseudonymize"),
            "Condition.code: pseudonymize applies to ids and References, not [CodeableConcept]"),
        edit(
            "generalize-year on a code",
            p -> rules(p, "Observation").put("status", "generalize-year"),
            "Observation.status: generalize-year applies to date and dateTime"),
        edit(
            "required element removed",
            p -> rules(p, "Observation").put("status", "remove"),
            "Observation.status is required by FHIR (min 1)"),
        edit(
            "required choice partly covered",
            p -> rules(p, "MedicationRequest").put("medicationReference", "remove"),
            "MedicationRequest.medication[x] is required by FHIR"),
        edit(
            "required part of a listed element",
            p -> rules(p, "Encounter").put("diagnosis.condition", "remove"),
            "Encounter.diagnosis.condition is required by FHIR"),
        edit(
            "parts of an element listed whole",
            p -> rules(p, "Condition").put("code.text", "keep"),
            "Condition.code is already listed as keep"),
        edit(
            "whole and per-type listing of one choice",
            p -> rules(p, "Observation").put("value[x]", "keep"),
            "Observation.value[x] overlaps another listing"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenProfiles")
  void loadWhenProfileBrokenThenRefusedNamingTheProblem(String name, String json, String problem) {
    assertThatThrownBy(() -> DeidentificationProfile.load(stream(json)))
        .isInstanceOf(ProfileException.class)
        .hasMessageContaining(problem);
  }

  @Test
  void loadWhenSeveralProblemsThenAllAreListed() {
    ObjectNode p = defaultProfile();
    rules(p, "Observation").put("cod", "keep");
    rules(p, "Patient").put("telecom", "keep");
    p.withObject("resources").remove("Procedure");
    ProfileException e =
        assertThrows(
            ProfileException.class, () -> DeidentificationProfile.load(stream(p.toString())));
    assertThat(e.problems()).hasSize(3);
  }

  private static Arguments text(String name, String json, String problem) {
    return Arguments.of(name, json, problem);
  }

  private static Arguments edit(String name, Consumer<ObjectNode> change, String problem) {
    ObjectNode profile = defaultProfile();
    change.accept(profile);
    return Arguments.of(name, profile.toString(), problem);
  }

  private static String dup() {
    return "{\"name\":\"x\",\"version\":2,\"resources\":{\"Patient\":{\"gender\":\"keep\","
        + "\"gender\":\"remove\"}}}";
  }

  private static ObjectNode without(ObjectNode rules, String path) {
    rules.remove(path);
    return rules;
  }

  private static ObjectNode rules(ObjectNode profile, String type) {
    return profile.withObject("resources").withObject(type);
  }

  static ObjectNode defaultProfile() {
    try (InputStream in =
        PseudoProfileTest.class.getResourceAsStream(DeidentificationProfile.DEFAULT_RESOURCE)) {
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream stream(String json) {
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }
}
