package kr.hiway.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** {@link JsonFirst}: which entries become skeletons, and what a skeleton holds. */
class JsonFirstTest {

  static final FhirContext FHIR = FhirContext.forR4Cached();

  /** What the page read last holds beside its skeletons. */
  final Map<Resource, JsonFirst.Skeleton> skeletons = new IdentityHashMap<>();

  static final String OBSERVATION =
      "{\"resourceType\":\"Observation\",\"id\":\"%s\",\"status\":\"final\","
          + "\"code\":{\"text\":\"glucose\"},\"subject\":{\"reference\":\"Patient/P1\"}}";

  @Test
  void pageWhenPlainEntriesThenSkeletonsWithIdOwnerAndJsonOnly() throws Exception {
    Bundle page =
        page(
            "{\"resource\":" + OBSERVATION.formatted("o1") + "}",
            "{\"fullUrl\":\"https://h.example/fhir/Immunization/i1\",\"resource\":{"
                + "\"resourceType\":\"Immunization\",\"id\":\"i1\",\"status\":\"completed\","
                + "\"vaccineCode\":{\"text\":\"flu\"},\"patient\":{\"reference\":\"Patient/P1\"},"
                + "\"occurrenceDateTime\":\"2024-10-01\"}}");

    Observation o = (Observation) page.getEntry().get(0).getResource();
    assertThat(o.getIdElement().getIdPart()).isEqualTo("o1");
    assertThat(o.getSubject().getReference()).isEqualTo("Patient/P1");
    assertThat(o.hasCode()).isFalse(); // no model built
    assertThat(o.hasStatus()).isFalse();
    assertThat(skeletons.get(o).json().path("code").path("text").asText()).isEqualTo("glucose");
    Immunization i = (Immunization) page.getEntry().get(1).getResource();
    assertThat(i.getPatient().getReference()).isEqualTo("Patient/P1");
    assertThat(i.hasVaccineCode()).isFalse();
    assertThat(skeletons.get(i)).isNotNull();
  }

  @Test
  void pageWhenEntriesNotPlainThenHapiModels() throws Exception {
    Bundle page =
        page(
            "{\"fullUrl\":\"https://h.example/fhir/Observation/o9\",\"resource\":"
                + OBSERVATION.formatted("o1")
                + "}",
            "{\"search\":{\"mode\":\"outcome\"},\"resource\":"
                + "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"warning\","
                + "\"code\":\"informational\"}]}}",
            "{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"P1\"}}",
            "{\"resource\":" + OBSERVATION.formatted("bad id!") + "}");

    Observation overridden = (Observation) page.getEntry().get(0).getResource();
    assertThat(overridden.getIdElement().getIdPart()).isEqualTo("o9"); // HAPI's fullUrl rule
    assertThat(overridden.hasCode()).isTrue();
    assertThat(skeletons).doesNotContainKey(overridden);
    assertThat(page.getEntry().get(1).getSearch().getMode())
        .isEqualTo(Bundle.SearchEntryMode.OUTCOME);
    assertThat(page.getEntry().get(2).getResource()).isInstanceOf(Patient.class);
    assertThat(((Observation) page.getEntry().get(3).getResource()).hasCode()).isTrue();
  }

  @Test
  void modelWhenSkeletonThenHapisReadingOfTheSentBytesEvenAfterTheJsonChanged() throws Exception {
    Bundle page = page("{\"resource\":" + OBSERVATION.formatted("o1") + "}");
    Observation skeleton = (Observation) page.getEntry().get(0).getResource();
    skeletons.get(skeleton).json().put("status", "changed");

    Observation model = (Observation) skeletons.get(skeleton).model(FHIR);

    assertThat(model.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);
    assertThat(model.getCode().getText()).isEqualTo("glucose");
  }

  @Test
  void modelWhenRecordHapiRefusesThenInvalid() throws Exception {
    Bundle page =
        page(
            "{\"resource\":" + OBSERVATION.formatted("o1").replace("\"final\"", "\"bogus\"") + "}");

    assertThatThrownBy(() -> skeletons.get(page.getEntry().get(0).getResource()).model(FHIR))
        .isInstanceOfSatisfying(
            HospitalFailure.class,
            f -> assertThat(f.failure()).isEqualTo(Failure.INVALID_RESPONSE));
  }

  @Test
  void pageWhenShellInvalidThenInvalid() {
    assertThatThrownBy(() ->
            JsonFirst.page(
                FHIR,
                answer(
                    "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"foo\":1,"
                        + "\"entry\":[{\"resource\":"
                        + OBSERVATION.formatted("o1")
                        + "}]}"),
                skeletons))
        .isInstanceOf(HospitalFailure.class);
  }

  private Bundle page(String... entries) throws HospitalFailure {
    return JsonFirst.page(
        FHIR,
        answer(
            "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":["
                + String.join(",", entries)
                + "]}"),
        skeletons);
  }

  private static HospitalHttp.Answer answer(String body) {
    return new HospitalHttp.Answer(
        200, Optional.of("application/fhir+json"), body.getBytes(StandardCharsets.UTF_8));
  }
}
