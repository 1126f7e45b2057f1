package kr.hiway.gateway.consent;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import kr.hiway.adapter.server.AdapterHost;
import kr.hiway.adapter.server.AdapterServlet;
import kr.hiway.adapter.server.Latency;
import kr.hiway.consent.testing.PostgresDatabase;
import kr.hiway.demo.simulator.SyntheticPopulation;
import kr.hiway.gateway.account.PatientAccounts;
import kr.hiway.gateway.audit.AuditTrail;
import kr.hiway.gateway.registry.HospitalRegistry;
import kr.hiway.gateway.security.backend.RecipientRegistration;
import kr.hiway.gateway.testing.Consents;
import kr.hiway.gateway.testing.GatewayDatabase;
import kr.hiway.gateway.testing.GatewayHttp;
import kr.hiway.gateway.testing.TestJwks;
import kr.hiway.gateway.testing.TestTokens;
import kr.hiway.vocabulary.Hospital;
import kr.hiway.vocabulary.LinkageToken;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A third party's release of a patient whose chart holds a visit for a gonococcal infection, over
 * real HTTP to an adapter hospital and a real PostgreSQL: what a clinic granted notes, encounters
 * and prescriptions (no Conditions, no sensitive class) receives through {@code $everything} and
 * the type search, what it receives when the class is granted, consent validation of purposes, and
 * a research release's links.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "hiway.demo.enabled=false",
      // The adapter speaks plain HTTP here; the default configuration refuses to call it.
      "hiway.fanout.allow-plain-http=true",
      "hiway.linkage.keys." + GonococcalHospital.CODE + "=" + ThirdPartyReleasePostgresTest.KEY
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThirdPartyReleasePostgresTest {

  static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
  static final String CLINIC = "clinic-gono";
  static final String RESEARCH = "research-gono";
  static final List<String> GRANTED =
      List.of("DocumentReference", "Encounter", "MedicationRequest");

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    GatewayDatabase.register(db, registry);
    TestJwks.register(registry); // the demo, off here, would otherwise provide them
  }

  @LocalServerPort int port;
  @Autowired HospitalRegistry registry;
  @Autowired PatientAccounts accounts;
  @Autowired RegisteredClientRepository clients;
  @Autowired RSAKey signingKey;
  @Autowired JdbcClient jdbc;
  @Autowired AuditTrail audit;

  AdapterHost hospital;
  GatewayHttp api;
  String patient;
  String patientToken;

  @BeforeAll
  void start() throws Exception {
    Hospital h = new Hospital(GonococcalHospital.CODE, "병원", "Hospital", "Seoul", "Seoul");
    String nationalId = SyntheticPopulation.generate(11, 1, List.of(h)).person(0).nationalId();
    LinkageToken linkage = LinkageToken.withKey(Base64.getDecoder().decode(KEY));
    hospital =
        AdapterHost.start(
            "127.0.0.1",
            List.of(
                new AdapterHost.Mount(
                    h.code(),
                    0,
                    new AdapterServlet(
                        FhirContext.forR4Cached(),
                        h.code(),
                        new GonococcalHospital(linkage, nationalId),
                        Latency.NONE))));
    registry.register(h, hospital.baseUrl(h.code()));
    patient = accounts.createIfAbsent("gono", "gono", nationalId).patientId();
    patientToken =
        TestTokens.valid(signingKey, patient)
            .scope("launch/patient patient/*.rs patient/Consent.cruds")
            .signed();
    JWKSet keys = new JWKSet(new ECKeyGenerator(Curve.P_384).keyID("k").generate().toPublicJWK());
    clients.save(new RecipientRegistration(CLINIC, "clinic", "TREAT", keys).toRegisteredClient());
    clients.save(
        new RecipientRegistration(RESEARCH, "research", "HRESCH", keys).toRegisteredClient());
    api = new GatewayHttp("http://localhost:" + port);
  }

  @AfterAll
  void stop() throws Exception {
    hospital.close();
  }

  @AfterEach
  void revokeAll() throws Exception {
    for (String id : jdbc.sql("SELECT id FROM consent").query(String.class).list()) {
      api.send("PUT", "Consent/" + id, patientToken, Consents.revocation(api, patientToken, id));
    }
  }

  @Test
  void everythingWhenStdNotConsentedThenGonococcalVisitAndTextOnlyNoteWithheld() throws Exception {
    grant(CLINIC, "TREAT");

    GatewayHttp.Answer answer = asClinic("Patient/" + patient + "/$everything");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(ids(answer.bundle()))
        .containsExactlyInAnyOrderElementsOf(GonococcalHospital.ORDINARY);
    // The Conditions fetched to classify are not released, nor counted as withheld.
    assertThat(answer.bundle().getTotal()).isEqualTo(3);
    assertThat(withheldDescription()).startsWith("released 3, withheld 4;");
  }

  @Test
  void everythingSinceWhenOnlyNotesChangedThenTheirVisitStillClassifiesThem() throws Exception {
    grant(CLINIC, "TREAT");

    GatewayHttp.Answer answer =
        asClinic("Patient/" + patient + "/$everything?_since=2024-01-01T00:00:00Z");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(ids(answer.bundle()))
        .containsExactlyInAnyOrder(
            "DocumentReference/hosp.doc-cold", "MedicationRequest/hosp.med-cold");
  }

  @Test
  void searchWhenStdNotConsentedThenEachTypeWithholdsTheGonococcalVisit() throws Exception {
    grant(CLINIC, "TREAT");
    List<String> released = new ArrayList<>();
    for (String type : GRANTED) {
      GatewayHttp.Answer answer = asClinic(type + "?patient=" + patient);
      assertThat(answer.status()).as(type).isEqualTo(200);
      released.addAll(ids(answer.bundle()));
    }
    assertThat(released).containsExactlyInAnyOrderElementsOf(GonococcalHospital.ORDINARY);
  }

  @Test
  void everythingAndSearchWhenStdConsentedThenGonococcalVisitReleased() throws Exception {
    grant(CLINIC, "TREAT", "STD");
    List<String> all = new ArrayList<>(GonococcalHospital.ORDINARY);
    all.addAll(GonococcalHospital.SENSITIVE);

    GatewayHttp.Answer everything = asClinic("Patient/" + patient + "/$everything");
    List<String> searched = new ArrayList<>();
    for (String type : GRANTED) {
      searched.addAll(ids(asClinic(type + "?patient=" + patient).bundle()));
    }

    assertThat(ids(everything.bundle())).containsExactlyInAnyOrderElementsOf(all);
    assertThat(searched).containsExactlyInAnyOrderElementsOf(all);
  }

  @Test
  void everythingWhenTypeAskedIsNotConsentedThen403() throws Exception {
    grant(CLINIC, "TREAT");

    GatewayHttp.Answer answer = asClinic("Patient/" + patient + "/$everything?_type=Observation");

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.errorCode()).isEqualTo("HIW-G016");
    assertThat(latestAudit().getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
  }

  @Test
  void consentWhenPurposeTheRecipientCanNeverUseThen422() throws Exception {
    GatewayHttp.Answer refused = post(CLINIC, "HRESCH");
    GatewayHttp.Answer accepted = post(CLINIC, "TREAT");

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.errorCode()).isEqualTo("HIW-G037");
    assertThat(refused.body()).contains("Consent.provision.purpose");
    assertThat(accepted.status()).isEqualTo(201);
  }

  @Test
  void researchWhenEverythingOrSearchThenSelfLinkNamesNoAccount() throws Exception {
    grant(RESEARCH, "HRESCH");
    String token = TestTokens.recipient(signingKey, RESEARCH, "HRESCH").signed();

    Bundle everything = api.get("Patient/" + patient + "/$everything", token).bundle();
    Bundle search = api.get("Encounter?patient=Patient/" + patient, token).bundle();

    String pseudonym =
        ((org.hl7.fhir.r4.model.Encounter) records(search).get(0)).getSubject().getReference();
    assertThat(pseudonym).startsWith("Patient/ps-");
    for (Bundle b : List.of(everything, search)) {
      String self = b.getLink(Bundle.LINK_SELF).getUrl();
      assertThat(self).doesNotContain(patient).contains(pseudonym.substring("Patient/".length()));
    }
  }

  private String grant(String recipient, String purpose, String... labels) throws Exception {
    GatewayHttp.Answer answer = post(recipient, purpose, labels);
    assertThat(answer.status()).isEqualTo(201);
    return answer.resource(Consent.class).getIdPart();
  }

  private GatewayHttp.Answer post(String recipient, String purpose, String... labels)
      throws Exception {
    return api.send(
        "POST",
        "Consent",
        patientToken,
        Consents.json(patient, recipient, purpose, GRANTED, List.of(), "", labels));
  }

  private GatewayHttp.Answer asClinic(String path) throws Exception {
    return api.get(path, TestTokens.recipient(signingKey, CLINIC, "TREAT").signed());
  }

  private static List<Resource> records(Bundle bundle) {
    return bundle.getEntry().stream()
        .filter(e -> e.getSearch().getMode() != Bundle.SearchEntryMode.OUTCOME)
        .map(BundleEntryComponent::getResource)
        .toList();
  }

  private static List<String> ids(Bundle bundle) {
    return records(bundle).stream().map(r -> r.fhirType() + "/" + r.getIdPart()).toList();
  }

  private AuditEvent latestAudit() {
    return audit.newest(1).get(0);
  }

  private String withheldDescription() {
    return latestAudit().getEntity().stream()
        .map(AuditEvent.AuditEventEntityComponent::getDescription)
        .filter(d -> d != null && d.startsWith("released "))
        .findFirst()
        .orElse(null);
  }
}
