package kr.hiway.gateway.fanout;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static kr.hiway.gateway.fanout.WireHospital.PERSON;
import static kr.hiway.gateway.fanout.WireHospital.fhirJson;
import static kr.hiway.gateway.fanout.WireHospital.observation;
import static kr.hiway.gateway.fanout.WireHospital.searchset;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kr.hiway.gateway.fanout.HospitalResult.Answered;
import kr.hiway.vocabulary.LinkageToken;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** One hospital asked by many requests at once: at most eight exchanges with it in flight. */
class FanOutInFlightTest {

  @Test
  void fetchWhenTwentyFourAtOnceThenEightInFlightAndTheRestWait() throws Exception {
    WireMockServer server =
        new WireMockServer(wireMockConfig().dynamicPort().containerThreads(100));
    server.start();
    try (FanOut fanOut = new FanOut(WireHospital.FHIR, FanOutSettings.defaults())) {
      Patient patient = new Patient();
      patient.setId("P1");
      server.stubFor(get(urlPathEqualTo("/fhir/Patient")).willReturn(fhirJson(searchset(patient))));
      server.stubFor(
          get(urlPathEqualTo("/fhir/Patient/P1/$everything"))
              .willReturn(fhirJson(searchset(observation("o1", "P1"))).withFixedDelay(400)));
      HospitalTarget hospital =
          new HospitalTarget(
              "slow", URI.create(server.baseUrl() + "/fhir"), LinkageToken.withKey(new byte[32]));
      Query everything = new Query.Everything(Set.of(), null);
      fanOut.fetch(PERSON, List.of(hospital), everything); // linkage cached, model built
      long start = System.nanoTime();
      List<Future<List<HospitalResult<List<Resource>>>>> results = new ArrayList<>();
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < 24; i++) {
          results.add(pool.submit(() -> fanOut.fetch(PERSON, List.of(hospital), everything)));
        }
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      for (Future<List<HospitalResult<List<Resource>>>> r : results) {
        assertThat(r.get()).singleElement().isInstanceOf(Answered.class);
      }
      // All at once would take one delay; eight at a time takes three.
      assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(3 * 400));
    } finally {
      server.stop();
    }
  }
}
