package kr.hiway.gateway.fanout;

import static kr.hiway.gateway.fanout.WireHospital.PERSON;
import static kr.hiway.gateway.fanout.WireHospital.everythingOf;
import static kr.hiway.gateway.fanout.WireHospital.observation;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import kr.hiway.gateway.fanout.HospitalResult.Answered;
import kr.hiway.gateway.fanout.HospitalResult.Failed;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Three WireMock hospitals where the person is patient {@code P1} with two Observations; tests make
 * {@code b} misbehave. A fresh {@link FanOut} (so fresh cache and breakers) per test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ThreeHospitals {

  static final Duration TIMEOUT = Duration.ofMillis(1000);
  static final Duration DEADLINE = Duration.ofMillis(2000);
  static final Query EVERYTHING = new Query.Everything(Set.of(), null);

  WireHospital a;
  WireHospital b;
  WireHospital c;
  FanOut fanOut;

  @BeforeAll
  void startHospitals() {
    a = new WireHospital("a");
    b = new WireHospital("b");
    c = new WireHospital("c");
  }

  @AfterAll
  void stopHospitals() {
    Stream.of(a, b, c).forEach(WireHospital::close);
  }

  @BeforeEach
  void setUp() {
    for (WireHospital h : List.of(a, b, c)) {
      h.server.resetAll();
      h.links("P1");
      h.everything("P1", List.of(List.of(observation("o1", "P1"), observation("o2", "P1"))));
    }
    fanOut =
        new FanOut(WireHospital.FHIR, FanOutSettings.defaults().withTimeouts(TIMEOUT, DEADLINE));
  }

  @AfterEach
  void tearDown() {
    fanOut.close();
  }

  void use(FanOutSettings settings) {
    fanOut.close();
    fanOut = new FanOut(WireHospital.FHIR, settings);
  }

  List<HospitalResult<List<Resource>>> fetch() {
    return fanOut.fetch(PERSON, List.of(a.target(), b.target(), c.target()), EVERYTHING);
  }

  /** b's $everything answers so; gives b's result after checking that a and c answered. */
  Failed whenBAnswers(ResponseDefinitionBuilder response) {
    b.stub(everythingOf("P1"), response);
    return failedB(fetch());
  }

  Failed failedB(List<HospitalResult<List<Resource>>> results) {
    assertThat(results).hasSize(3);
    assertThat(results.get(0))
        .isInstanceOfSatisfying(Answered.class, r -> assertThat((List<?>) r.released()).hasSize(2));
    assertThat(results.get(2))
        .isInstanceOfSatisfying(Answered.class, r -> assertThat((List<?>) r.released()).hasSize(2));
    assertThat(results.get(1)).isInstanceOf(Failed.class);
    Failed failed = (Failed) results.get(1);
    assertThat(failed.hospitalCode()).isEqualTo("b");
    // Client-safe: no URL, host, port, token or id.
    assertThat(failed.detail())
        .doesNotContain(
            "http", "127.0.0.1", "localhost", String.valueOf(b.server.port()), b.token(), "P1");
    return failed;
  }
}
