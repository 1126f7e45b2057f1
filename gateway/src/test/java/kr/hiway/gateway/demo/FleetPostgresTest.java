package kr.hiway.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kr.hiway.consent.ledger.CheckpointSigner;
import kr.hiway.consent.ledger.Ledger;
import kr.hiway.consent.ledger.verify.LedgerVerifier;
import kr.hiway.consent.ledger.verify.LocalLedgerSource;
import kr.hiway.consent.ledger.verify.Report;
import kr.hiway.consent.testing.PostgresDatabase;
import kr.hiway.gateway.GatewayApplication;
import kr.hiway.gateway.account.StaffAccounts;
import kr.hiway.gateway.account.StaffRole;
import kr.hiway.gateway.ledger.Checkpoints;
import kr.hiway.gateway.ledger.ConsentLedger;
import kr.hiway.gateway.testing.Consents;
import kr.hiway.gateway.testing.GatewayHttp;
import kr.hiway.gateway.testing.SmartLogin;
import kr.hiway.gateway.testing.TestTokens;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Two gateway instances on one PostgreSQL database in front of one demo network, as a fleet behind
 * a load balancer runs them: what one instance changes binds the very next request on the other (a
 * revoked consent, a revoked grant), a paging link of one is served by the other, and ledger
 * entries appended through both form one chain the verifier accepts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetPostgresTest {

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  @TempDir static Path dir;

  static final String CLINIC = "clinic-fleet";
  static final String SCOPE =
      "launch/patient offline_access patient/*.rs patient/Consent.cruds patient/AuditEvent.rs";

  NetworkMain.Running network;
  ConfigurableApplicationContext first;
  ConfigurableApplicationContext second;
  String a;
  String b;

  @BeforeAll
  void start() throws Exception {
    network =
        NetworkMain.start(
            new NetworkMain.Options(
                dir.resolve("network.json"), dir.resolve("pki"), 20240101, 300, 0, 0, 0, true));
    first = instance();
    second = instance();
    a = base(first);
    b = base(second);
    Consents.registerRecipients(first.getBean(RegisteredClientRepository.class), CLINIC);
  }

  @AfterAll
  void stop() throws Exception {
    for (ConfigurableApplicationContext c : new ConfigurableApplicationContext[] {first, second}) {
      if (c != null) {
        c.close();
      }
    }
    if (network != null) {
      network.close();
    }
  }

  private static ConfigurableApplicationContext instance() {
    return new SpringApplicationBuilder(GatewayApplication.class)
        .run(
            "--server.port=0",
            "--spring.datasource.url=" + db.jdbcUrl(),
            "--spring.datasource.username=" + db.user(),
            "--spring.datasource.password=",
            "--hiway.demo.network-file=" + dir.resolve("network.json"),
            "--hiway.pki.demo-folder=" + dir.resolve("pki"),
            "--hiway.demo.recipient-keys=" + dir.resolve("recipients"),
            "--hiway.demo.mobile-backend-secret=fleet-secret");
  }

  private static String base(ConfigurableApplicationContext c) {
    return "http://localhost"
        + ":"
        + c.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
  }

  private SmartLogin.Tokens patient(String gateway, String username) throws Exception {
    SmartLogin.Tokens tokens =
        new SmartLogin(gateway).signIn("mobile-backend", "fleet-secret", username, username, SCOPE);
    assertThat(tokens.status()).as(tokens.body().toString()).isEqualTo(200);
    return tokens;
  }

  @Test
  void consentWhenRevokedThroughOneInstanceThenNextRequestThroughOtherRefused() throws Exception {
    SmartLogin.Tokens owner = patient(a, "patient3");
    String patient = owner.body().path("patient").asString();
    GatewayHttp patientAtB = new GatewayHttp(b);
    GatewayHttp.Answer created =
        patientAtB.send(
            "POST",
            "Consent",
            owner.accessToken(),
            Consents.json(
                patient, CLINIC, "TREAT", List.of("Observation", "Condition"), List.of(), ""));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String consentId = created.resource(Consent.class).getIdElement().getIdPart();

    RSAKey key = first.getBean(RSAKey.class);
    String clinic = TestTokens.recipient(key, CLINIC, "TREAT").signed();
    GatewayHttp clinicAtA = new GatewayHttp(a);
    assertThat(clinicAtA.get("Observation?patient=" + patient, clinic).status()).isEqualTo(200);

    GatewayHttp.Answer revoked =
        patientAtB.send(
            "PUT",
            "Consent/" + consentId,
            owner.accessToken(),
            Consents.revocation(patientAtB, owner.accessToken(), consentId));
    assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
    GatewayHttp.Answer next = clinicAtA.get("Observation?patient=" + patient, clinic);
    assertThat(next.status()).isEqualTo(403);
    assertThat(next.errorCode()).isEqualTo("HIW-G016");
  }

  @Test
  void grantWhenRevokedThroughOneInstanceThenItsTokenRefusedAtOnceByTheOther() throws Exception {
    SmartLogin.Tokens tokens = patient(a, "patient4");
    String patient = tokens.body().path("patient").asString();
    assertThat(new GatewayHttp(b).get("Patient/" + patient, tokens.accessToken()).status())
        .isEqualTo(200);
    assertThat(new SmartLogin(a).revoke("mobile-backend", "fleet-secret", tokens.refreshToken()))
        .isEqualTo(200);
    // The very next request, on the other instance, with no pause.
    assertThat(new GatewayHttp(b).get("Patient/" + patient, tokens.accessToken()).status())
        .isEqualTo(401);
    assertThat(new GatewayHttp(a).get("Patient/" + patient, tokens.accessToken()).status())
        .isEqualTo(401);
  }

  @Test
  void appWhenRevokedFromConnectedAppsAtOneInstanceThenItsTokenRefusedAtTheOther()
      throws Exception {
    // The patient connects a SMART app (through the authorization page) and has their own app.
    SmartLogin.Tokens app =
        new SmartLogin(a).signIn("demo-app", "patient8", "patient8", "launch/patient patient/*.rs");
    assertThat(app.status()).isEqualTo(200);
    String patient = app.body().path("patient").asString();
    SmartLogin.Tokens own = patient(b, "patient8");
    assertThat(new GatewayHttp(b).get("Patient/" + patient, app.accessToken()).status())
        .isEqualTo(200);

    java.net.http.HttpResponse<String> listed = account(a, "GET", "", own.accessToken());
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(listed.body()).contains("\"client_id\":\"demo-app\"").contains("last_used");
    // A connected SMART app may not see or revoke the others.
    assertThat(account(a, "GET", "", app.accessToken()).statusCode()).isEqualTo(403);

    assertThat(account(a, "DELETE", "/demo-app", own.accessToken()).statusCode()).isEqualTo(204);
    // The very next request, on the other instance.
    assertThat(new GatewayHttp(b).get("Patient/" + patient, app.accessToken()).status())
        .isEqualTo(401);
    assertThat(account(b, "GET", "", own.accessToken()).body()).doesNotContain("demo-app");
    assertThat(account(b, "DELETE", "/demo-app", own.accessToken()).statusCode()).isEqualTo(404);
  }

  private static java.net.http.HttpResponse<String> account(
      String gateway, String method, String path, String token) throws Exception {
    try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
      return http.send(
          java.net.http.HttpRequest.newBuilder(
                  java.net.URI.create(gateway + "/api/account/apps" + path))
              .header("Authorization", "Bearer " + token)
              .header("Accept", "application/json")
              .method(method, java.net.http.HttpRequest.BodyPublishers.noBody())
              .build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
    }
  }

  @Test
  void refreshTokenWhenReplayedAtOneInstanceThenTheGrantsTokensRefusedAtTheOther()
      throws Exception {
    SmartLogin.Tokens first = patient(a, "patient6");
    String patient = first.body().path("patient").asString();
    SmartLogin.Tokens rotated =
        new SmartLogin(a).refresh("mobile-backend", "fleet-secret", first.refreshToken(), null);
    assertThat(rotated.status()).isEqualTo(200);
    assertThat(new GatewayHttp(b).get("Patient/" + patient, rotated.accessToken()).status())
        .isEqualTo(200);

    // The old refresh token again: it was stolen, so the whole grant goes.
    SmartLogin.Tokens replay =
        new SmartLogin(a).refresh("mobile-backend", "fleet-secret", first.refreshToken(), null);
    assertThat(replay.status()).isEqualTo(400);

    assertThat(new GatewayHttp(b).get("Patient/" + patient, rotated.accessToken()).status())
        .isEqualTo(401);
    assertThat(new GatewayHttp(b).get("Patient/" + patient, first.accessToken()).status())
        .isEqualTo(401);
  }

  @Test
  void codeWhenReusedAtOneInstanceThenItsTokenRefusedAtTheOther() throws Exception {
    SmartLogin login = new SmartLogin(a);
    String verifier = SmartLogin.verifier();
    String code =
        login.authorize(
            "mobile-backend",
            "patient7",
            "patient7",
            SCOPE,
            SmartLogin.challenge(verifier),
            "S256");
    SmartLogin.Tokens tokens = login.exchange("mobile-backend", "fleet-secret", code, verifier);
    assertThat(tokens.status()).isEqualTo(200);
    String patient = tokens.body().path("patient").asString();
    assertThat(new GatewayHttp(b).get("Patient/" + patient, tokens.accessToken()).status())
        .isEqualTo(200);

    SmartLogin.Tokens again = login.exchange("mobile-backend", "fleet-secret", code, verifier);
    assertThat(again.status()).isEqualTo(400);

    assertThat(new GatewayHttp(b).get("Patient/" + patient, tokens.accessToken()).status())
        .isEqualTo(401);
  }

  @Test
  void linkageKeyWhenProvisionedThroughOneInstanceThenTheOtherUsesItAtOnce() throws Exception {
    SmartLogin.Tokens owner = patient(b, "patient6");
    String patient = owner.body().path("patient").asString();
    GatewayHttp atB = new GatewayHttp(b);
    Bundle before =
        atB.get("Patient/" + patient + "/$everything?_count=1000", owner.accessToken()).bundle();
    String hospital =
        before.getEntry().stream()
            .map(e -> e.getResource().getMeta().getSource())
            .filter(s -> s != null && s.startsWith("urn:hiway:hospital:"))
            .findFirst()
            .orElseThrow()
            .substring("urn:hiway:hospital:".length());
    first.getBean(StaffAccounts.class).createIfAbsent("fleet-op", "fleet-op", StaffRole.OPERATOR);
    String operator =
        new SmartLogin(a)
            .signIn("hiway-console", "fleet-op", "fleet-op", "openid operator")
            .accessToken();

    HttpResponse<String> made =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(a + "/admin/hospitals/" + hospital + "/linkage-key"))
                    .header("Authorization", "Bearer " + operator)
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);

    // B asks the hospital with the new key from its next request: the demo adapter still has the
    // old one, so the person is not found there any more, and B's status names the new source.
    Bundle after =
        atB.get("Patient/" + patient + "/$everything?_count=1000", owner.accessToken()).bundle();
    assertThat(after.getEntry())
        .noneMatch(
            e -> ("urn:hiway:hospital:" + hospital).equals(e.getResource().getMeta().getSource()));
    HttpResponse<String> status =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(b + "/admin/hospitals/" + hospital))
                    .header("Authorization", "Bearer " + operator)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(status.body()).contains("\"linkageKey\":\"provisioned\"");
    // Stored sealed: the key handed out is nowhere in the table.
    String key = made.body().replaceAll(".*\"key\":\"([^\"]+)\".*", "$1");
    String sealed =
        first
            .getBean(JdbcClient.class)
            .sql("SELECT sealed FROM hospital_linkage_key WHERE hospital_code = ?")
            .param(hospital)
            .query(String.class)
            .single();
    assertThat(sealed).doesNotContain(key);
  }

  @Test
  void pageWhenLinkIssuedByOneInstanceThenServedByTheOther() throws Exception {
    SmartLogin.Tokens tokens = patient(a, "patient5");
    String patient = tokens.body().path("patient").asString();
    GatewayHttp.Answer firstPage =
        new GatewayHttp(a)
            .get("Patient/" + patient + "/$everything?_count=5", tokens.accessToken());
    assertThat(firstPage.status()).isEqualTo(200);
    Bundle.BundleLinkComponent next = firstPage.bundle().getLink(Bundle.LINK_NEXT);
    assertThat(next).as("a next link").isNotNull();
    // The link names the public base URL; the load balancer may send it to any instance.
    String url = next.getUrl();
    assertThat(url).startsWith("http://localhost:8080/fhir");
    String atB = b + url.substring("http://localhost:8080".length());
    HttpResponse<String> page = get(atB, tokens.accessToken());
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.body()).contains("\"resourceType\":\"Bundle\"");
    assertThat(page.body()).doesNotContain(firstPage.bundle().getEntryFirstRep().getFullUrl());
  }

  @Test
  void appendWhenThousandEntriesSpreadOverBothInstancesThenOneChainTheVerifierAccepts()
      throws Exception {
    long before = first.getBean(Ledger.class).head().size();
    List<ConsentLedger> ledgers =
        List.of(first.getBean(ConsentLedger.class), second.getBean(ConsentLedger.class));
    List<Future<?>> done = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < 1000; i++) {
        ConsentLedger ledger = ledgers.get(i % 2);
        int n = i;
        done.add(
            pool.submit(() ->
                ledger.reidentified(
                    "fleet-test",
                    "fleet-requester",
                    "rq-" + n,
                    "domain",
                    "reason " + n,
                    "900101-1234567")));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
    JdbcClient jdbc = second.getBean(JdbcClient.class);
    long size = first.getBean(Ledger.class).head().size();
    assertThat(size - before).isEqualTo(1000);
    second.getBean(Checkpoints.class).issue();
    String verifierKey = first.getBean(CheckpointSigner.class).verifierKey();
    List<Long> every = new ArrayList<>();
    for (long i = 0; i < size; i++) {
      every.add(i);
    }
    Report report =
        LedgerVerifier.verify(
            new LocalLedgerSource(first.getBean(Ledger.class)), verifierKey, null, every);
    assertThat(report.ok()).as(report.summary()).isTrue();
    assertThat(report.checkpoint()).hasValueSatisfying(c -> assertThat(c.size()).isEqualTo(size));
    assertThat(jdbc.sql("SELECT count(*) FROM ledger_leaf").query(Long.class).single())
        .isEqualTo(size);
  }

  private static HttpResponse<String> get(String url, String token) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
          HttpRequest.newBuilder(URI.create(url))
              .header("Authorization", "Bearer " + token)
              .header("Accept", "application/fhir+json")
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }
}
