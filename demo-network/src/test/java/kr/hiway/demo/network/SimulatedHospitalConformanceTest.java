package kr.hiway.demo.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import kr.hiway.adapter.conformance.Conformance;
import kr.hiway.adapter.conformance.Report;
import kr.hiway.adapter.conformance.TestAdapters;
import org.junit.jupiter.api.Test;

/** A simulated hospital served by the adapter over real HTTP passes the conformance kit. */
class SimulatedHospitalConformanceTest {

  @Test
  void runWhenSimulatedHospitalThenEveryCheckPasses() throws Exception {
    DemoNetwork.Settings settings = DemoNetwork.Settings.defaults().withPersons(300);
    try (DemoNetwork network =
        DemoNetwork.start(
            TestAdapters.fhir(), settings, List.of(HospitalDirectory.tertiaryHospitals().get(0)))) {
      DemoNetwork.Node node = network.nodes().get(0);
      // Person 0 has records at every hospital.
      String nationalId = network.population().person(0).nationalId();

      Report report =
          TestAdapters.kit()
              .run(
                  Conformance.Target.of(
                      node.baseUrl(), node.linkage(), nationalId, TestAdapters.BUDGET));
      System.out.print(report.render());

      assertThat(report.failures()).isEmpty();
      assertThat(report.check("linkage.found").orElseThrow().message())
          .isEqualTo("found Patient/" + node.source().localPatientId(0));
      assertThat(report.check("search.Observation").orElseThrow().message())
          .doesNotStartWith("0 records");
      assertThat(report.check("privacy.national-id").orElseThrow().passed()).isTrue();
      assertThat(report.check("json.types").orElseThrow().passed()).isTrue();
    }
  }
}
