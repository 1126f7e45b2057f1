package kr.hiway.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import kr.hiway.gateway.audit.AuditTrail;
import kr.hiway.gateway.audit.RefusalAudit;
import kr.hiway.gateway.testing.GatewayHttp;
import kr.hiway.gateway.testing.SmartLogin;
import kr.hiway.gateway.testing.TestTokens;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every kind of refusal of the FHIR, regulator and trust-center APIs leaves exactly one audit event
 * in the BALP shape, with the token's jti where the token was valid, and the patient it concerned
 * sees it in "who saw my data".
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:refusals;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
      "hiway.demo.persons=100",
      "hiway.demo.latency=0ms",
      "hiway.demo.jitter=0ms"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusalAuditTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired AuditTrail trail;
  @Autowired RefusalAudit refusals;
  @Autowired RSAKey signingKey;

  String base;
  GatewayHttp api;
  String attackerToken;
  String attacker;
  String victimToken;
  String victim;

  @BeforeAll
  void signIn() throws Exception {
    base = "http://localhost:" + port;
    api = new GatewayHttp(base);
    SmartLogin.Tokens a =
        new SmartLogin(base).signIn("patient1", "patient1", "launch/patient patient/*.rs");
    attackerToken = a.accessToken();
    attacker = a.body().path("patient").asString();
    SmartLogin.Tokens v =
        new SmartLogin(base).signIn("patient2", "patient2", "launch/patient patient/*.rs");
    victimToken = v.accessToken();
    victim = v.body().path("patient").asString();
  }

  long events() {
    return jdbc.sql("SELECT count(*) FROM audit_event").query(Long.class).single();
  }

  /** Runs {@code refused}, then waits for exactly one new event and returns it. */
  AuditEvent oneEventFor(ThrowingRunnable refused) throws Exception {
    long before = events();
    long written = refusals.writtenCount();
    refused.run();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (events() == before && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    // Anything else the refusal would write arrives in the same batch or soon after: wait a little.
    Thread.sleep(400);
    assertThat(events()).as("audit events written for one refusal").isEqualTo(before + 1);
    List<AuditEvent> newest = trail.newest(1);
    assertThat(refusals.writtenCount()).isGreaterThanOrEqualTo(written);
    return newest.getFirst();
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  static String jti(String token) throws Exception {
    return SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
  }

  static boolean refusedEvent(AuditEvent e) {
    return e.getOutcome() == AuditEvent.AuditEventOutcome._4;
  }

  static String requester(AuditEvent e) {
    return e.getAgent().stream()
        .filter(AuditEvent.AuditEventAgentComponent::getRequestor)
        .findFirst()
        .orElseThrow()
        .getWho()
        .getDisplay();
  }

  static List<String> policies(AuditEvent e) {
    return e.getAgent().stream()
        .flatMap(a -> a.getPolicy().stream())
        .map(p -> p.getValue())
        .toList();
  }

  static String patientOf(AuditEvent e) {
    return e.getEntity().stream()
        .filter(x -> x.getWhat().getReference() != null)
        .map(x -> x.getWhat().getReference())
        .findFirst()
        .orElse(null);
  }

  @Test
  void noTokenWhenRefusedThenOneEventNamingTheTargetAndTheAddress() throws Exception {
    AuditEvent e =
        oneEventFor(() ->
            assertThat(api.get("Patient/" + victim + "/$everything", null).status())
                .isEqualTo(401));
    assertThat(refusedEvent(e)).isTrue();
    assertThat(patientOf(e)).isEqualTo("Patient/" + victim);
    assertThat(e.getOutcomeDesc()).contains("HIW-");
    assertThat(e.getAgent().getLast().getNetwork().getAddress()).isEqualTo("127.0.0.1");
  }

  @Test
  void forgedTokenWhenRefusedThenOneEventWithoutTrustingItsClaims() throws Exception {
    RSAKey other = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("x").generate();
    String forged = TestTokens.valid(signingKey, victim).signedWith(other);
    AuditEvent e =
        oneEventFor(() -> assertThat(api.get("Patient/" + victim, forged).status()).isEqualTo(401));
    assertThat(requester(e)).isEqualTo("anonymous");
    assertThat(policies(e)).isEmpty();
  }

  @Test
  void otherPatientWhenRefusedThenTheVictimSeesTheAttemptWithTheAttackersToken() throws Exception {
    AuditEvent e =
        oneEventFor(() ->
            assertThat(api.get("Patient/" + victim + "/$everything", attackerToken).status())
                .isEqualTo(403));
    assertThat(refusedEvent(e)).isTrue();
    assertThat(requester(e)).isEqualTo("patient1");
    assertThat(policies(e)).contains(jti(attackerToken));
    assertThat(patientOf(e)).isEqualTo("Patient/" + victim);

    Bundle seen = api.get("AuditEvent?patient=" + victim, victimToken).bundle();
    Predicate<AuditEvent> attempt = x -> refusedEvent(x) && "patient1".equals(requester(x));
    assertThat(seen.getEntry().stream().map(b -> (AuditEvent) b.getResource()).anyMatch(attempt))
        .as("the victim sees the refused attempt")
        .isTrue();
  }

  @Test
  void parameterPollutionWhenRefusedThenOneEventAndNoOtherPatientsData() throws Exception {
    AuditEvent e =
        oneEventFor(() -> {
          GatewayHttp.Answer a =
              api.get("Observation?patient=" + attacker + "&patient=" + victim, attackerToken);
          assertThat(a.status()).isIn(400, 403);
        });
    assertThat(refusedEvent(e)).isTrue();
    assertThat(policies(e)).contains(jti(attackerToken));
  }

  @Test
  void badParameterWhenRefusedThenOneEvent() throws Exception {
    AuditEvent e =
        oneEventFor(() ->
            assertThat(
                    api.get("Observation?patient=" + attacker + "&frobnicate=1", attackerToken)
                        .status())
                .isEqualTo(400));
    assertThat(e.getOutcomeDesc()).startsWith("refused: HIW-").contains("frobnicate");
    assertThat(patientOf(e)).isEqualTo("Patient/" + attacker);
  }

  @Test
  void regulatorApiWhenAskedWithAPatientTokenThenOneEvent() throws Exception {
    AuditEvent e =
        oneEventFor(() ->
            assertThat(api.get(base + "/regulator/stats", attackerToken).status()).isEqualTo(403));
    assertThat(e.getSubtypeFirstRep().getCode()).isEqualTo("regulator-stats");
    assertThat(policies(e)).contains(jti(attackerToken));
  }

  @Test
  void trustCenterWhenAskedBadlyThenOneEventByStaff() throws Exception {
    String officer =
        new SmartLogin(base)
            .signIn("hiway-console", "trustcenter", "trustcenter", "openid trust-center")
            .accessToken();
    AuditEvent e =
        oneEventFor(() ->
            assertThat(
                    api.send("POST", base + "/trust-center/reidentifications", officer, "{\"x\":1}")
                        .status())
                .isEqualTo(400));
    assertThat(e.getSubtypeFirstRep().getCode()).isEqualTo("reidentify");
    assertThat(requester(e)).isEqualTo("trustcenter");
  }

  @Test
  void connectedAppsWhenAskedByAnotherAppThenOneEventNotByStaff() throws Exception {
    AuditEvent e =
        oneEventFor(() ->
            assertThat(api.get(base + "/api/account/apps", attackerToken).status()).isEqualTo(403));
    assertThat(refusedEvent(e)).isTrue();
    assertThat(policies(e)).contains(jti(attackerToken));
    assertThat(patientOf(e)).isEqualTo("Patient/" + attacker);
    // A patient's refusal names the patient as such, not as a staff member.
    assertThat(
            e.getAgent().stream()
                .filter(a -> a.getType().getCodingFirstRep().getCode().equals("PAT"))
                .count())
        .isEqualTo(1);
  }

  @Test
  void thirdPartyWithoutConsentWhenRefusedThenAuditedOnceNotTwice() throws Exception {
    String clinic = TestTokens.recipient(signingKey, "demo-clinic", "TREAT").signed();
    oneEventFor(
        () -> assertThat(api.get("Observation?patient=" + victim, clinic).status()).isEqualTo(403));
  }
}
