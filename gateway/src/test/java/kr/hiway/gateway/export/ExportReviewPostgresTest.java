package kr.hiway.gateway.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import kr.hiway.consent.testing.PostgresDatabase;
import kr.hiway.demo.network.DemoNetwork;
import kr.hiway.gateway.account.PatientAccounts;
import kr.hiway.gateway.release.ConsentWrites;
import kr.hiway.gateway.testing.GatewayDatabase;
import kr.hiway.gateway.testing.GatewayHttp;
import kr.hiway.gateway.testing.TestTokens;
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
 * An export whose cohort cannot reach k = 5 within 5 % suppression (20 persons over birth year,
 * gender and province) waits for a reviewer of the trust center; the recipient cannot approve it
 * itself; once approved, it completes with the suppression applied, and the decision is audited.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "hiway.demo.persons=25",
      "hiway.demo.latency=0ms",
      "hiway.demo.jitter=0ms",
      "hiway.export.retry-after=1s"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportReviewPostgresTest {

  static final String RESEARCH = "research-cohort-2";
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

  GatewayHttp api;
  String base;

  @BeforeAll
  void setUp() {
    base = "http://localhost:" + port;
    api = new GatewayHttp(base);
    Cohorts.consent(writes, accounts, network.population(), RESEARCH, 1, 21);
  }

  @Test
  void exportWhenOverTheSuppressionLimitThenWaitsAndCompletesAfterAReviewerApproves()
      throws Exception {
    String token = TestTokens.recipient(signingKey, RESEARCH, "HRESCH").signed();
    GatewayHttp.Answer kickOff =
        Cohorts.kickOff(api, base, "Group/" + RESEARCH + "/$export?_type=Patient,Condition", token);
    String status = kickOff.raw().headers().firstValue("Content-Location").orElseThrow();
    String job = status.substring(status.lastIndexOf('/') + 1);
    awaitState(job, "awaiting-review");

    GatewayHttp.Answer waiting = api.get(status, token);
    GatewayHttp.Answer byRecipient = approve(job, token);
    GatewayHttp.Answer byReviewer = approve(job, reviewerToken());
    GatewayHttp.Answer done = api.get(status, token);

    assertThat(waiting.status()).isEqualTo(202);
    assertThat(waiting.raw().headers().firstValue("X-Progress").orElseThrow())
        .contains("awaiting review");
    assertThat(byRecipient.status()).isEqualTo(403);
    assertThat(byReviewer.status()).as(byReviewer.body()).isEqualTo(200);
    assertThat(done.status()).isEqualTo(200);
    JsonNode manifest = JSON.readTree(done.body());
    long patients = 0;
    for (JsonNode out : manifest.path("output")) {
      if (out.path("type").asString().equals("Patient")) {
        patients = out.path("count").asLong();
      }
    }
    String risk =
        jdbc.sql("SELECT risk FROM export_job WHERE id = ?")
            .param(job)
            .query(String.class)
            .single();
    JsonNode report = JSON.readTree(risk);
    assertThat(report.path("reviewRequired").asBoolean()).isTrue();
    assertThat(report.path("suppressedShare").asDouble()).isGreaterThan(0.05);
    assertThat(patients)
        .isEqualTo(report.path("persons").asLong() - report.path("suppressed").asLong());
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE record LIKE ?")
                .param("%approved cohort export " + job + "%")
                .query(Long.class)
                .single())
        .isEqualTo(1);
    assertThat(
            jdbc.sql("SELECT reviewer FROM export_job WHERE id = ?")
                .param(job)
                .query(String.class)
                .single())
        .isEqualTo("trust-officer");
    // The recipient's attempt to approve its own export left a refusal in the audit.
    assertThat(refusalsAudited(job)).isEqualTo(1);
  }

  @Test
  void approveWhenNoSuchHeldExportThen404() throws Exception {
    GatewayHttp.Answer answer = approve("no-such-job", reviewerToken());

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.errorCode()).isEqualTo("HIW-G050");
    assertThat(refusalsAudited("no-such-job")).isEqualTo(1);
  }

  /** Refusals of the review API about {@code job} in the audit (written in batches: waits). */
  private long refusalsAudited(String job) throws InterruptedException {
    long found = 0;
    for (int i = 0; i < 50 && found == 0; i++) {
      Thread.sleep(100);
      found =
          jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE record LIKE ?")
              .param("%export-review/" + job + "%")
              .query(Long.class)
              .single();
    }
    return found;
  }

  private GatewayHttp.Answer approve(String job, String token) throws Exception {
    return api.send(
        "POST",
        base + "/export-review/" + job + "/approve",
        token,
        "{\"reason\":\"reviewed the classes; study protocol 2024-17 allows it\"}");
  }

  private String reviewerToken() throws Exception {
    return TestTokens.valid(signingKey, null)
        .scope("openid trust-center")
        .role("trust-center")
        .subjectAs("trust-officer")
        .signed();
  }

  private void awaitState(String job, String state) throws Exception {
    for (int i = 0; i < 600; i++) {
      String now =
          jdbc.sql("SELECT state FROM export_job WHERE id = ?")
              .param(job)
              .query(String.class)
              .single();
      if (now.equals(state)) {
        return;
      }
      assertThat(now).isIn("in-progress", state);
      Thread.sleep(200);
    }
    throw new AssertionError("the export never reached " + state);
  }
}
