package kr.hiway.gateway.fanout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static kr.hiway.gateway.fanout.WireHospital.PERSON;
import static kr.hiway.gateway.fanout.WireHospital.fhirJson;
import static kr.hiway.gateway.fanout.WireHospital.observation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reading one record by its hospital-local id. */
class FanOutReadTest {

  static WireHospital amc;
  static WireHospital smc;
  FanOut fanOut;

  @BeforeAll
  static void startHospitals() {
    amc = new WireHospital("amc");
    smc = new WireHospital("smc");
  }

  @AfterAll
  static void stopHospitals() {
    Stream.of(amc, smc).forEach(WireHospital::close);
  }

  @BeforeEach
  void setUp() {
    Stream.of(amc, smc).forEach(h -> h.server.resetAll());
    fanOut = new FanOut(WireHospital.FHIR, FanOutSettings.defaults());
  }

  @AfterEach
  void tearDown() {
    fanOut.close();
  }

  @Test
  void readWhenRecordIsThePatientsThenRewritten() {
    amc.links("9876");
    Observation o = observation("obs-1", "9876");
    o.setEncounter(new Reference("Encounter/enc-1"));
    amc.stub(get(urlPathEqualTo("/fhir/Observation/obs-1")), fhirJson(o));

    Resource read =
        fanOut.read(PERSON, amc.target(), RecordType.OBSERVATION, "obs-1").orElseThrow();

    assertThat(read.getIdElement().getIdPart()).isEqualTo("amc.obs-1");
    assertThat(read.getMeta().getSource()).isEqualTo("urn:hiway:hospital:amc");
    assertThat(((Observation) read).getSubject().getReference()).isEqualTo("Patient/gw-1");
    assertThat(((Observation) read).getEncounter().getReference()).isEqualTo("Encounter/amc.enc-1");
  }

  @Test
  void readWhenRecordIsAnotherPatientsThenEmpty() {
    amc.links("9876");
    amc.stub(
        get(urlPathEqualTo("/fhir/Observation/obs-9")), fhirJson(observation("obs-9", "1111")));

    assertThat(fanOut.read(PERSON, amc.target(), RecordType.OBSERVATION, "obs-9")).isEmpty();
  }

  @Test
  void readWhenAbsentOrNotAPatientThenEmpty() {
    amc.links("9876");
    amc.stub(get(urlPathEqualTo("/fhir/Encounter/nope")), aResponse().withStatus(404));
    smc.linksNobody();

    assertThat(fanOut.read(PERSON, amc.target(), RecordType.ENCOUNTER, "nope")).isEmpty();
    assertThat(fanOut.read(PERSON, smc.target(), RecordType.ENCOUNTER, "e1")).isEmpty();
    assertThat(fanOut.read(PERSON, amc.target(), RecordType.ENCOUNTER, "../x")).isEmpty();
    smc.server.verify(1, anyRequestedFor(anyUrl()));
  }

  @Test
  void readWhenWrongTypeAnsweredThenFails() {
    amc.links("9876");
    amc.stub(get(urlPathEqualTo("/fhir/Encounter/e1")), fhirJson(observation("e1", "9876")));

    assertThatThrownBy(() -> fanOut.read(PERSON, amc.target(), RecordType.ENCOUNTER, "e1"))
        .isInstanceOfSatisfying(
            FanOutException.class,
            e -> assertThat(e.failure()).isEqualTo(Failure.INVALID_RESPONSE));
  }

  @Test
  void readWhenCachedLinkageIsStaleThenJudgedByAFreshOne() {
    amc.links("9876");
    amc.stub(
        get(urlPathEqualTo("/fhir/Observation/obs-1")), fhirJson(observation("obs-1", "9876")));
    assertThat(fanOut.read(PERSON, amc.target(), RecordType.OBSERVATION, "obs-1")).isPresent();
    // amc has renumbered the patient since.
    amc.server.resetAll();
    amc.links("9877");
    amc.stub(
        get(urlPathEqualTo("/fhir/Observation/obs-2")), fhirJson(observation("obs-2", "9877")));

    assertThat(fanOut.read(PERSON, amc.target(), RecordType.OBSERVATION, "obs-2")).isPresent();
    amc.server.verify(1, getRequestedFor(urlPathEqualTo("/fhir/Patient")));
  }

  @Test
  void readWhenHospitalFailsThenExceptionWithoutSecrets() {
    amc.links("9876");
    amc.stub(get(urlPathEqualTo("/fhir/Observation/obs-1")), aResponse().withStatus(503));

    assertThatThrownBy(() -> fanOut.read(PERSON, amc.target(), RecordType.OBSERVATION, "obs-1"))
        .isInstanceOfSatisfying(
            FanOutException.class,
            e -> {
              assertThat(e.failure()).isEqualTo(Failure.UNAVAILABLE);
              assertThat(e.hospitalCode()).isEqualTo("amc");
              assertThat(e.getMessage()).isEqualTo("hospital amc: answered 503");
            });
  }
}
