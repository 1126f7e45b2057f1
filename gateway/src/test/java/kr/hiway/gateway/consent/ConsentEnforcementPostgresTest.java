package kr.hiway.gateway.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import kr.hiway.consent.decision.SensitivityClassifier;
import kr.hiway.consent.testing.PostgresDatabase;
import kr.hiway.demo.network.DemoNetwork;
import kr.hiway.gateway.audit.AuditTrail;
import kr.hiway.gateway.testing.Consents;
import kr.hiway.gateway.testing.GatewayDatabase;
import kr.hiway.gateway.testing.GatewayHttp;
import kr.hiway.gateway.testing.MutableClock;
import kr.hiway.gateway.testing.MutableClockConfiguration;
import kr.hiway.gateway.testing.SmartLogin;
import kr.hiway.gateway.testing.TestTokens;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Consent enforcement end to end on a real PostgreSQL: the patient grants and revokes consents
 * through the FHIR API, recipients ask, and for each case the test checks what was returned, which
 * hospitals were called (on the simulated adapters' own counters) and the AuditEvent written.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"hiway.demo.persons=300", "hiway.demo.latency=150ms", "hiway.demo.jitter=0ms"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Import(MutableClockConfiguration.class)
class ConsentEnforcementPostgresTest {

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  @DynamicPropertySource
  static void datasource(DynamicPropertyRegistry registry) {
    GatewayDatabase.register(db, registry);
  }

  static final String CLINIC = "clinic-test";
  static final String RESEARCH = "research-test";

  @LocalServerPort int port;
  @Autowired RSAKey signingKey;
  @Autowired DemoNetwork network;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired RegisteredClientRepository clients;
  @Autowired AuditTrail audit;

  GatewayHttp api;
  String patientToken;
  String patient;
  String otherPatient;

  @BeforeAll
  void setUp() throws Exception {
    Consents.registerRecipients(clients, CLINIC, RESEARCH);
    String base = "http://localhost:" + port;
    api = new GatewayHttp(base);
    SmartLogin.Tokens t =
        new SmartLogin(base)
            .signIn(
                "patient47",
                "patient47",
                "launch/patient patient/*.rs patient/Consent.cruds patient/AuditEvent.rs");
    patientToken = t.accessToken();
    patient = t.body().path("patient").asString();
    otherPatient =
        new SmartLogin(base)
            .signIn("patient1", "patient1", "launch/patient patient/*.rs")
            .body()
            .path("patient")
            .asString();
  }

  @AfterEach
  void revokeAll() throws Exception {
    clock.reset();
    for (String id : jdbc.sql("SELECT id FROM consent").query(String.class).list()) {
      api.send("PUT", "Consent/" + id, patientToken, revocation(id));
    }
  }

  @Test
  void everythingWhenNoConsentThen403NoHospitalCalledAndDenyAudited() throws Exception {
    Map<String, Long> before = calls();
    GatewayHttp.Answer answer = asClinic("Patient/" + patient + "/$everything");
    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.errorCode()).isEqualTo("HIW-G016");
    assertThat(called(before)).isEmpty();
    AuditEvent event = latestAudit();
    assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
    assertThat(event.getAgentFirstRep().getWho().getDisplay()).isEqualTo(CLINIC);
  }

  @Test
  void everythingWhenConsentedTwoHospitalsTwoTypesThenOnlyThoseCalledAndReleased()
      throws Exception {
    String consentId =
        grant(
            CLINIC,
            "TREAT",
            List.of("Observation", "Condition"),
            List.of("snuh", "kyunghee-uh"),
            "");
    Map<String, Long> before = calls();
    GatewayHttp.Answer answer = asClinic("Patient/" + patient + "/$everything?_count=1000");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(called(before)).containsExactlyInAnyOrder("snuh", "kyunghee-uh");
    Bundle bundle = answer.bundle();
    List<Resource> records = records(bundle);
    assertThat(records).isNotEmpty();
    assertThat(records)
        .allSatisfy(r -> {
          assertThat(r.fhirType()).isIn("Observation", "Condition");
          assertThat(r.getMeta().getSource())
              .isIn("urn:hiway:hospital:snuh", "urn:hiway:hospital:kyunghee-uh");
        });
    assertThat(bundle.getTotal()).isEqualTo(records.size());
    OperationOutcome outcome = outcome(bundle);
    assertThat(outcome.getIssue()).hasSize(45);
    assertThat(outcome.getIssue())
        .allMatch(i -> i.getDetails().getCodingFirstRep().getCode().equals("HIW-G024"));
    AuditEvent event = latestAudit();
    assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
    assertThat(event.getAgentFirstRep().getPolicy())
        .extracting(p -> p.getValue())
        .containsExactly("Consent/" + consentId);
    assertThat(event.getPurposeOfEventFirstRep().getCodingFirstRep().getCode()).isEqualTo("TREAT");
  }

  @Test
  void searchWhenPurposeDiffersThen403() throws Exception {
    grant(CLINIC, "TREAT", List.of("Observation"), List.of(), "");
    String wrongPurpose = TestTokens.recipient(signingKey, CLINIC, "HRESCH").signed();
    assertRefusedUncalledAndAudited(() -> api.get("Observation?patient=" + patient, wrongPurpose));
  }

  @Test
  void searchWhenTypeNotConsentedThen403WithoutCallingHospitals() throws Exception {
    grant(CLINIC, "TREAT", List.of("Observation"), List.of(), "");
    assertRefusedUncalledAndAudited(() -> asClinic("Procedure?patient=" + patient));
  }

  @Test
  void searchWhenHospitalNotConsentedThenOutcomeOnlyAndNotCalled() throws Exception {
    grant(CLINIC, "TREAT", List.of("Observation"), List.of("snuh"), "");
    Map<String, Long> before = calls();
    GatewayHttp.Answer answer =
        asClinic("Observation?patient=" + patient + "&_source=urn:hiway:hospital:kyunghee-uh");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(called(before)).isEmpty();
    assertThat(records(answer.bundle())).isEmpty();
    assertThat(outcome(answer.bundle()).getIssueFirstRep().getDetails().getText())
        .isEqualTo("kyunghee-uh");
  }

  @Test
  void searchWhenConsentExpiredOrNotYetValidThen403() throws Exception {
    grant(CLINIC, "TREAT", List.of("Observation"), List.of(), "");
    assertThat(asClinic("Observation?patient=" + patient).status()).isEqualTo(200);
    clock.advance(Duration.ofDays(60)); // past the 30-day validity
    assertRefusedUncalledAndAudited(() -> asClinic("Observation?patient=" + patient));
    clock.reset();
    clock.advance(Duration.ofDays(-10)); // before the validity starts
    assertRefusedUncalledAndAudited(() -> asClinic("Observation?patient=" + patient));
  }

  @Test
  void searchWhenDataOutsideCoveredPeriodThenNothingReleasedAndWithheldAudited() throws Exception {
    grant(CLINIC, "TREAT", List.of("Observation"), List.of(), "2026-10-30");
    Map<String, Long> before = calls();
    GatewayHttp.Answer answer = asClinic("Observation?patient=" + patient + "&_count=1000");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(called(before)).hasSize(47);
    assertThat(latestAudit().getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
    assertThat(records(answer.bundle())).isEmpty();
    assertThat(answer.bundle().getTotal()).isZero();
    assertThat(latestAudit().getEntity())
        .anyMatch(e ->
            e.getDescription() != null && e.getDescription().startsWith("released 0, withheld "));
  }

  @Test
  void everythingWhenSensitiveClassNotNamedThenWithheldAndWhenNamedReleased() throws Exception {
    SensitivityClassifier classifier = SensitivityClassifier.standard();
    grant(CLINIC, "TREAT", List.of("Condition"), List.of(), "");
    List<Resource> plain =
        records(asClinic("Condition?patient=" + patient + "&_count=1000").bundle());
    assertThat(plain).noneMatch(r -> !classifier.classify(r).isEmpty());
    revokeAll();
    grant(
        CLINIC,
        "TREAT",
        List.of("Condition"),
        List.of(),
        "",
        "MH",
        "SUD",
        "HIV",
        "STD",
        "SEX",
        "GDIS");
    List<Resource> labelled =
        records(asClinic("Condition?patient=" + patient + "&_count=1000").bundle());
    assertThat(labelled).anyMatch(r -> !classifier.classify(r).isEmpty());
    assertThat(labelled.size()).isGreaterThan(plain.size());
  }

  @Test
  void everythingWhenResearchPurposeThenOnlyPseudonymizedRecords() throws Exception {
    grant(RESEARCH, "HRESCH", List.of("Observation", "Condition", "Encounter"), List.of(), "");
    GatewayHttp.Answer answer =
        api.get(
            "Patient/" + patient + "/$everything?_count=1000",
            TestTokens.recipient(signingKey, RESEARCH, "HRESCH").signed());
    assertThat(answer.status()).isEqualTo(200);
    List<Resource> records = records(answer.bundle());
    assertThat(records).isNotEmpty();
    var person = network.population().person(0);
    // The records only: the self link repeats the request, which the recipient made itself.
    var parser = ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser();
    String body =
        records.stream().map(parser::encodeResourceToString).collect(Collectors.joining("\n"));
    // Checked as booleans so that a failure does not print the identifying values.
    assertThat(body.contains(person.nationalId())).isFalse();
    assertThat(body.contains(person.nationalId().replace("-", ""))).isFalse();
    assertThat(body.contains(person.familyName() + person.givenName())).isFalse();
    assertThat(body.contains(patient)).as("the gateway patient id").isFalse();
    assertThat(body.contains(network.nodes().get(0).source().localPatientId(0))).isFalse();
    assertThat(records)
        .allSatisfy(
            r -> assertThat(r.getIdPart()).as("record ids are pseudonyms").doesNotContain(".P"));
    assertThat(body).contains("Patient/ps-");
  }

  @Test
  void recipientWhenAskingAnotherPatientThen403() throws Exception {
    grant(CLINIC, "TREAT", List.of("Observation"), List.of(), "");
    assertRefusedUncalledAndAudited(() -> asClinic("Observation?patient=" + otherPatient));
  }

  @Test
  void revokeWhileRequestInFlightThenThatOneCompletesAndTheNextIsRefused() throws Exception {
    String id = grant(CLINIC, "TREAT", List.of("Observation"), List.of(), "");
    CompletableFuture<GatewayHttp.Answer> inFlight =
        CompletableFuture.supplyAsync(() -> {
          try {
            return asClinic("Observation?patient=" + patient);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    Thread.sleep(60); // the request has read the consents and is waiting on 150 ms hospitals
    GatewayHttp.Answer revoked = api.send("PUT", "Consent/" + id, patientToken, revocation(id));
    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.resource(Consent.class).getStatus())
        .isEqualTo(Consent.ConsentState.INACTIVE);
    assertThat(inFlight.get().status()).isEqualTo(200);
    assertRefusedUncalledAndAudited(() -> asClinic("Observation?patient=" + patient));
    assertThat(api.get("Consent?patient=" + patient, patientToken).bundle().getEntry())
        .anyMatch(e -> ((Consent) e.getResource()).getStatus() == Consent.ConsentState.INACTIVE);
  }

  @Test
  void auditEventsWhenPatientSearchesThenTheRecipientsAccessesAppear() throws Exception {
    String consentId = grant(CLINIC, "TREAT", List.of("Observation"), List.of(), "");
    asClinic("Observation?patient=" + patient);
    Bundle events = api.get("AuditEvent?patient=" + patient, patientToken).bundle();
    assertThat(events.getEntry())
        .map(e -> (AuditEvent) e.getResource())
        .anyMatch(e ->
            e.getAgentFirstRep().getWho().getDisplay().equals(CLINIC)
                && e.getAgentFirstRep().getPolicy().stream()
                    .anyMatch(p -> p.getValue().equals("Consent/" + consentId)));
    assertThat(api.get("AuditEvent?patient=" + otherPatient, patientToken).status()).isEqualTo(403);
  }

  @Test
  void anyAccessWhenAuditCannotBeWrittenThen503AndNothingReleased() throws Exception {
    grant(CLINIC, "TREAT", List.of("Observation"), List.of(), "");
    assertThat(asClinic("Observation?patient=" + patient).status()).isEqualTo(200);
    jdbc.sql("ALTER TABLE audit_event RENAME TO audit_event_away").update();
    try {
      // The patient's own access, and a recipient's within consent.
      for (GatewayHttp.Answer answer :
          List.of(
              api.get("Patient/" + patient + "/$everything", patientToken),
              asClinic("Observation?patient=" + patient))) {
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.errorCode()).isEqualTo("HIW-G017");
        assertThat(answer.body()).doesNotContain("Observation");
      }
    } finally {
      jdbc.sql("ALTER TABLE audit_event_away RENAME TO audit_event").update();
    }
  }

  @Test
  void revokeWhenAnythingButStatusChangesThen422AndConsentStaysActive() throws Exception {
    String id = grant(CLINIC, "TREAT", List.of("Observation"), List.of(), "");
    Consent current = api.get("Consent/" + id, patientToken).resource(Consent.class);
    current.setStatus(Consent.ConsentState.REJECTED);
    String json =
        ca.uhn.fhir.context.FhirContext.forR4Cached()
            .newJsonParser()
            .encodeResourceToString(current);
    GatewayHttp.Answer answer = api.send("PUT", "Consent/" + id, patientToken, json);
    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.errorCode()).isEqualTo("HIW-G018");
    assertThat(asClinic("Observation?patient=" + patient).status()).isEqualTo(200);
  }

  @Test
  void consentWhenReadOrRevokedByAnotherPatientThenNotFoundAndStillActive() throws Exception {
    String id = grant(CLINIC, "TREAT", List.of("Observation"), List.of(), "");
    String other =
        new SmartLogin("http://localhost:" + port)
            .signIn("patient1", "patient1", "launch/patient patient/*.rs patient/Consent.cruds")
            .accessToken();
    GatewayHttp.Answer read = api.get("Consent/" + id, other);
    assertThat(read.status()).isEqualTo(404);
    GatewayHttp.Answer revoke = api.send("PUT", "Consent/" + id, other, revocation(id));
    assertThat(revoke.status()).isEqualTo(404);
    assertThat(asClinic("Observation?patient=" + patient).status()).isEqualTo(200);
  }

  @Test
  void createWhenConsentInvalidThen422NamingTheField() throws Exception {
    String json = consentJson(patient, CLINIC, "TREAT", List.of("Claim"), List.of(), "");
    GatewayHttp.Answer answer = api.send("POST", "Consent", patientToken, json);
    assertThat(answer.status()).isIn(400, 422);
    assertThat(answer.errorCode()).isEqualTo("HIW-G015");
    assertThat(answer.body()).contains("Consent.provision.class");
  }

  @Test
  void createWhenForAnotherPatientOrUnknownRecipientThenRefused() throws Exception {
    String forOther =
        consentJson(otherPatient, CLINIC, "TREAT", List.of("Observation"), List.of(), "");
    assertThat(api.send("POST", "Consent", patientToken, forOther).status()).isEqualTo(403);
    String unknown = consentJson(patient, "nobody", "TREAT", List.of("Observation"), List.of(), "");
    GatewayHttp.Answer answer = api.send("POST", "Consent", patientToken, unknown);
    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.errorCode()).isEqualTo("HIW-G015");
  }

  // ---- helpers

  interface Call {
    GatewayHttp.Answer run() throws Exception;
  }

  /** A refusal: 403 with the no-consent code, no hospital called, a failed access audited. */
  void assertRefusedUncalledAndAudited(Call call) throws Exception {
    Map<String, Long> before = calls();
    long events = jdbc.sql("SELECT count(*) FROM audit_event").query(Long.class).single();
    GatewayHttp.Answer answer = call.run();
    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.errorCode()).isEqualTo("HIW-G016");
    assertThat(called(before)).isEmpty();
    assertThat(jdbc.sql("SELECT count(*) FROM audit_event").query(Long.class).single())
        .isEqualTo(events + 1);
    AuditEvent event = latestAudit();
    assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
    assertThat(event.getAgentFirstRep().getWho().getDisplay()).isEqualTo(CLINIC);
  }

  GatewayHttp.Answer asClinic(String path) throws Exception {
    return api.get(path, TestTokens.recipient(signingKey, CLINIC, "TREAT").signed());
  }

  String grant(
      String recipient,
      String purpose,
      List<String> types,
      List<String> hospitals,
      String dataStart,
      String... labels)
      throws Exception {
    GatewayHttp.Answer answer =
        api.send(
            "POST",
            "Consent",
            patientToken,
            consentJson(patient, recipient, purpose, types, hospitals, dataStart, labels));
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return answer.resource(Consent.class).getIdPart();
  }

  String consentJson(
      String patientId,
      String recipient,
      String purpose,
      List<String> types,
      List<String> hospitals,
      String dataStart,
      String... labels) {
    return Consents.json(patientId, recipient, purpose, types, hospitals, dataStart, labels);
  }

  String revocation(String id) throws Exception {
    return Consents.revocation(api, patientToken, id);
  }

  Map<String, Long> calls() {
    Map<String, Long> counts = new HashMap<>();
    network.nodes().forEach(n -> counts.put(n.hospital().code(), n.adapter().requestCount()));
    return counts;
  }

  Set<String> called(Map<String, Long> before) {
    return network.nodes().stream()
        .filter(n -> n.adapter().requestCount() > before.get(n.hospital().code()))
        .map(n -> n.hospital().code())
        .collect(Collectors.toSet());
  }

  AuditEvent latestAudit() {
    return audit.newest(1).get(0);
  }

  static List<Resource> records(Bundle bundle) {
    return bundle.getEntry().stream()
        .filter(e -> e.getSearch().getMode() != Bundle.SearchEntryMode.OUTCOME)
        .map(BundleEntryComponent::getResource)
        .toList();
  }

  static OperationOutcome outcome(Bundle bundle) {
    return bundle.getEntry().stream()
        .filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.OUTCOME)
        .map(e -> (OperationOutcome) e.getResource())
        .findFirst()
        .orElseThrow();
  }
}
