package kr.hiway.adapter.example.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import kr.hiway.adapter.conformance.Check;
import kr.hiway.adapter.conformance.Report;
import kr.hiway.adapter.conformance.TestAdapters;
import kr.hiway.adapter.server.AdapterHost;
import kr.hiway.adapter.server.AdapterServlet;
import kr.hiway.adapter.server.Latency;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JDBC example served by the adapter over real HTTP passes the conformance kit. */
class JdbcExampleConformanceTest {

  static AdapterHost host;
  static Report report;

  @BeforeAll
  static void run() throws Exception {
    AdapterServlet servlet =
        new AdapterServlet(
            TestAdapters.fhir(), "sample-emr", TestAdapters.sampleEmr(), Latency.NONE);
    host = AdapterHost.start("127.0.0.1", List.of(new AdapterHost.Mount("sample-emr", 0, servlet)));
    URI base = host.baseUrl("sample-emr");
    report = TestAdapters.kit().run(TestAdapters.target(base, TestAdapters.BUDGET));
    System.out.print(report.render());
  }

  @AfterAll
  static void stop() throws Exception {
    host.close();
  }

  @Test
  void runWhenJdbcExampleThenEveryCheckPasses() {
    assertThat(report.failures()).isEmpty();
    assertThat(report.passed()).isTrue();
  }

  @Test
  void runWhenJdbcExampleThenTestPersonFoundAndTheirRecordsChecked() {
    assertThat(report.check("linkage.found").map(Check::message))
        .hasValue("found Patient/" + SampleEmr.TEST_PERSON_MRN);
    assertThat(report.check("search.Observation").orElseThrow().message())
        .startsWith("9 records of the patient");
    assertThat(report.check("paging.Observation").orElseThrow().message())
        .contains("in 5 pages of 2");
    assertThat(report.check("search.Immunization").orElseThrow().message()).startsWith("0 records");
    assertThat(report.check("valid.MedicationRequest").orElseThrow().message())
        .isEqualTo("6 distinct resources valid FHIR R4");
    assertThat(report.check("privacy.national-id").orElseThrow().message())
        .startsWith("not in any");
    assertThat(report.check("json.types").orElseThrow().passed()).isTrue();
    assertThat(report.check("latency").orElseThrow().message()).contains("3 untimed warm-up calls");
  }
}
