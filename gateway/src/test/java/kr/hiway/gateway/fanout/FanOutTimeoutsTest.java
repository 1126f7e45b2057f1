package kr.hiway.gateway.fanout;

import static kr.hiway.gateway.fanout.WireHospital.fhirJson;
import static kr.hiway.gateway.fanout.WireHospital.observation;
import static kr.hiway.gateway.fanout.WireHospital.searchset;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import kr.hiway.gateway.fanout.HospitalResult.Failed;
import org.junit.jupiter.api.Test;

/** Slow hospitals are cut off in time, and {@code fetch} returns by its deadline. */
class FanOutTimeoutsTest extends ThreeHospitals {

  @Test
  void fetchWhenHospitalDelaysPastTimeoutThenTimeout() {
    long start = System.nanoTime();
    Failed failed = whenBAnswers(fhirJson(searchset()).withFixedDelay(5000));

    assertThat(failed.failure()).isEqualTo(Failure.TIMEOUT);
    assertThat(failed.detail()).isEqualTo("timed out after 1000 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
  }

  @Test
  void fetchWhenHospitalDripsPastDeadlineThenTimeoutWithinDeadline() {
    String body =
        WireHospital.FHIR
            .newJsonParser()
            .encodeResourceToString(searchset(observation("o1", "P1")));
    long start = System.nanoTime();

    Failed failed = whenBAnswers(fhirJson(body).withChunkedDribbleDelay(20, 6000));

    assertThat(failed.failure()).isEqualTo(Failure.TIMEOUT);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plusMillis(500));
  }

  @Test
  void fetchWhenHospitalSlowerThanOverallDeadlineThenFetchReturnsByDeadline() {
    use(FanOutSettings.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(800)));
    long start = System.nanoTime();

    Failed failed = whenBAnswers(fhirJson(searchset()).withFixedDelay(4000));

    assertThat(failed.failure()).isEqualTo(Failure.TIMEOUT);
    assertThat(failed.detail()).isEqualTo("no answer within the 800 ms deadline");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1200));
  }
}
