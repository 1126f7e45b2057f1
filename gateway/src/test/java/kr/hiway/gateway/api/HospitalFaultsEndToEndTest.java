package kr.hiway.gateway.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.nimbusds.jose.jwk.RSAKey;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import kr.hiway.adapter.server.AdapterHost;
import kr.hiway.adapter.server.AdapterServlet;
import kr.hiway.adapter.server.Latency;
import kr.hiway.demo.simulator.SimulatedHospital;
import kr.hiway.demo.simulator.SyntheticPopulation;
import kr.hiway.gateway.account.PatientAccounts;
import kr.hiway.gateway.registry.HospitalRegistry;
import kr.hiway.gateway.testing.GatewayHttp;
import kr.hiway.gateway.testing.TestJwks;
import kr.hiway.gateway.testing.TestTokens;
import kr.hiway.vocabulary.Hospital;
import kr.hiway.vocabulary.LinkageToken;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Failing hospitals as a patient sees them through the whole gateway: a real simulated adapter that
 * answers, one WireMock hospital that answers too late, one that answers 500 and one that resets
 * the connection. The patient gets what did arrive, with one outcome issue per failure, within the
 * deadline; when every hospital asked fails, an error and never an empty result.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:faults;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
      "hiway.demo.enabled=false",
      // WireMock hospitals speak plain HTTP; the default configuration refuses to call them.
      "hiway.fanout.allow-plain-http=true",
      "hiway.fanout.per-hospital-timeout=1s",
      "hiway.fanout.overall-deadline=2s",
      "hiway.linkage.keys.good=" + HospitalFaultsEndToEndTest.KEY,
      "hiway.linkage.keys.slow=" + HospitalFaultsEndToEndTest.KEY,
      "hiway.linkage.keys.broken=" + HospitalFaultsEndToEndTest.KEY,
      "hiway.linkage.keys.reset=" + HospitalFaultsEndToEndTest.KEY
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HospitalFaultsEndToEndTest {

  @DynamicPropertySource
  static void signingKeys(DynamicPropertyRegistry registry) {
    TestJwks.register(registry); // the demo, off here, would otherwise provide them
  }

  static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

  @LocalServerPort int port;
  @Autowired HospitalRegistry registry;
  @Autowired PatientAccounts accounts;
  @Autowired RSAKey signingKey;

  AdapterHost good;
  WireMockServer slow;
  WireMockServer broken;
  WireMockServer reset;
  GatewayHttp api;
  String token;
  String patientId;

  @BeforeAll
  void start() throws Exception {
    Hospital goodHospital = new Hospital("good", "좋은병원", "Good Hospital", "Seoul", "Seoul");
    SyntheticPopulation population = SyntheticPopulation.generate(7, 20, List.of(goodHospital));
    LinkageToken linkage = LinkageToken.withKey(Base64.getDecoder().decode(KEY));
    good =
        AdapterHost.start(
            "127.0.0.1",
            List.of(
                new AdapterHost.Mount(
                    "good",
                    0,
                    new AdapterServlet(
                        FhirContext.forR4Cached(),
                        "good",
                        new SimulatedHospital(population, goodHospital, linkage),
                        Latency.NONE))));
    slow = wiremock();
    slow.stubFor(any(anyUrl()).willReturn(aResponse().withFixedDelay(3_000).withStatus(200)));
    broken = wiremock();
    broken.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
    reset = wiremock();
    reset.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    registry.register(goodHospital, good.baseUrl("good"));
    registry.register(hospital("slow"), URI.create(slow.baseUrl() + "/fhir"));
    registry.register(hospital("broken"), URI.create(broken.baseUrl() + "/fhir"));
    registry.register(hospital("reset"), URI.create(reset.baseUrl() + "/fhir"));
    patientId =
        accounts.createIfAbsent("faulty", "faulty", population.person(0).nationalId()).patientId();
    token = TestTokens.valid(signingKey, patientId).signed();
    api = new GatewayHttp("http://localhost:" + port);
  }

  @AfterAll
  void stop() throws Exception {
    good.close();
    slow.stop();
    broken.stop();
    reset.stop();
  }

  @Test
  void everythingWhenSomeHospitalsFailThenTheRestWithOneIssueEachWithinDeadline() throws Exception {
    long start = System.nanoTime();
    GatewayHttp.Answer answer = api.get("Patient/" + patientId + "/$everything", token);
    long tookMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(answer.status()).isEqualTo(200);
    assertThat(tookMs).isLessThan(2_500);
    Bundle bundle = answer.bundle();
    List<BundleEntryComponent> outcomes =
        bundle.getEntry().stream()
            .filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.OUTCOME)
            .toList();
    assertThat(outcomes).hasSize(1);
    OperationOutcome outcome = (OperationOutcome) outcomes.get(0).getResource();
    assertThat(outcome.getIssue())
        .extracting(
            i -> i.getDetails().getText() + "=" + i.getDetails().getCodingFirstRep().getCode())
        .containsExactlyInAnyOrder("slow=HIW-G020", "broken=HIW-G021", "reset=HIW-G021");
    // No hospital address reaches the patient, not even in the outcome.
    assertThat(answer.body().contains("127.0.0.1")).isFalse();
    assertThat(answer.body().contains(":" + slow.port() + "/")).isFalse();
    List<String> sources =
        bundle.getEntry().stream()
            .filter(e -> e.getSearch().getMode() != Bundle.SearchEntryMode.OUTCOME)
            .map(e -> e.getResource().getMeta().getSource())
            .distinct()
            .toList();
    assertThat(sources).containsExactly("urn:hiway:hospital:good");
  }

  @Test
  void searchWhenOnlyATimedOutHospitalIsAskedThen504() throws Exception {
    GatewayHttp.Answer answer =
        api.get("Observation?patient=" + patientId + "&_source=urn:hiway:hospital:slow", token);
    assertThat(answer.status()).isEqualTo(504);
    assertThat(answer.errorCode()).isEqualTo("HIW-G009");
  }

  @Test
  void searchWhenEveryHospitalAskedFailsThen503NotAnEmptyBundle() throws Exception {
    GatewayHttp.Answer answer =
        api.get("Observation?patient=" + patientId + "&_source=broken,reset", token);
    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.errorCode()).isEqualTo("HIW-G008");
  }

  private static WireMockServer wiremock() {
    WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
    server.start();
    return server;
  }

  private static Hospital hospital(String code) {
    return new Hospital(code, code, code, "Seoul", "Seoul");
  }
}
