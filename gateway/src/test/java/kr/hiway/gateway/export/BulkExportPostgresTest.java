package kr.hiway.gateway.export;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jose.jwk.RSAKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kr.hiway.consent.testing.PostgresDatabase;
import kr.hiway.demo.network.DemoNetwork;
import kr.hiway.gateway.account.PatientAccounts;
import kr.hiway.gateway.release.ConsentWrites;
import kr.hiway.gateway.testing.GatewayDatabase;
import kr.hiway.gateway.testing.GatewayHttp;
import kr.hiway.gateway.testing.TestTokens;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A research recipient's Bulk Data export of its cohort over real HTTP, the demo network's
 * hospitals and a real PostgreSQL: kick-off, polling, manifest, NDJSON files, delete; and the
 * refusals.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "hiway.demo.persons=40",
      "hiway.demo.latency=0ms",
      "hiway.demo.jitter=0ms",
      // 30 persons cannot reach k = 5 over birth year, gender and province: the round trip here
      // releases them all; suppression and review have their own tests.
      "hiway.export.k=1",
      "hiway.export.retry-after=1s"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkExportPostgresTest {

  static final String RESEARCH = "research-cohort";
  static final String OTHER = "research-cohort-2";
  static final JsonMapper JSON = JsonMapper.builder().build();

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  @DynamicPropertySource
  static void datasource(DynamicPropertyRegistry registry) {
    GatewayDatabase.register(db, registry);
  }

  @LocalServerPort int port;
  @Autowired RSAKey signingKey;
  @Autowired DemoNetwork network;
  @Autowired ConsentWrites writes;
  @Autowired PatientAccounts accounts;
  @Autowired JdbcClient jdbc;
  @Autowired kr.hiway.consent.ledger.Ledger ledger;

  GatewayHttp api;
  String base;
  List<String> cohort;

  @BeforeAll
  void setUp() {
    base = "http://localhost:" + port;
    api = new GatewayHttp(base);
    cohort = Cohorts.consent(writes, accounts, network.population(), RESEARCH, 1, 31);
  }

  @Test
  void exportWhenKickedOffThenPolledThenFilesAreThePseudonymizedCohortAndDeleteRemovesThem()
      throws Exception {
    String token = token(RESEARCH);

    GatewayHttp.Answer kickOff =
        Cohorts.kickOff(api, base, "Group/" + RESEARCH + "/$export", token);
    assertThat(kickOff.status()).isEqualTo(202);
    String status = kickOff.raw().headers().firstValue("Content-Location").orElseThrow();
    GatewayHttp.Answer first = api.get(status, token);
    GatewayHttp.Answer done = Cohorts.poll(api, status, token, Duration.ofMinutes(3));

    if (first.status() == 202) {
      assertThat(first.raw().headers().firstValue("Retry-After")).isPresent();
      assertThat(first.raw().headers().firstValue("X-Progress")).isPresent();
    }
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    JsonNode manifest = JSON.readTree(done.body());
    assertThat(manifest.path("requiresAccessToken").asBoolean()).isTrue();
    assertThat(manifest.path("request").asString()).endsWith("/Group/" + RESEARCH + "/$export");
    assertThat(manifest.path("transactionTime").asString()).isNotBlank();
    assertThat(manifest.path("error").isArray()).isTrue();
    List<String> types = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    for (JsonNode out : manifest.path("output")) {
      String type = out.path("type").asString();
      types.add(type);
      GatewayHttp.Answer file = api.get(out.path("url").asString(), token);
      assertThat(file.status()).isEqualTo(200);
      assertThat(file.raw().headers().firstValue("Content-Type").orElseThrow())
          .startsWith("application/fhir+ndjson");
      List<String> fileLines = file.body().lines().toList();
      assertThat(fileLines).as(type).hasSize(out.path("count").asInt());
      for (String line : fileLines) {
        Resource r = (Resource) FhirContext.forR4Cached().newJsonParser().parseResource(line);
        assertThat(r.fhirType()).isEqualTo(type);
      }
      lines.addAll(fileLines);
      if (type.equals("Patient")) {
        Patient p =
            FhirContext.forR4Cached()
                .newJsonParser()
                .parseResource(Patient.class, fileLines.get(0));
        assertThat(p.getIdPart()).startsWith("ps-");
        assertThat(p.hasName()).isFalse();
      }
    }
    assertThat(types).contains("Patient", "Observation", "Parameters");
    String all = String.join("\n", lines);
    assertThat(all).doesNotContain("pt-");
    for (String patient : cohort) {
      assertThat(all).doesNotContain(patient);
      String nationalId = accounts.byPatientId(patient).orElseThrow().nationalId();
      assertThat(all).doesNotContain(nationalId).doesNotContain(nationalId.replace("-", ""));
    }
    Parameters risk = riskReport(manifest, token);
    assertThat(number(risk, "persons")).isEqualTo(30);
    assertThat(number(risk, "k")).isEqualTo(1);
    assertThat(number(risk, "suppressed")).isZero();
    assertThat(number(risk, "achievedK")).isGreaterThanOrEqualTo(1);
    // The export and its risk report are in the consent ledger.
    String job = status.substring(status.lastIndexOf('/') + 1);
    long size = ledger.head().size();
    String entry =
        ledger.entries(0, size).stream()
            .map(e -> new String(e.data(), java.nio.charset.StandardCharsets.UTF_8))
            .filter(d -> d.contains("\"type\":\"cohort-export\"") && d.contains(job))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no cohort-export entry for " + job));
    assertThat(entry).contains("\"recipient\":\"research-cohort\"").contains("persons");

    String aFile = manifest.path("output").get(0).path("url").asString();
    assertThat(Cohorts.delete(base, status, token)).isEqualTo(202);
    assertThat(api.get(status, token).status()).isEqualTo(404);
    assertThat(api.get(status, token).errorCode()).isEqualTo("HIW-G050");
    assertThat(api.get(aFile, token).status()).isEqualTo(404);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM export_part WHERE job_id = ?")
                .param(job)
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void exportWhenAnotherRecipientsGroupThen403() throws Exception {
    GatewayHttp.Answer answer =
        Cohorts.kickOff(api, base, "Group/" + RESEARCH + "/$export", token(OTHER));

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.errorCode()).isEqualTo("HIW-G052");
  }

  @Test
  void exportWhenUnsupportedParameterThen400() throws Exception {
    GatewayHttp.Answer answer =
        Cohorts.kickOff(
            api,
            base,
            "Group/" + RESEARCH + "/$export?_typeFilter=Observation%3Fcode%3Dx",
            token(RESEARCH));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.errorCode()).isEqualTo("HIW-G051");
  }

  @Test
  void exportWhenTypeNotInScopesThen403() throws Exception {
    String narrow =
        TestTokens.recipient(signingKey, RESEARCH, "HRESCH")
            .scope("system/Observation.rs")
            .signed();

    GatewayHttp.Answer answer =
        Cohorts.kickOff(api, base, "Group/" + RESEARCH + "/$export?_type=Condition", narrow);

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.errorCode()).isEqualTo("HIW-G053");
  }

  @Test
  void statusWhenAnotherRecipientAsksThen404() throws Exception {
    GatewayHttp.Answer kickOff =
        Cohorts.kickOff(
            api, base, "Group/" + RESEARCH + "/$export?_type=Immunization", token(RESEARCH));
    String status = kickOff.raw().headers().firstValue("Content-Location").orElseThrow();

    GatewayHttp.Answer answer = api.get(status, token(OTHER));
    GatewayHttp.Answer second =
        Cohorts.kickOff(
            api, base, "Group/" + RESEARCH + "/$export?_type=Immunization", token(RESEARCH));

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.errorCode()).isEqualTo("HIW-G050");
    if (second.status() == 429) { // the first may have finished already
      assertThat(second.errorCode()).isEqualTo("HIW-G054");
      assertThat(second.raw().headers().firstValue("Retry-After")).isPresent();
    }
    Cohorts.poll(api, status, token(RESEARCH), Duration.ofMinutes(2));
    Cohorts.delete(base, status, token(RESEARCH));
    if (second.status() == 202) {
      String other = second.raw().headers().firstValue("Content-Location").orElseThrow();
      Cohorts.poll(api, other, token(RESEARCH), Duration.ofMinutes(2));
      Cohorts.delete(base, other, token(RESEARCH));
    }
  }

  private Parameters riskReport(JsonNode manifest, String token) throws Exception {
    for (JsonNode out : manifest.path("output")) {
      if (out.path("type").asString().equals("Parameters")) {
        String line = api.get(out.path("url").asString(), token).body().strip();
        return FhirContext.forR4Cached().newJsonParser().parseResource(Parameters.class, line);
      }
    }
    throw new AssertionError("no risk report in the manifest");
  }

  static int number(Parameters p, String name) {
    return ((org.hl7.fhir.r4.model.IntegerType) p.getParameter(name).getValue()).getValue();
  }

  private String token(String recipient) throws Exception {
    return TestTokens.recipient(signingKey, recipient, "HRESCH").signed();
  }
}
