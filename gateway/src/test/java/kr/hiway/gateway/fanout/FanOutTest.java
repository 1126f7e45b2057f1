package kr.hiway.gateway.fanout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static kr.hiway.gateway.fanout.WireHospital.PERSON;
import static kr.hiway.gateway.fanout.WireHospital.condition;
import static kr.hiway.gateway.fanout.WireHospital.encounter;
import static kr.hiway.gateway.fanout.WireHospital.everythingOf;
import static kr.hiway.gateway.fanout.WireHospital.fhirJson;
import static kr.hiway.gateway.fanout.WireHospital.observation;
import static kr.hiway.gateway.fanout.WireHospital.searchset;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import kr.hiway.gateway.fanout.HospitalResult.Answered;
import kr.hiway.vocabulary.LinkageToken;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Specimen;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fan-out over three well-behaved hospitals. */
class FanOutTest {

  static WireHospital snuh;
  static WireHospital amc;
  static WireHospital smc;
  FanOut fanOut;

  @BeforeAll
  static void startHospitals() {
    snuh = new WireHospital("snuh");
    amc = new WireHospital("amc");
    smc = new WireHospital("smc");
  }

  @AfterAll
  static void stopHospitals() {
    Stream.of(snuh, amc, smc).forEach(WireHospital::close);
  }

  @BeforeEach
  void setUp() {
    Stream.of(snuh, amc, smc).forEach(h -> h.server.resetAll());
    fanOut = new FanOut(WireHospital.FHIR, FanOutSettings.defaults());
  }

  @AfterEach
  void tearDown() {
    fanOut.close();
    // Whatever a test did, no hospital may have seen the national identifier.
    for (WireHospital h : List.of(snuh, amc, smc)) {
      h.received()
          .forEach(e -> {
            String seen =
                e.getRequest().getAbsoluteUrl()
                    + e.getRequest().getHeaders()
                    + e.getRequest().getBodyAsString();
            assertThat(seen).doesNotContain("9001011234567", "900101-1234567", "1234567");
          });
    }
  }

  List<HospitalTarget> targets() {
    return List.of(snuh.target(), amc.target(), smc.target());
  }

  /** snuh: three pages; amc and smc: one page each. */
  void everyoneAnswers() {
    snuh.links("P1");
    Patient self = WireHospital.patient("P1", snuh.token());
    Observation o1 = observation("O1", "P1");
    o1.setEncounter(new Reference("Encounter/E1"));
    o1.addPerformer(
        new Reference("http://elsewhere.example/fhir/Practitioner/9").setDisplay("Dr Kim"));
    Specimen specimen = new Specimen();
    specimen.setId("spec1");
    specimen.setSubject(new Reference("Patient/P1"));
    o1.addContained(specimen);
    o1.setSpecimen(new Reference("#spec1"));
    Condition c1 = condition("C1", "P1");
    c1.setEncounter(new Reference("Encounter/E1"));
    AllergyIntolerance a1 = new AllergyIntolerance().setPatient(new Reference("Patient/P1"));
    a1.setId("A1");
    Immunization i1 = new Immunization().setPatient(new Reference("Patient/P1"));
    i1.setId("I1");
    i1.setStatus(Immunization.ImmunizationStatus.COMPLETED);
    i1.getVaccineCode().setText("flu");
    snuh.everything(
        "P1",
        List.of(
            List.of(self, encounter("E1", "P1"), o1),
            List.of(c1, a1),
            List.of(i1, observation("O2", "P1"))));
    amc.links("9876");
    amc.everything("9876", List.of(List.of(observation("obs-1", "9876"))));
    smc.links("x.y");
    smc.everything("x.y", List.of(List.of(condition("c-1", "x.y"))));
  }

  @Test
  void fetchWhenAllAnswerThenMergedAndRewrittenInTargetOrder() {
    everyoneAnswers();

    List<HospitalResult<List<Resource>>> results =
        fanOut.fetch(PERSON, targets(), new Query.Everything(Set.of(), null));

    assertThat(results)
        .extracting(HospitalResult::hospitalCode)
        .containsExactly("snuh", "amc", "smc");
    assertThat(results).allMatch(r -> r instanceof Answered);
    List<Resource> fromSnuh = ((Answered<List<Resource>>) results.get(0)).released();
    assertThat(fromSnuh)
        .extracting(r -> r.getIdElement().getValue())
        .containsExactly(
            "Patient/snuh.P1",
            "Encounter/snuh.E1",
            "Observation/snuh.O1",
            "Condition/snuh.C1",
            "AllergyIntolerance/snuh.A1",
            "Immunization/snuh.I1",
            "Observation/snuh.O2");
    assertThat(fromSnuh).allMatch(r -> r.getMeta().getSource().equals("urn:hiway:hospital:snuh"));
    assertThat(((Answered<List<Resource>>) results.get(1)).released())
        .extracting(r -> r.getIdElement().getIdPart())
        .containsExactly("amc.obs-1");
    assertThat(((Answered<List<Resource>>) results.get(2)).released())
        .extracting(r -> r.getIdElement().getIdPart())
        .containsExactly("smc.c-1");
  }

  @Test
  void fetchWhenAnsweredThenReferencesRewrittenAndLinkageRemoved() {
    everyoneAnswers();

    List<Resource> fromSnuh =
        ((Answered<List<Resource>>)
                fanOut.fetch(PERSON, targets(), new Query.Everything(Set.of(), null)).get(0))
            .released();

    Patient self = (Patient) fromSnuh.get(0);
    assertThat(self.getIdentifier())
        .extracting(i -> i.getSystem())
        .containsExactly(WireHospital.MRN_SYSTEM);
    assertRecordsRewritten(fromSnuh.subList(1, fromSnuh.size()));
    String json = WireHospital.FHIR.newJsonParser().encodeResourceToString(self);
    assertThat(json).doesNotContain(LinkageToken.SYSTEM, snuh.token());
  }

  /** Answered as JSON: the same rewriting, the records as their final JSON. */
  @Test
  void fetchWhenEncodedThenRecordsRewrittenAsJson() {
    everyoneAnswers();

    List<ReleasedRecord> fromSnuh =
        ((Answered<List<ReleasedRecord>>)
                fanOut
                    .fetch(
                        PERSON,
                        targets(),
                        new Query.Everything(Set.of(), null),
                        AnswerForm.JSON,
                        (code, records) -> records)
                    .get(0))
            .released();

    assertThat(fromSnuh.get(0))
        .isInstanceOfSatisfying(
            ReleasedRecord.Parsed.class, p -> assertThat(p.resource()).isInstanceOf(Patient.class));
    List<String> texts = new java.util.ArrayList<>();
    List<Resource> records = new java.util.ArrayList<>();
    for (ReleasedRecord record : fromSnuh.subList(1, fromSnuh.size())) {
      ReleasedRecord.Encoded encoded = (ReleasedRecord.Encoded) record;
      String text = new String(encoded.json(), java.nio.charset.StandardCharsets.UTF_8);
      texts.add(text);
      records.add((Resource) WireHospital.FHIR.newJsonParser().parseResource(text));
      assertThat(encoded.id()).startsWith("snuh.");
    }
    assertThat(texts)
        .allSatisfy(t -> assertThat(t).doesNotContain(LinkageToken.SYSTEM, snuh.token()));
    assertRecordsRewritten(records);
  }

  /** What either way of answering does to snuh's records (its Patient left out). */
  private static void assertRecordsRewritten(List<Resource> records) {
    Observation o1 = (Observation) records.get(1);
    assertThat(o1.getIdPart()).isEqualTo("snuh.O1");
    assertThat(o1.getMeta().getSource()).isEqualTo("urn:hiway:hospital:snuh");
    assertThat(o1.getSubject().getReference()).isEqualTo("Patient/gw-1");
    assertThat(o1.getEncounter().getReference()).isEqualTo("Encounter/snuh.E1");
    assertThat(o1.getPerformerFirstRep().hasReference()).isFalse();
    assertThat(o1.getPerformerFirstRep().getDisplay()).isEqualTo("Dr Kim");
    assertThat(o1.getSpecimen().getReference()).isEqualTo("#spec1");
    assertThat(((Specimen) o1.getContained().get(0)).getSubject().getReference())
        .isEqualTo("Patient/gw-1");
    assertThat(((Condition) records.get(2)).getEncounter().getReference())
        .isEqualTo("Encounter/snuh.E1");
    assertThat(((AllergyIntolerance) records.get(3)).getPatient().getReference())
        .isEqualTo("Patient/gw-1");
  }

  @Test
  void fetchWhenPagedThenEveryPageFollowed() {
    everyoneAnswers();

    fanOut.fetch(PERSON, targets(), new Query.Everything(Set.of(), null));

    snuh.server.verify(3, getRequestedFor(urlPathEqualTo("/fhir/Patient/P1/$everything")));
    snuh.server.verify(
        getRequestedFor(urlPathEqualTo("/fhir/Patient/P1/$everything"))
            .withQueryParam("_count", equalTo("500")));
    snuh.server.verify(
        getRequestedFor(urlPathEqualTo("/fhir/Patient/P1/$everything"))
            .withQueryParam("_offset", equalTo("1000")));
  }

  @Test
  void fetchWhenAskedTwiceThenLinkageLookedUpOnce() {
    everyoneAnswers();

    fanOut.fetch(PERSON, targets(), new Query.Everything(Set.of(), null));
    List<HospitalResult<List<Resource>>> second =
        fanOut.fetch(PERSON, targets(), new Query.Everything(Set.of(), null));

    assertThat(second)
        .allMatch(r -> r instanceof Answered<List<Resource>> a && !a.released().isEmpty());
    for (WireHospital h : List.of(snuh, amc, smc)) {
      h.server.verify(1, getRequestedFor(urlPathEqualTo("/fhir/Patient")));
    }
  }

  @Test
  void fetchWhenNotAPatientThereThenAnsweredEmptyWithoutRecordCall() {
    everyoneAnswers();
    amc.server.resetAll();
    amc.linksNobody();

    List<HospitalResult<List<Resource>>> results =
        fanOut.fetch(PERSON, targets(), new Query.Everything(Set.of(), null));

    assertThat(results.get(1)).isEqualTo(new Answered("amc", List.of()));
    assertThat(results.get(0)).isInstanceOf(Answered.class);
    amc.server.verify(0, getRequestedFor(urlPathMatching("/fhir/Patient/.+")));
    amc.server.verify(1, anyRequestedFor(anyUrl()));
  }

  @Test
  void fetchWhenTypesGivenThenPassedAsTypeAndSince() {
    everyoneAnswers();

    fanOut.fetch(
        PERSON,
        List.of(amc.target()),
        new Query.Everything(
            Set.of(RecordType.OBSERVATION, RecordType.CONDITION),
            java.time.Instant.parse("2024-01-02T03:04:05Z")));

    amc.server.verify(
        getRequestedFor(urlPathEqualTo("/fhir/Patient/9876/$everything"))
            .withQueryParam("_type", equalTo("Patient,Condition,Observation"))
            .withQueryParam("_since", equalTo("2024-01-02T03:04:05Z")));
  }

  @Test
  void fetchWhenSearchThenParamsPassedEncodedAndTypeChecked() {
    amc.links("9876");
    amc.stub(
        get(urlPathEqualTo("/fhir/Observation")),
        fhirJson(searchset(observation("obs-1", "9876"), observation("obs-2", "9876"))));

    List<HospitalResult<List<Resource>>> results =
        fanOut.fetch(
            PERSON,
            List.of(amc.target()),
            new Query.Search(
                RecordType.OBSERVATION,
                Map.of(
                    "code", List.of("http://loinc.org|8867-4,urn:x|a b"),
                    "date", List.of("ge2020-01-01", "lt2021-01-01"))));

    assertThat(((Answered<List<Resource>>) results.get(0)).released()).hasSize(2);
    amc.server.verify(
        getRequestedFor(urlPathEqualTo("/fhir/Observation"))
            .withQueryParam("patient", equalTo("9876"))
            .withQueryParam("code", equalTo("http://loinc.org|8867-4,urn:x|a b"))
            .withQueryParam("date", equalTo("ge2020-01-01"))
            .withQueryParam("date", equalTo("lt2021-01-01"))
            .withQueryParam("_count", equalTo("500")));
  }

  @Test
  void fetchWhenDemographicsThenOwnPatientWithoutToken() {
    everyoneAnswers();

    List<HospitalResult<List<Resource>>> results =
        fanOut.fetch(PERSON, targets(), new Query.Demographics());

    Patient p = (Patient) ((Answered<List<Resource>>) results.get(0)).released().get(0);
    assertThat(p.getIdElement().getIdPart()).isEqualTo("snuh.P1");
    assertThat(p.getIdentifier()).extracting(i -> i.getValue()).containsExactly("MRN-P1");
    snuh.server.verify(0, getRequestedFor(urlPathMatching("/fhir/Patient/.+")));
  }

  @Test
  void fetchWhenCachedIdIsStaleThenLinkageResolvedAgain() {
    everyoneAnswers();
    fanOut.fetch(PERSON, List.of(amc.target()), new Query.Everything(Set.of(), null));
    // amc has renumbered the patient: the old id is gone.
    amc.server.resetAll();
    amc.links("9877");
    amc.stub(everythingOf("9876"), aResponse().withStatus(404));
    amc.everything("9877", List.of(List.of(observation("obs-7", "9877"))));

    List<HospitalResult<List<Resource>>> results =
        fanOut.fetch(PERSON, List.of(amc.target()), new Query.Everything(Set.of(), null));

    assertThat(((Answered<List<Resource>>) results.get(0)).released())
        .extracting(r -> r.getIdElement().getIdPart())
        .containsExactly("amc.obs-7");
    amc.server.verify(1, getRequestedFor(urlPathEqualTo("/fhir/Patient")));
  }

  @Test
  void fetchWhenAnyQueryThenNationalIdNeverSentNorTokenLogged() {
    everyoneAnswers();
    try (LogCapture logs = LogCapture.of("kr.hiway.gateway.fanout")) {
      fanOut.fetch(PERSON, targets(), new Query.Everything(Set.of(), null));
      fanOut.fetch(PERSON, targets(), new Query.Demographics());
      fanOut.read(PERSON, snuh.target(), RecordType.OBSERVATION, "O1");

      assertThat(String.join("\n", logs.lines()))
          .doesNotContain("1234567", snuh.token(), amc.token(), smc.token());
    }
    // tearDown checks every request every hospital received.
    assertThat(snuh.received()).isNotEmpty();
    assertThat(snuh.received()).anyMatch(e -> e.getRequest().getUrl().contains(snuh.token()));
  }
}
