package kr.hiway.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import kr.hiway.consent.ledger.Checkpoint;
import kr.hiway.consent.ledger.Disclosure;
import kr.hiway.consent.ledger.Ledger;
import kr.hiway.consent.ledger.NoteVerifier;
import kr.hiway.consent.ledger.verify.HttpLedgerSource;
import kr.hiway.consent.ledger.verify.LedgerVerifier;
import kr.hiway.consent.ledger.verify.Report;
import kr.hiway.consent.testing.PostgresDatabase;
import kr.hiway.demo.network.DemoNetwork;
import kr.hiway.gateway.audit.AuditAction;
import kr.hiway.gateway.testing.Consents;
import kr.hiway.gateway.testing.GatewayDatabase;
import kr.hiway.gateway.testing.GatewayHttp;
import kr.hiway.gateway.testing.MutableClock;
import kr.hiway.gateway.testing.MutableClockConfiguration;
import kr.hiway.gateway.testing.SmartLogin;
import kr.hiway.gateway.testing.TestTokens;
import org.hl7.fhir.r4.model.Consent;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The consent ledger wired into the gateway, end to end on a real PostgreSQL: consents and
 * disclosures made through the FHIR API appear as ledger entries, in order and before anything is
 * released; a regulator signed in through the authorization server searches, checks compliance,
 * exports and verifies the log over HTTP with the project's own verifier; nobody else can; and the
 * trust center re-identifies a research pseudonym with a reason, audited and entered in the ledger.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "hiway.demo.persons=300",
      "hiway.demo.latency=0ms",
      "hiway.demo.jitter=0ms",
      "hiway.ledger.checkpoint-interval=1h",
      "hiway.ledger.expiry-interval=1h"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Import(MutableClockConfiguration.class)
class ConsentLedgerPostgresTest {

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  @DynamicPropertySource
  static void datasource(DynamicPropertyRegistry registry) {
    GatewayDatabase.register(db, registry);
  }

  static final String CLINIC = "clinic-ledger";
  static final String RESEARCH = "research-ledger";
  static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  @Autowired RSAKey signingKey;
  @Autowired DemoNetwork network;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired RegisteredClientRepository clients;
  @Autowired Ledger ledger;
  @Autowired ConsentExpiry expiry;
  @Autowired ConsentLedger consentLedger;
  @Autowired kr.hiway.gateway.audit.AuditTrail audit;

  String base;
  GatewayHttp api;
  String patientToken;
  String patient;
  String regulatorToken;
  String trustCenterToken;
  String secondOfficerToken;

  @BeforeAll
  void setUp() throws Exception {
    Consents.registerRecipients(clients, CLINIC, RESEARCH);
    base = "http://localhost:" + port;
    api = new GatewayHttp(base);
    SmartLogin.Tokens t =
        new SmartLogin(base)
            .signIn("patient47", "patient47", "launch/patient patient/*.rs patient/Consent.cruds");
    patientToken = t.accessToken();
    patient = t.body().path("patient").asString();
    regulatorToken =
        new SmartLogin(base)
            .signIn("hiway-console", "regulator", "regulator", "openid regulator")
            .accessToken();
    trustCenterToken =
        new SmartLogin(base)
            .signIn("hiway-console", "trustcenter", "trustcenter", "openid trust-center")
            .accessToken();
    secondOfficerToken =
        new SmartLogin(base)
            .signIn("hiway-console", "trustcenter2", "trustcenter2", "openid trust-center")
            .accessToken();
  }

  @AfterEach
  void revokeAll() throws Exception {
    clock.reset();
    for (String id : jdbc.sql("SELECT id FROM consent").query(String.class).list()) {
      api.send("PUT", "Consent/" + id, patientToken, revocation(id));
    }
  }

  @Test
  void consentDisclosureRevocationWhenMadeThroughApiThenLedgeredInOrderAndCompliant()
      throws Exception {
    long start = ledger.head().size();
    Instant begun = clock.instant();
    String consentId = grant(CLINIC, "TREAT", List.of("Observation"), List.of("snuh", "severance"));
    GatewayHttp.Answer read = asClinic("Observation?patient=" + patient + "&_count=1000");
    assertThat(read.status()).isEqualTo(200);
    api.send("PUT", "Consent/" + consentId, patientToken, revocation(consentId));

    JsonNode events = regulator("/regulator/events?consent=" + consentId).path("events");
    List<String> types = new ArrayList<>();
    events.forEach(e -> types.add(e.path("entry").path("type").asString()));
    assertThat(types).containsExactly("consent-granted", "disclosure", "consent-revoked");
    assertThat(events.get(0).path("index").asLong()).isGreaterThanOrEqualTo(start);

    JsonNode granted = events.get(0).path("entry");
    assertThat(strings(granted.path("hospitalCodes"))).containsExactly("severance", "snuh");
    assertThat(strings(granted.path("purposes"))).containsExactly("TREAT");
    JsonNode disclosure = events.get(1).path("entry");
    assertThat(disclosure.path("recipient").asString()).isEqualTo(CLINIC);
    assertThat(disclosure.path("purpose").asString()).isEqualTo("TREAT");
    assertThat(strings(disclosure.path("resourceTypes"))).containsExactly("Observation");
    assertThat(strings(disclosure.path("hospitalCodes")))
        .isNotEmpty()
        .isSubsetOf("snuh", "severance");

    // The patient appears only as the regulator-domain pseudonym, the same in every entry.
    String pseudonym = granted.path("patient").asString();
    assertThat(pseudonym).startsWith("ps-");
    assertThat(disclosure.path("patient").asString()).isEqualTo(pseudonym);
    String all = events.toString();
    var person = network.population().person(0);
    assertThat(all.contains(patient)).isFalse();
    assertThat(all.contains(person.nationalId())).isFalse();
    assertThat(all.contains(person.familyName() + person.givenName())).isFalse();

    // This test's disclosures only: others here enter violations on purpose.
    JsonNode report = regulator("/regulator/compliance?from=" + begun);
    assertThat(report.path("compliant").asBoolean()).as(report.toString()).isTrue();
    assertThat(report.path("checked").asLong()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void revokeWhenSentEightTimesAtOnceThenOneRevocationEntered() throws Exception {
    String consentId = grant(CLINIC, "TREAT", List.of("Observation"), List.of());
    String body = revocation(consentId);
    List<java.util.concurrent.Future<GatewayHttp.Answer>> answers = new ArrayList<>();
    try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 8; i++) {
        answers.add(pool.submit(() -> api.send("PUT", "Consent/" + consentId, patientToken, body)));
      }
    }
    for (var a : answers) {
      assertThat(a.get().status()).isEqualTo(200);
    }
    JsonNode revoked =
        regulator("/regulator/events?type=consent-revoked&consent=" + consentId).path("events");
    assertThat(revoked.size()).isEqualTo(1);
  }

  @Test
  void patientOwnAccessWhenReadingThenNoLedgerEntry() throws Exception {
    long before = ledger.head().size();
    assertThat(api.get("Observation?patient=" + patient, patientToken).status()).isEqualTo(200);
    assertThat(ledger.head().size()).isEqualTo(before);
  }

  @Test
  void complianceWhenDisclosuresNotCoveredThenEachViolationReported() throws Exception {
    String consentId = grant(CLINIC, "TREAT", List.of("Observation"), List.of("snuh"));
    // Entries the gateway would never write: appended straight to the log, as an operator
    // bypassing the gateway might.
    long noGrant =
        ledger.append(toClinic("no-such-consent", "TREAT", "Observation", "snuh")).index();
    long wrongScope =
        ledger
            .append(
                new Disclosure(
                    consentId,
                    consentLedger.pseudonymOf(patient),
                    CLINIC,
                    "HRESCH",
                    List.of("Condition"),
                    List.of("snuh", "cnuh"),
                    clock.instant()))
            .index();
    api.send("PUT", "Consent/" + consentId, patientToken, revocation(consentId));
    long afterRevocation =
        ledger.append(toClinic(consentId, "TREAT", "Observation", "snuh")).index();

    JsonNode report = regulator("/regulator/compliance");
    assertThat(report.path("compliant").asBoolean()).isFalse();
    assertThat(problems(report, noGrant)).anyMatch(p -> p.contains("no grant of consent"));
    assertThat(problems(report, wrongScope))
        .anyMatch(p -> p.contains("purpose HRESCH"))
        .anyMatch(p -> p.contains("types not granted: Condition"))
        .anyMatch(p -> p.contains("hospitals not granted: cnuh"));
    assertThat(problems(report, afterRevocation)).anyMatch(p -> p.contains("revoked"));
  }

  @Test
  void complianceWhenConsentHasOverAThousandDisclosuresThenLaterRevocationStillCounts()
      throws Exception {
    String consentId = grant(CLINIC, "TREAT", List.of("Observation"), List.of());
    List<Disclosure> many = new ArrayList<>();
    for (int i = 0; i < 1_200; i++) {
      many.add(toClinic(consentId, "TREAT", "Observation", "snuh"));
    }
    ledger.appendAll(many);
    api.send("PUT", "Consent/" + consentId, patientToken, revocation(consentId));
    long late = ledger.append(toClinic(consentId, "TREAT", "Observation", "snuh")).index();
    JsonNode report = regulator("/regulator/compliance");
    assertThat(problems(report, late)).anyMatch(p -> p.contains("revoked"));
    for (JsonNode v : report.path("violations")) {
      assertThat(v.path("related").size()).as("a consent's own entries only").isLessThan(4);
    }
  }

  @Test
  void expiryWhenValidityEndsThenEnteredOnce() throws Exception {
    String consentId = grant(CLINIC, "TREAT", List.of("Observation"), List.of());
    clock.advance(Duration.ofDays(31));
    assertThat(expiry.sweep()).isGreaterThanOrEqualTo(1);
    assertThat(expiry.sweep()).isZero();
    JsonNode events =
        regulator("/regulator/events?type=consent-expired&consent=" + consentId).path("events");
    assertThat(events.size()).isEqualTo(1);
  }

  @Test
  void verifierWhenRunAgainstGatewayThenSignatureInclusionAndConsistencyHold() throws Exception {
    grant(CLINIC, "TREAT", List.of("Observation"), List.of());
    String key = plain(api.get(base + "/ledger/key", null)).strip();
    Checkpoint earlier = NoteVerifier.of(key).openCheckpoint(issueCheckpoint());
    grant(CLINIC, "TREAT", List.of("Condition"), List.of());
    issueCheckpoint();
    HttpLedgerSource source =
        new HttpLedgerSource(
            HttpClient.newHttpClient(),
            URI.create(base + "/ledger"),
            Duration.ofSeconds(10),
            regulatorToken);
    Report report =
        LedgerVerifier.verify(source, key, earlier, size -> List.of(0L, size - 1, size / 2));
    assertThat(report.ok()).as(report.summary()).isTrue();

    // The same entries without the regulator's token: refused, and the verifier says so.
    HttpLedgerSource anonymous =
        new HttpLedgerSource(
            HttpClient.newHttpClient(), URI.create(base + "/ledger"), Duration.ofSeconds(10));
    assertThat(LedgerVerifier.verify(anonymous, key, earlier, size -> List.of(0L)).ok()).isFalse();
    // A verifier holding another key rejects the checkpoint.
    String otherKey =
        kr.hiway.consent.ledger.CheckpointSigner.generate(key.substring(0, key.indexOf('+')))
            .verifierKey();
    assertThat(LedgerVerifier.verify(source, otherKey, null, size -> List.of()).ok()).isFalse();
  }

  @Test
  void staffApisWhenNotRegulatorThenRefused() throws Exception {
    String recipient = TestTokens.recipient(signingKey, CLINIC, "TREAT").signed();
    String patientViaConsole =
        new SmartLogin(base)
            .signIn("hiway-console", "patient1", "patient1", "openid regulator")
            .accessToken();
    for (String path : List.of("/regulator/events", "/ledger/entries?start=0&end=1")) {
      assertThat(api.get(base + path, null).status()).isEqualTo(401);
      for (String token : List.of(patientToken, recipient, patientViaConsole, trustCenterToken)) {
        GatewayHttp.Answer answer = api.get(base + path, token);
        assertThat(answer.status()).as(path).isEqualTo(403);
        assertThat(answer.errorCode()).isEqualTo("HIW-G004");
      }
    }
    // Reading the checkpoint is public; signing one is not.
    assertThat(api.send("POST", base + "/ledger/checkpoint", null, "").status()).isEqualTo(401);
    assertThat(api.send("POST", base + "/ledger/checkpoint", patientToken, "").status())
        .isEqualTo(403);
    // A regulator is no patient: the FHIR API gives it nothing.
    assertThat(api.get("Patient/" + patient, regulatorToken).status()).isEqualTo(403);
    // The checkpoint and the key are public.
    assertThat(api.get(base + "/ledger/checkpoint", null).status()).isEqualTo(200);
    assertThat(api.get(base + "/ledger/key", null).status()).isEqualTo(200);
  }

  @Test
  void staffApisWhenBadParametersThen400OperationOutcome() throws Exception {
    for (String path :
        List.of(
            "/regulator/events?from=yesterday",
            "/regulator/events?type=gossip",
            "/regulator/events?_count=0",
            "/regulator/events?hopsital=snuh",
            "/regulator/events?from=2026-02-01&to=2026-01-01",
            "/regulator/export?format=xlsx",
            "/regulator/stats?type=disclosure",
            "/regulator/stats?from=2026-02-01&to=2026-01-01",
            "/regulator/compliance?from=2026-02-01&to=2026-01-01",
            "/regulator/compliance?hopsital=snuh",
            "/regulator/export?from=2026-02-01&to=2026-01-01",
            "/ledger/entries?start=5&end=2",
            "/ledger/entries?start=x&end=2",
            "/ledger/proof/inclusion?index=0&treeSize=99999999",
            "/ledger/proof/inclusion?treeSize=1",
            "/ledger/proof/inclusion?leafHash=***&treeSize=1",
            "/ledger/proof/consistency?first=3&second=1")) {
      GatewayHttp.Answer answer = api.get(base + path, regulatorToken);
      assertThat(answer.status()).as(path + " " + answer.body()).isEqualTo(400);
      assertThat(answer.errorCode()).as(path).isEqualTo("HIW-G006");
    }
    GatewayHttp.Answer nowhere = api.get(base + "/regulator/nowhere", regulatorToken);
    assertThat(nowhere.status()).isEqualTo(404);
    assertThat(nowhere.errorCode()).isEqualTo("HIW-G007");
    GatewayHttp.Answer wrongMethod =
        api.send("DELETE", base + "/regulator/events", regulatorToken, "");
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.errorCode()).isEqualTo("HIW-G013");
    grant(CLINIC, "TREAT", List.of("Observation"), List.of()); // a log of at least one entry
    String unknownHash = "A".repeat(43);
    GatewayHttp.Answer missing =
        api.get(
            base + "/ledger/proof/inclusion?leafHash=" + unknownHash + "&treeSize=1",
            regulatorToken);
    assertThat(missing.status()).isEqualTo(404);
  }

  @Test
  void regulatorReadsWhenAnsweredThenAudited() throws Exception {
    long before = auditCount("regulator-search");
    regulator("/regulator/events?_count=5");
    assertThat(auditCount("regulator-search")).isEqualTo(before + 1);
    org.hl7.fhir.r4.model.AuditEvent search = audit.newest(AuditAction.REGULATOR_SEARCH, 1).get(0);
    assertThat(search.getAgent())
        .filteredOn(org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent::getRequestor)
        .singleElement()
        .satisfies(agent -> {
          assertThat(agent.getWho().getDisplay()).isEqualTo("regulator");
          assertThat(agent.getType().getCodingFirstRep().getCode()).isEqualTo("humanuser");
        });
    regulator("/regulator/stats");
    assertThat(
            ca.uhn.fhir.context.FhirContext.forR4Cached()
                .newJsonParser()
                .encodeResourceToString(audit.newest(AuditAction.REGULATOR_STATS, 1).get(0)))
        .as("every staff read names a staff member, whatever its action")
        .contains("humanuser")
        .doesNotContain("\"PAT\"");
  }

  @Test
  void exportWhenNdjsonOrCsvThenOneLinePerEvent() throws Exception {
    String consentId = grant(CLINIC, "TREAT", List.of("Observation"), List.of());
    asClinic("Observation?patient=" + patient);
    int events = regulator("/regulator/events?consent=" + consentId).path("events").size();
    GatewayHttp.Answer ndjson =
        api.get(base + "/regulator/export?consent=" + consentId, regulatorToken);
    assertThat(ndjson.status()).isEqualTo(200);
    List<String> lines = ndjson.body().lines().toList();
    assertThat(lines).hasSize(events);
    assertThat(JSON.readTree(lines.get(0)).path("entry").path("consentId").asString())
        .isEqualTo(consentId);
    GatewayHttp.Answer csv =
        api.get(base + "/regulator/export?format=csv&consent=" + consentId, regulatorToken);
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    List<String> rows = csv.body().lines().toList();
    assertThat(rows.get(0)).startsWith("index,type,time,consentId");
    assertThat(rows).hasSize(events + 1);
  }

  @Test
  void staffReadsWhenAuditUnavailableThen503AndNothingAnswered() throws Exception {
    String pseudonym = researchPseudonym();
    long ledgerSize = ledger.head().size();
    jdbc.sql("ALTER TABLE audit_event RENAME TO audit_event_away").update();
    try {
      GatewayHttp.Answer events = api.get(base + "/regulator/events", regulatorToken);
      assertThat(events.status()).isEqualTo(503);
      assertThat(events.errorCode()).isEqualTo("HIW-G017");
      assertThat(events.body()).doesNotContain("\"entries\"", "\"index\"");

      // A re-identification that cannot be audited is neither answered nor entered.
      GatewayHttp.Answer reidentified =
          request(trustCenterToken, RESEARCH, pseudonym, "a good reason here", null);
      assertThat(reidentified.status()).isEqualTo(503);
      assertThat(reidentified.errorCode()).isEqualTo("HIW-G017");
      assertThat(reidentified.body()).doesNotContain("nationalId");
    } finally {
      jdbc.sql("ALTER TABLE audit_event_away RENAME TO audit_event").update();
    }
    assertThat(ledger.head().size()).isEqualTo(ledgerSize);
  }

  @Test
  void consentWhenLedgerUnavailableThen503AndNothingWritten() throws Exception {
    long consents = jdbc.sql("SELECT count(*) FROM consent").query(Long.class).single();
    long audits = jdbc.sql("SELECT count(*) FROM audit_event").query(Long.class).single();
    jdbc.sql("ALTER TABLE ledger_leaf RENAME TO ledger_leaf_away").update();
    try {
      GatewayHttp.Answer answer =
          api.send(
              "POST",
              "Consent",
              patientToken,
              Consents.json(patient, CLINIC, "TREAT", List.of("Observation"), List.of(), ""));
      assertThat(answer.status()).isEqualTo(503);
      assertThat(answer.errorCode()).isEqualTo("HIW-G017");
    } finally {
      jdbc.sql("ALTER TABLE ledger_leaf_away RENAME TO ledger_leaf").update();
    }
    assertThat(jdbc.sql("SELECT count(*) FROM consent").query(Long.class).single())
        .isEqualTo(consents);
    assertThat(jdbc.sql("SELECT count(*) FROM audit_event").query(Long.class).single())
        .isEqualTo(audits);
  }

  @Test
  void disclosureWhenLedgerUnavailableThen503AndNothingReleased() throws Exception {
    grant(CLINIC, "TREAT", List.of("Observation"), List.of());
    jdbc.sql("ALTER TABLE ledger_leaf RENAME TO ledger_leaf_away").update();
    try {
      GatewayHttp.Answer answer = asClinic("Observation?patient=" + patient);
      assertThat(answer.status()).isEqualTo(503);
      assertThat(answer.body()).doesNotContain("\"resourceType\":\"Observation\"");
    } finally {
      jdbc.sql("ALTER TABLE ledger_leaf_away RENAME TO ledger_leaf").update();
    }
  }

  @Test
  void reidentifyWhenRequestedAndApprovedByAnotherOfficerThenRequesterReceivesPersonAndLedgered()
      throws Exception {
    String pseudonym = researchPseudonym();
    long before = ledger.head().size();

    GatewayHttp.Answer asked =
        request(trustCenterToken, RESEARCH, pseudonym, "IRB-2026-114 incidental finding", null);
    assertThat(asked.status()).as(asked.body()).isEqualTo(201);
    String id = JSON.readTree(asked.body()).path("id").asString();
    assertThat(asked.body()).doesNotContain("nationalId");
    // Pending: the requester learns nothing yet.
    GatewayHttp.Answer pending = api.get(requests() + "/" + id, trustCenterToken);
    assertThat(pending.status()).isEqualTo(200);
    assertThat(pending.body()).contains("\"pending\"").doesNotContain("nationalId");
    // An officer never approves their own request.
    GatewayHttp.Answer own = approve(trustCenterToken, id);
    assertThat(own.status()).isEqualTo(403);
    assertThat(own.errorCode()).isEqualTo("HIW-G041");

    GatewayHttp.Answer approved = approve(secondOfficerToken, id);
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    // The approver does not see the person, nor may fetch it.
    assertThat(approved.body()).doesNotContain("nationalId");
    GatewayHttp.Answer notYours = api.get(requests() + "/" + id, secondOfficerToken);
    assertThat(notYours.status()).isEqualTo(403);
    assertThat(notYours.errorCode()).isEqualTo("HIW-G044");
    GatewayHttp.Answer again = approve(secondOfficerToken, id);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.errorCode()).isEqualTo("HIW-G043");

    GatewayHttp.Answer answer = api.get(requests() + "/" + id, trustCenterToken);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    JsonNode found = JSON.readTree(answer.body());
    assertThat(found.path("nationalId").asString())
        .isEqualTo(network.population().person(0).nationalId());
    assertThat(found.path("patient").asString()).isEqualTo("Patient/" + patient);

    JsonNode requested = entryOfRequest("reidentification-requested", id);
    assertThat(requested.path("actor").asString()).isEqualTo("trustcenter");
    assertThat(requested.path("request").asString()).isEqualTo(id);
    assertThat(requested.path("domain").asString()).isEqualTo(RESEARCH);
    assertThat(requested.has("legalBasis")).isFalse();
    // The reason itself stays in the audit event; the ledger, read by every regulator forever,
    // holds its digest.
    assertThat(requested.path("reason").asString())
        .isEqualTo(ConsentLedger.reasonDigest("IRB-2026-114 incidental finding"));
    JsonNode entry = entryOfRequest("reidentification", id);
    assertThat(entry.path("actor").asString()).isEqualTo("trustcenter2");
    assertThat(entry.path("requester").asString()).isEqualTo("trustcenter");
    assertThat(entry.path("request").asString()).isEqualTo(id);
    assertThat(entry.path("patient").asString()).isEqualTo(consentLedger.pseudonymOf(patient));
    assertThat(
            ca.uhn.fhir.context.FhirContext.forR4Cached()
                .newJsonParser()
                .encodeResourceToString(audit.newest(AuditAction.REIDENTIFY, 1).get(0)))
        .contains("IRB-2026-114 incidental finding");
    assertThat(ledger.head().size()).isEqualTo(before + 2);
  }

  @Test
  void reidentifyWhenResearchConsentWithdrawnThenRefusedWithoutLegalBasisAcceptedWithIt()
      throws Exception {
    String pseudonym = researchPseudonym();
    for (String id : jdbc.sql("SELECT id FROM consent").query(String.class).list()) {
      api.send("PUT", "Consent/" + id, patientToken, revocation(id));
    }
    long before = ledger.head().size();
    GatewayHttp.Answer refused =
        request(trustCenterToken, RESEARCH, pseudonym, "IRB-2026-115 follow-up needed", null);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.errorCode()).isEqualTo("HIW-G040");
    assertThat(ledger.head().size()).isEqualTo(before);

    GatewayHttp.Answer grounded =
        request(
            trustCenterToken,
            RESEARCH,
            pseudonym,
            "IRB-2026-115 follow-up needed",
            Map.of("code", "court-order", "reference", "Seoul District Court 2026-Ka-123"));
    assertThat(grounded.status()).as(grounded.body()).isEqualTo(201);
    JsonNode requested =
        entryOfRequest(
            "reidentification-requested", JSON.readTree(grounded.body()).path("id").asString());
    assertThat(requested.path("legalBasis").asString()).isEqualTo("court-order");
    assertThat(requested.path("legalReference").asString())
        .isEqualTo(ConsentLedger.reasonDigest("Seoul District Court 2026-Ka-123"));
    assertThat(ledger.head().size()).isEqualTo(before + 1);
  }

  @Test
  void reidentifyWhenMalformedUnknownSelfApprovedOrWrongRoleThenRefusedAndEachAudited()
      throws Exception {
    String pseudonym = researchPseudonym();
    String id =
        JSON.readTree(
                request(trustCenterToken, RESEARCH, pseudonym, "IRB-2026-116 a good reason", null)
                    .body())
            .path("id")
            .asString();
    long before = ledger.head().size();
    long auditedBefore = auditCount("reidentify");
    List<Integer> statuses = new ArrayList<>();
    statuses.add(request(trustCenterToken, RESEARCH, "ps-aaaa", "", null).status());
    statuses.add(request(trustCenterToken, RESEARCH, "ps-aaaa", "because", null).status());
    statuses.add(
        request(trustCenterToken, "Bad Domain!", "ps-aaaa", "a good reason here", null).status());
    statuses.add(api.send("POST", requests(), trustCenterToken, "{not json").status());
    GatewayHttp.Answer extra =
        api.send(
            "POST",
            requests(),
            trustCenterToken,
            "{\"domain\":\""
                + RESEARCH
                + "\",\"pseudonym\":\"ps-aaaa\","
                + "\"reason\":\"a good reason here\",\"nationalId\":\"x\"}");
    assertThat(extra.errorCode()).isEqualTo("HIW-G006");
    statuses.add(extra.status());
    statuses.add(
        request(
                trustCenterToken,
                RESEARCH,
                pseudonym,
                "a good reason here",
                Map.of("code", "because-i-can", "reference", "none at all"))
            .status());
    statuses.add(request(null, RESEARCH, "ps-aaaa", "a good reason here", null).status());
    statuses.add(request(regulatorToken, RESEARCH, "ps-aaaa", "a good reason here", null).status());
    statuses.add(approve(patientToken, id).status());
    statuses.add(
        request(
                trustCenterToken,
                RESEARCH,
                "ps-aaaaaaaaaaaaaaaaaaaaaaaaaa",
                "a good reason here",
                null)
            .status());
    GatewayHttp.Answer unknown = approve(secondOfficerToken, "rq-unknown");
    assertThat(unknown.errorCode()).isEqualTo("HIW-G042");
    statuses.add(unknown.status());
    statuses.add(approve(trustCenterToken, id).status());
    assertThat(statuses)
        .containsExactly(400, 400, 400, 400, 400, 400, 401, 403, 403, 404, 404, 403);
    // Each refusal is audited (after its answer, by the refusals' writer).
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (auditCount("reidentify") < auditedBefore + statuses.size()
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    Thread.sleep(300);
    assertThat(auditCount("reidentify")).isEqualTo(auditedBefore + statuses.size());
    assertThat(ledger.head().size()).isEqualTo(before);
  }

  /** The ledger entry of that type for that re-identification request. */
  JsonNode entryOfRequest(String type, String request) throws Exception {
    for (JsonNode e : regulator("/regulator/events?type=" + type).path("events")) {
      if (e.path("entry").path("request").asString().equals(request)) {
        return e.path("entry");
      }
    }
    throw new AssertionError("no " + type + " entry for " + request);
  }

  /** patient47 consents to the research project and is released to it: its pseudonym there. */
  String researchPseudonym() throws Exception {
    grant(RESEARCH, "HRESCH", List.of("Observation", "Condition"), List.of());
    GatewayHttp.Answer release =
        api.get(
            "Patient/" + patient + "/$everything?_count=1000",
            TestTokens.recipient(signingKey, RESEARCH, "HRESCH").signed());
    assertThat(release.status()).isEqualTo(200);
    Matcher m = Pattern.compile("Patient/(ps-[a-z2-7]+)").matcher(release.body());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  // ---- helpers

  /**
   * A disclosure of one type from one hospital to the clinic, as the gateway would enter it, for
   * appending straight to the log (as an operator bypassing the gateway might).
   */
  Disclosure toClinic(String consentId, String purpose, String type, String hospital) {
    return new Disclosure(
        consentId,
        consentLedger.pseudonymOf(patient),
        CLINIC,
        purpose,
        List.of(type),
        List.of(hospital),
        clock.instant());
  }

  String requests() {
    return base + "/trust-center/reidentifications";
  }

  GatewayHttp.Answer request(
      String token, String domain, String pseudonym, String reason, Map<String, String> basis)
      throws Exception {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("domain", domain);
    body.put("pseudonym", pseudonym);
    body.put("reason", reason);
    if (basis != null) {
      body.put("legalBasis", basis);
    }
    return api.send("POST", requests(), token, JSON.writeValueAsString(body));
  }

  GatewayHttp.Answer approve(String token, String id) throws Exception {
    return api.send("POST", requests() + "/" + id + "/approval", token, "");
  }

  String issueCheckpoint() throws Exception {
    GatewayHttp.Answer answer = api.send("POST", base + "/ledger/checkpoint", regulatorToken, "");
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.body();
  }

  JsonNode regulator(String path) throws Exception {
    GatewayHttp.Answer answer = api.get(base + path, regulatorToken);
    assertThat(answer.status()).as(path + " " + answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  static String plain(GatewayHttp.Answer answer) {
    assertThat(answer.status()).isEqualTo(200);
    return answer.body();
  }

  static List<String> strings(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asString).toList();
  }

  static List<String> problems(JsonNode report, long index) {
    for (JsonNode v : report.path("violations")) {
      if (v.path("index").asLong() == index) {
        return strings(v.path("problems"));
      }
    }
    return List.of();
  }

  long auditCount(String action) {
    return jdbc.sql("SELECT count(*) FROM audit_event WHERE action = ?")
        .param(action)
        .query(Long.class)
        .single();
  }

  GatewayHttp.Answer asClinic(String path) throws Exception {
    return api.get(path, TestTokens.recipient(signingKey, CLINIC, "TREAT").signed());
  }

  String grant(String recipient, String purpose, List<String> types, List<String> hospitals)
      throws Exception {
    GatewayHttp.Answer answer =
        api.send(
            "POST",
            "Consent",
            patientToken,
            Consents.json(patient, recipient, purpose, types, hospitals, ""));
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return answer.resource(Consent.class).getIdPart();
  }

  String revocation(String id) throws Exception {
    return Consents.revocation(api, patientToken, id);
  }
}
