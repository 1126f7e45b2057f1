package kr.hiway.adapter.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import kr.hiway.adapter.server.AdapterHost;
import kr.hiway.adapter.server.AdapterServlet;
import kr.hiway.adapter.server.Latency;
import kr.hiway.adapter.source.HospitalSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kit fails adapters that break the contract, names the checks that failed and says why, and
 * passes the rest: each broken adapter is the sound JDBC example with one fault.
 */
class BrokenAdapterConformanceTest {

  static Stream<Arguments> faults() {
    Function<HospitalSource, HttpServlet> sound = BrokenAdapterConformanceTest::servlet;
    return Stream.of(
        Arguments.of(
            "invalid Observation",
            (Function<HospitalSource, HttpServlet>)
                s -> servlet(BrokenAdapters.invalidObservations(s)),
            List.of("valid.Observation"),
            "Observation.status: minimum required = 1"),
        Arguments.of(
            "errors as HTML",
            (Function<HospitalSource, HttpServlet>)
                s -> new BrokenAdapters.HtmlErrors(sound.apply(s)),
            List.of(
                "linkage.malformed",
                "error.unknown-type",
                "error.bad-date",
                "error.unknown-parameter",
                "error.unknown-patient",
                "error.unknown-record"),
            "text/html"),
        Arguments.of(
            "national identifier in the Patient",
            (Function<HospitalSource, HttpServlet>)
                s -> servlet(BrokenAdapters.nationalIdInPatient(s)),
            List.of("privacy.national-id"),
            "Patient/10000001.identifier[2].value"),
        Arguments.of(
            "a number sent as a string",
            (Function<HospitalSource, HttpServlet>)
                s -> BrokenAdapters.numbersAsStrings(sound.apply(s)),
            List.of("json.types"),
            "valueQuantity.value: expected a number (FHIR decimal), found a string \""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void runWhenAdapterHasFaultThenExactlyItsChecksFailWithReason(
      String fault,
      Function<HospitalSource, HttpServlet> adapter,
      List<String> failing,
      String reason)
      throws Exception {
    Report report = run(adapter.apply(TestAdapters.sampleEmr()), TestAdapters.BUDGET);

    assertThat(report.failedNames()).containsExactlyInAnyOrderElementsOf(failing);
    assertThat(report.failures()).allSatisfy(c -> assertThat(c.message()).contains(reason));
    assertThat(report.render()).contains("FAIL  " + failing.get(0));
  }

  @Test
  void runWhenNationalIdReturnedThenFailureNamesEveryRequestThatCarriedIt() throws Exception {
    Report report =
        run(
            servlet(BrokenAdapters.nationalIdInPatient(TestAdapters.sampleEmr())),
            TestAdapters.BUDGET);

    assertThat(report.check("privacy.national-id").orElseThrow().message())
        .contains("GET /Patient?identifier=… (200)")
        .contains("GET /Patient/10000001 (200)")
        .contains("GET /Patient/10000001/$everything");
  }

  @Test
  void runWhenObjectSentForArrayThenJsonTypesFailsNamingRequestPathAndType() throws Exception {
    Report report =
        run(BrokenAdapters.objectForArray(servlet(TestAdapters.sampleEmr())), TestAdapters.BUDGET);

    assertThat(report.failedNames()).contains("json.types").doesNotContain("linkage.found");
    assertThat(report.check("json.types").orElseThrow().message())
        .contains("GET /Observation?patient=10000001")
        .containsPattern(
            "Observation/res-\\d+\\.category: expected an array \\(category repeats\\), found"
                + " an object");
  }

  @Test
  void runWhenFirstCallsSlowThenWarmUpAbsorbsThemAndLatencyPasses() throws Exception {
    Report report =
        run(
            BrokenAdapters.slowFirstCalls(servlet(TestAdapters.sampleEmr()), 2, 1500),
            Duration.ofMillis(1000));

    assertThat(report.failedNames()).isEmpty();
    assertThat(report.check("latency").orElseThrow().message())
        .contains("after 3 untimed warm-up calls");
  }

  @Test
  void runWhenOrderUnstableThenPagingAndEverythingFail() throws Exception {
    Report report =
        run(servlet(BrokenAdapters.unstableOrder(TestAdapters.sampleEmr())), TestAdapters.BUDGET);

    assertThat(report.failedNames())
        .contains("paging.Observation", "paging.Condition", "everything")
        .doesNotContain("search.Observation", "metadata", "valid.Observation", "latency");
    assertThat(report.check("paging.Observation").orElseThrow().message())
        .containsAnyOf("order is not stable", "repeats", "missing");
  }

  @Test
  void runWhenLinkageSlowerThanBudgetThenOnlyLatencyFailsNamingTheCall() throws Exception {
    Report report =
        run(
            servlet(BrokenAdapters.slowLinkage(TestAdapters.sampleEmr(), 1500)),
            Duration.ofMillis(1000));

    assertThat(report.failedNames()).containsExactly("latency");
    assertThat(report.check("latency").orElseThrow().message())
        .contains("over budget")
        .contains("/Patient?…");
  }

  static HttpServlet servlet(HospitalSource source) {
    return new AdapterServlet(TestAdapters.fhir(), "broken", source, Latency.NONE);
  }

  static Report run(HttpServlet servlet, Duration budget) throws Exception {
    try (AdapterHost host =
        AdapterHost.start("127.0.0.1", List.of(new AdapterHost.Mount("broken", 0, servlet)))) {
      URI base = host.baseUrl("broken");
      // No warm-up here: the kit makes its own before timing.
      return TestAdapters.kit().run(TestAdapters.target(base, budget));
    }
  }
}
