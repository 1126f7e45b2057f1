package kr.hiway.gateway.fanout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static kr.hiway.gateway.fanout.WireHospital.everythingOf;
import static kr.hiway.gateway.fanout.WireHospital.observation;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.List;
import kr.hiway.gateway.fanout.HospitalResult.Answered;
import kr.hiway.gateway.fanout.HospitalResult.Failed;
import org.junit.jupiter.api.Test;

/** Each hospital's circuit breaker: what trips it, and what an open one does. */
class FanOutCircuitBreakerTest extends ThreeHospitals {

  @Test
  void fetchWhenHospitalKeepsFailingThenCircuitOpensAndItIsNotCalled() {
    use(
        FanOutSettings.defaults()
            .withTimeouts(TIMEOUT, DEADLINE)
            .withBreaker(
                CircuitBreakerConfig.custom()
                    .slidingWindowSize(4)
                    .minimumNumberOfCalls(4)
                    .failureRateThreshold(50)
                    .waitDurationInOpenState(Duration.ofMinutes(5))
                    .build()));
    b.stub(everythingOf("P1"), aResponse().withStatus(500));

    for (int i = 0; i < 4; i++) {
      assertThat(failedB(fetch()).failure()).isEqualTo(Failure.UNAVAILABLE);
    }
    Failed open = failedB(fetch());

    assertThat(open.failure()).isEqualTo(Failure.CIRCUIT_OPEN);
    b.server.verify(4, getRequestedFor(urlPathEqualTo("/fhir/Patient/P1/$everything")));
    b.server.verify(1, getRequestedFor(urlPathEqualTo("/fhir/Patient")));
  }

  @Test
  void fetchWhenHospitalRefusesRepeatedlyThenCircuitStaysClosed() {
    use(
        FanOutSettings.defaults()
            .withTimeouts(TIMEOUT, DEADLINE)
            .withBreaker(
                CircuitBreakerConfig.custom()
                    .slidingWindowSize(4)
                    .minimumNumberOfCalls(4)
                    .build()));
    b.stub(everythingOf("P1"), aResponse().withStatus(400));

    for (int i = 0; i < 8; i++) {
      assertThat(failedB(fetch()).failure()).isEqualTo(Failure.REFUSED);
    }
  }

  @Test
  void fetchWhenOpenCircuitWaitedOutAndHospitalRecoveredThenAnsweredAgain() throws Exception {
    use(
        FanOutSettings.defaults()
            .withTimeouts(TIMEOUT, DEADLINE)
            .withBreaker(
                CircuitBreakerConfig.custom()
                    .slidingWindowSize(2)
                    .minimumNumberOfCalls(2)
                    .waitDurationInOpenState(Duration.ofMillis(300))
                    .permittedNumberOfCallsInHalfOpenState(1)
                    .build()));
    b.stub(everythingOf("P1"), aResponse().withStatus(503));
    failedB(fetch());
    failedB(fetch());
    assertThat(failedB(fetch()).failure()).isEqualTo(Failure.CIRCUIT_OPEN);

    b.everything("P1", List.of(List.of(observation("o1", "P1"))));
    Thread.sleep(400);

    assertThat(fetch().get(1)).isInstanceOf(Answered.class);
    assertThat(fetch().get(1)).isInstanceOf(Answered.class);
  }

  @Test
  void fetchWhenHospitalTimesOutWithItsFullBudgetThenCircuitOpens() {
    use(smallBreaker(Duration.ofMillis(300), Duration.ofMillis(2000)));
    b.stub(everythingOf("P1"), aResponse().withFixedDelay(1000).withStatus(200));

    for (int i = 0; i < 4; i++) {
      assertThat(failedB(fetch()).failure()).isEqualTo(Failure.TIMEOUT);
    }

    assertThat(failedB(fetch()).failure()).isEqualTo(Failure.CIRCUIT_OPEN);
  }

  @Test
  void fetchWhenRequestDeadlineCutsTheExchangeShortThenItDoesNotCountAgainstTheHospital() {
    // The request's own deadline (200 ms) ends the exchange long before the hospital's 2 s: the
    // gateway gave up, the hospital was not given its chance.
    use(smallBreaker(Duration.ofMillis(2000), Duration.ofMillis(200)));
    b.stub(everythingOf("P1"), aResponse().withFixedDelay(1000).withStatus(200));

    for (int i = 0; i < 8; i++) {
      assertThat(failedB(fetch()).failure()).isEqualTo(Failure.TIMEOUT);
    }
  }

  private static FanOutSettings smallBreaker(Duration perHospital, Duration overall) {
    return FanOutSettings.defaults()
        .withTimeouts(perHospital, overall)
        .withBreaker(
            CircuitBreakerConfig.custom()
                .slidingWindowSize(4)
                .minimumNumberOfCalls(4)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofMinutes(5))
                .build());
  }
}
