package kr.hiway.gateway.fanout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static kr.hiway.gateway.fanout.WireHospital.everythingOf;
import static kr.hiway.gateway.fanout.WireHospital.observation;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.util.List;
import kr.hiway.gateway.fanout.HospitalResult.Answered;
import kr.hiway.gateway.fanout.HospitalResult.Failed;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A hospital read that meets a reset connection or a connection closed without an answer is asked
 * again (at most twice, inside the deadline); a timeout is not.
 */
class FanOutRetryTest extends ThreeHospitals {

  static final String EVERYTHING = "/fhir/Patient/P1/$everything";

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE"})
  @SuppressWarnings("unchecked")
  void fetchWhenFirstAnswerIsAResetThenAskedAgainAndAnsweredInFull(Fault fault) {
    b.server.stubFor(
        everythingOf("P1")
            .inScenario("reset once")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withFault(fault))
            .willSetStateTo("answered"));
    b.server.stubFor(
        everythingOf("P1")
            .inScenario("reset once")
            .whenScenarioStateIs("answered")
            .willReturn(
                WireHospital.fhirJson(
                    WireHospital.searchset(observation("o1", "P1"), observation("o2", "P1")))));

    List<HospitalResult<List<Resource>>> results = fetch();

    assertThat(results.get(1)).isInstanceOf(Answered.class);
    assertThat(((Answered<List<Resource>>) results.get(1)).released()).hasSize(2);
    b.server.verify(2, getRequestedFor(urlPathEqualTo(EVERYTHING)));
  }

  @Test
  void fetchWhenResetEveryTimeThenReportedAfterTwoRetriesWithinTheDeadline() {
    b.stub(everythingOf("P1"), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    long start = System.nanoTime();

    Failed failed = failedB(fetch());

    assertThat(failed.failure()).isEqualTo(Failure.UNAVAILABLE);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(DEADLINE);
    b.server.verify(3, getRequestedFor(urlPathEqualTo(EVERYTHING)));
  }

  @Test
  void fetchWhenTheHospitalTimesOutThenNotAskedAgain() {
    b.stub(everythingOf("P1"), aResponse().withFixedDelay(1500).withStatus(200));

    Failed failed = failedB(fetch());

    assertThat(failed.failure()).isEqualTo(Failure.TIMEOUT);
    b.server.verify(1, getRequestedFor(urlPathEqualTo(EVERYTHING)));
  }

  @Test
  void fetchWhenTheHospitalAnswers500ThenNotAskedAgain() {
    b.stub(everythingOf("P1"), aResponse().withStatus(500));

    assertThat(failedB(fetch()).failure()).isEqualTo(Failure.UNAVAILABLE);
    b.server.verify(1, getRequestedFor(urlPathEqualTo(EVERYTHING)));
  }
}
