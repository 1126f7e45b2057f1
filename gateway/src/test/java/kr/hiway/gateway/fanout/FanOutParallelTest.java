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
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import kr.hiway.gateway.fanout.HospitalResult.Answered;
import kr.hiway.vocabulary.LinkageToken;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** 47 hospitals (one WireMock behind 47 codes), each 500 ms slow: asked at once, not in turn. */
class FanOutParallelTest {

  @Test
  void fetchWhenFortySevenSlowHospitalsThenAskedInParallel() {
    WireMockServer server =
        new WireMockServer(wireMockConfig().dynamicPort().containerThreads(150));
    server.start();
    try (FanOut fanOut = new FanOut(WireHospital.FHIR, FanOutSettings.defaults())) {
      Patient patient = new Patient();
      patient.setId("P1");
      server.stubFor(
          get(urlPathEqualTo("/fhir/Patient"))
              .willReturn(fhirJson(searchset(patient)).withFixedDelay(250)));
      server.stubFor(
          get(urlPathEqualTo("/fhir/Patient/P1/$everything"))
              .willReturn(fhirJson(searchset(observation("o1", "P1"))).withFixedDelay(250)));
      List<HospitalTarget> targets = new ArrayList<>();
      for (int i = 0; i < 47; i++) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) i);
        targets.add(
            new HospitalTarget(
                "h" + i, URI.create(server.baseUrl() + "/fhir"), LinkageToken.withKey(key)));
      }
      // HAPI's first parse builds its model (seconds on a slow machine): not what is timed here.
      WireHospital.FHIR
          .newJsonParser()
          .parseResource(
              WireHospital.FHIR
                  .newJsonParser()
                  .encodeResourceToString(searchset(patient, observation("o1", "P1"))));
      long start = System.nanoTime();

      List<HospitalResult<List<Resource>>> results =
          fanOut.fetch(PERSON, targets, new Query.Everything(Set.of(), null));

      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      assertThat(results)
          .hasSize(47)
          .allMatch(r -> r instanceof Answered<List<Resource>> a && a.released().size() == 1);
      assertThat(results.get(46).hospitalCode()).isEqualTo("h46");
      assertThat(
              ((Answered<List<Resource>>) results.get(46))
                  .released()
                  .get(0)
                  .getIdElement()
                  .getIdPart())
          .isEqualTo("h46.o1");
      // In turn it would take 47 x 500 ms.
      assertThat(elapsed).as("time for all 47").isLessThan(Duration.ofMillis(3000));
    } finally {
      server.stop();
    }
  }
}
