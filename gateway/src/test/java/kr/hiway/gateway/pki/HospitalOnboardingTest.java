package kr.hiway.gateway.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jose.jwk.RSAKey;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import kr.hiway.adapter.server.AdapterHost;
import kr.hiway.adapter.server.AdapterServlet;
import kr.hiway.adapter.server.Latency;
import kr.hiway.adapter.testing.TestPki;
import kr.hiway.adapter.tls.AdapterTls;
import kr.hiway.adapter.tls.RevocationList;
import kr.hiway.demo.simulator.SimulatedHospital;
import kr.hiway.demo.simulator.SyntheticPopulation;
import kr.hiway.gateway.account.PatientAccounts;
import kr.hiway.gateway.account.StaffAccounts;
import kr.hiway.gateway.account.StaffRole;
import kr.hiway.gateway.testing.FreePorts;
import kr.hiway.gateway.testing.SmartLogin;
import kr.hiway.gateway.testing.TestJwks;
import kr.hiway.gateway.testing.TestTokens;
import kr.hiway.vocabulary.Hospital;
import kr.hiway.vocabulary.LinkageToken;
import org.bouncycastle.asn1.x500.X500Name;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Onboarding end to end, by real TLS handshakes with real adapters: a hospital's CSR (made here
 * with Bouncy Castle) goes through the operator API, and the certificate it gets makes a working
 * mutual-TLS connection; the gateway refuses a certificate that is another hospital's, revoked,
 * expired or from another CA; bad CSRs get an OperationOutcome; only the operator role gets in; a
 * disabled hospital is not called.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:onboarding;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
      "hiway.demo.enabled=false",
      "hiway.pki.demo-folder=target/test-pki",
      "hiway.linkage.keys.ha=" + HospitalOnboardingTest.KEY
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HospitalOnboardingTest {

  @DynamicPropertySource
  static void signingKeys(DynamicPropertyRegistry registry) {
    TestJwks.register(registry); // the demo, off here, would otherwise provide them
  }

  static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final FhirContext FHIR = FhirContext.forR4Cached();

  @LocalServerPort int port;
  @Autowired StaffAccounts staff;
  @Autowired PatientAccounts accounts;
  @Autowired HospitalTls tls;
  @Autowired Onboarding onboarding;
  @Autowired CertificateAuthority ca;
  @Autowired HospitalCertificates certificates;
  @Autowired RSAKey signingKey;

  final HttpClient http = HttpClient.newHttpClient();
  final List<AdapterHost> hosts = new ArrayList<>();
  String base;
  String operator;
  String regulator;
  String patientToken;
  String patientId;
  Hospital haHospital;
  SyntheticPopulation population;
  KeyPair haKeys;
  X509Certificate haCert;
  int haPort;
  Counting haServlet;

  @BeforeAll
  void setUp() throws Exception {
    base = "http://localhost:" + port;
    staff.createIfAbsent("operator", "operator", StaffRole.OPERATOR);
    staff.createIfAbsent("regulator", "regulator", StaffRole.REGULATOR);
    operator =
        new SmartLogin(base)
            .signIn("hiway-console", "operator", "operator", "openid operator")
            .accessToken();
    regulator =
        new SmartLogin(base)
            .signIn("hiway-console", "regulator", "regulator", "openid regulator")
            .accessToken();
    haHospital = new Hospital("ha", "가병원", "Hospital A", "Seoul", "Seoul");
    population = SyntheticPopulation.generate(11, 20, List.of(haHospital));
    patientId =
        accounts.createIfAbsent("onb", "onb", population.person(0).nationalId()).patientId();
    patientToken = TestTokens.valid(signingKey, patientId).signed();

    // The round trip: register, a CSR through the operator API, an adapter with what came back.
    haPort = FreePorts.outsideEphemeralRange();
    assertThat(register("ha", "https://127.0.0.1:" + haPort + "/fhir").status()).isEqualTo(201);
    haKeys = Csrs.ec("secp256r1");
    Answer signed = signCsr("ha", Csrs.pem("ha", haKeys, "127.0.0.1"), operator);
    assertThat(signed.status()).isEqualTo(201);
    haCert = certificate(signed.json().path("certificate").path("pem").asString());
    haServlet =
        new Counting(
            new AdapterServlet(
                FHIR,
                "ha",
                new SimulatedHospital(
                    population, haHospital, LinkageToken.withKey(Base64.getDecoder().decode(KEY))),
                Latency.NONE));
    adapter("ha", haPort, haKeys.getPrivate(), haCert, haServlet);
  }

  @AfterAll
  void tearDown() throws Exception {
    for (AdapterHost h : hosts) {
      h.close();
    }
  }

  @Test
  void roundTripWhenCsrSignedThroughOperatorApiThenMutualTlsWorksAndPatientGetsRecords()
      throws Exception {
    assertThat(haCert.getSubjectX500Principal().getName()).contains("CN=ha");
    assertThat(haCert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(haCert.getSubjectAlternativeNames())
        .singleElement()
        .isEqualTo(List.of(7, "127.0.0.1"));
    assertThat(metadata(haPort)).isEqualTo(200);

    Answer everything = fhirGet("Patient/" + patientId + "/$everything", patientToken);
    assertThat(everything.status()).isEqualTo(200);
    assertThat(everything.body()).contains("urn:hiway:hospital:ha");
  }

  @Test
  void connectionsWhenOneHospitalAskedAgainAndAgainThenItsMutualTlsConnectionIsReused()
      throws Exception {
    fhirGet("Patient/" + patientId, patientToken);
    haServlet.clientPorts.clear();
    int before = haServlet.calls.get();
    for (int i = 0; i < 10; i++) {
      assertThat(fhirGet("Patient/" + patientId, patientToken).status()).isEqualTo(200);
    }
    assertThat(haServlet.calls.get() - before).isGreaterThanOrEqualTo(10);
    // One connection, kept alive: not a handshake per exchange (a connection that presented the
    // client certificate must not be set aside as one user's).
    assertThat(haServlet.clientPorts).hasSize(1);
  }

  @Test
  void connectionsWhenCertificatesChangeThenKeptOnesClosed() throws Exception {
    assertThat(fhirGet("Patient/" + patientId, patientToken).status()).isEqualTo(200);
    haServlet.clientPorts.clear();
    assertThat(fhirGet("Patient/" + patientId, patientToken).status()).isEqualTo(200);
    assertThat(haServlet.clientPorts).hasSize(1);

    // What an issue, a revocation or a registration does once committed: a connection checked
    // at its handshake must not outlive the change.
    tls.forget();
    assertThat(fhirGet("Patient/" + patientId, patientToken).status()).isEqualTo(200);

    assertThat(haServlet.clientPorts).hasSize(2);
  }

  @Test
  void pinningWhenAnotherHospitalsCertificateOnItsHostThenRefused() throws Exception {
    int hbPort = FreePorts.outsideEphemeralRange();
    register("hb", "https://127.0.0.1:" + hbPort + "/fhir");
    KeyPair hbKeys = Csrs.ec("secp384r1");
    X509Certificate hbCert =
        certificate(
            signCsr("hb", Csrs.pem("hb", hbKeys, null), operator)
                .json()
                .path("certificate")
                .path("pem")
                .asString());
    // Same CA, same host name in the SAN: only the registry entry tells them apart.
    AdapterHost impostor = adapter("hb", hbPort, haKeys.getPrivate(), haCert, hello());
    assertThatThrownBy(() -> metadata(hbPort)).isInstanceOf(IOException.class);
    impostor.close();
    adapter("hb", hbPort, hbKeys.getPrivate(), hbCert, hello());
    assertThat(metadata(hbPort)).isEqualTo(200);
  }

  @Test
  void pinningWhenCertificateRevokedThenRefusedAndListedInTheCrl() throws Exception {
    int hcPort = FreePorts.outsideEphemeralRange();
    register("hc", "https://127.0.0.1:" + hcPort + "/fhir");
    KeyPair keys = Csrs.rsa(2048);
    JsonNode issued = signCsr("hc", Csrs.pem("hc", keys, "127.0.0.1"), operator).json();
    X509Certificate cert = certificate(issued.path("certificate").path("pem").asString());
    adapter("hc", hcPort, keys.getPrivate(), cert, hello());
    assertThat(metadata(hcPort)).isEqualTo(200);

    String serial = issued.path("certificate").path("serial").asString();
    Answer revoked =
        post(
            "/admin/hospitals/hc/certificates/" + serial + "/revoke",
            operator,
            "{\"reason\":\"keyCompromise\"}");
    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.json().path("revokedAt").isNull()).isFalse();
    assertThatThrownBy(() -> metadata(hcPort)).isInstanceOf(IOException.class);

    HttpResponse<byte[]> crl =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/pki/crl")).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    X509CRL list =
        (X509CRL)
            CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(crl.body()));
    list.verify(ca.certificate().getPublicKey());
    assertThat(list.isRevoked(cert)).isTrue();
    assertThat(list.isRevoked(haCert)).isFalse();
  }

  @Test
  void pinningWhenCertificateExpiredThenRefused() throws Exception {
    int hdPort = FreePorts.outsideEphemeralRange();
    register("hd", "https://127.0.0.1:" + hdPort + "/fhir");
    KeyPair keys = Csrs.ec("secp256r1");
    X509Certificate expired =
        ca.issueServer(
            new X500Name("CN=hd"),
            keys.getPublic(),
            "127.0.0.1",
            Instant.now().minus(Duration.ofDays(3)),
            Duration.ofDays(1));
    certificates.record("hd", "127.0.0.1", expired, Instant.now());
    adapter("hd", hdPort, keys.getPrivate(), expired, hello());
    assertThatThrownBy(() -> metadata(hdPort)).isInstanceOf(IOException.class);
  }

  @Test
  void pinningWhenCertificateOfAnotherCaThenRefused() throws Exception {
    int hePort = FreePorts.outsideEphemeralRange();
    register("he", "https://127.0.0.1:" + hePort + "/fhir");
    TestPki other = TestPki.create("Another CA");
    TestPki.Issued stranger = other.server("he", "127.0.0.1");
    adapter("he", hePort, stranger.keys().getPrivate(), stranger.certificate(), hello());
    assertThatThrownBy(() -> metadata(hePort)).isInstanceOf(IOException.class);
  }

  @Test
  void linkageKeyWhenProvisionedThroughOperatorApiThenUsedWithoutRestartAndShownOnce()
      throws Exception {
    Hospital hk = new Hospital("hk", "케이병원", "Hospital K", "Busan", "Busan");
    SyntheticPopulation people = SyntheticPopulation.generate(12, 20, List.of(hk));
    int person = people.patientsAt("hk").get(0);
    String patient =
        accounts.createIfAbsent("onb-k", "onb-k", people.person(person).nationalId()).patientId();
    String token = TestTokens.valid(signingKey, patient).signed();
    int hkPort = FreePorts.outsideEphemeralRange();
    register("hk", "https://127.0.0.1:" + hkPort + "/fhir");
    KeyPair keys = Csrs.ec("secp256r1");
    JsonNode issued = signCsr("hk", Csrs.pem("hk", keys, "127.0.0.1"), operator).json();
    X509Certificate cert = certificate(issued.path("certificate").path("pem").asString());
    JsonNode before = get("/admin/hospitals/hk", operator).json();
    assertThat(before.path("callable").asBoolean()).isFalse();
    assertThat(before.path("notCallableBecause").asString()).isEqualTo("no-linkage-key");
    assertThat(before.path("linkageKey").asString()).isEqualTo("none");

    HttpResponse<String> made =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/admin/hospitals/hk/linkage-key"))
                .header("Authorization", "Bearer " + operator)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    assertThat(made.headers().firstValue("Cache-Control"))
        .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    String key = JSON.readTree(made.body()).path("key").asString();
    assertThat(Base64.getDecoder().decode(key)).hasSize(32);
    // Shown once: the status names where the key comes from, never the key.
    JsonNode after = get("/admin/hospitals/hk", operator).json();
    assertThat(after.path("linkageKey").asString()).isEqualTo("provisioned");
    assertThat(after.path("callable").asBoolean()).isTrue();
    assertThat(get("/admin/hospitals", operator).body()).doesNotContain(key);

    // The hospital's adapter takes the key it was handed; the gateway uses it from the next
    // request.
    adapter(
        "hk",
        hkPort,
        keys.getPrivate(),
        cert,
        new AdapterServlet(
            FHIR,
            "hk",
            new SimulatedHospital(
                people, hk, LinkageToken.withKey(Base64.getDecoder().decode(key))),
            Latency.NONE));
    Answer everything = fhirGet("Patient/" + patient + "/$everything", token);
    assertThat(everything.status()).isEqualTo(200);
    assertThat(everything.body()).contains("urn:hiway:hospital:hk");

    // A key in use is not replaced by accident, and a configured one not at all.
    Answer again = post("/admin/hospitals/hk/linkage-key", operator, "");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body()).contains("HIW-G028");
    Answer configured = post("/admin/hospitals/ha/linkage-key", operator, "");
    assertThat(configured.status()).isEqualTo(409);
    assertThat(configured.body()).contains("HIW-G028");
    assertThat(post("/admin/hospitals/nowhere/linkage-key", operator, "").status()).isEqualTo(404);
    assertThat(post("/admin/hospitals/hk/linkage-key", regulator, "").status()).isEqualTo(403);
    Answer replaced = post("/admin/hospitals/hk/linkage-key?replace=true", operator, "");
    assertThat(replaced.status()).isEqualTo(201);
    assertThat(JSON.readTree(replaced.body()).path("key").asString()).isNotEqualTo(key);
    // The adapter still has the old key: the person is no longer found there.
    assertThat(fhirGet("Patient/" + patient + "/$everything", token).body())
        .doesNotContain("urn:hiway:hospital:hk");

    // Revoking the hospital's certificate shows in its status at once.
    String serial = issued.path("certificate").path("serial").asString();
    assertThat(
            post(
                    "/admin/hospitals/hk/certificates/" + serial + "/revoke",
                    operator,
                    "{\"reason\":\"keyCompromise\"}")
                .status())
        .isEqualTo(200);
    JsonNode revoked = get("/admin/hospitals/hk", operator).json();
    assertThat(revoked.path("callable").asBoolean()).isFalse();
    assertThat(revoked.path("notCallableBecause").asString()).isEqualTo("no-valid-certificate");
  }

  @Test
  void adminWhenDisabledThenNotCalledAndWhenEnabledThenCalledAgain() throws Exception {
    Answer list = get("/admin/hospitals", operator);
    assertThat(list.status()).isEqualTo(200);
    JsonNode ha = find(list.json(), "ha");
    assertThat(ha.path("enabled").asBoolean()).isTrue();
    assertThat(ha.path("callable").asBoolean()).isTrue();
    assertThat(ha.path("certificateExpires").asString()).isNotBlank();

    assertThat(post("/admin/hospitals/ha/disable", operator, "").status()).isEqualTo(200);
    assertThat(find(get("/admin/hospitals", operator).json(), "ha").path("enabled").asBoolean())
        .isFalse();
    int before = haServlet.calls.get();
    fhirGet("Patient/" + patientId + "/$everything", patientToken);
    assertThat(haServlet.calls.get()).as("a disabled hospital is not called").isEqualTo(before);

    assertThat(post("/admin/hospitals/ha/enable", operator, "").status()).isEqualTo(200);
    Answer everything = fhirGet("Patient/" + patientId + "/$everything", patientToken);
    assertThat(everything.status()).isEqualTo(200);
    assertThat(haServlet.calls.get()).isGreaterThan(before);
    JsonNode after = find(get("/admin/hospitals", operator).json(), "ha");
    assertThat(after.path("breaker").asString()).isEqualTo("CLOSED");
    assertThat(after.path("lastCallSucceeded").asBoolean()).isTrue();
  }

  @Test
  void metricsAndHealthWhenOperatorThenPerHospitalAndOtherwiseNot() throws Exception {
    fhirGet("Patient/" + patientId + "/$everything", patientToken);
    assertThat(get("/fhir/Patient/" + patientId, null).status()).isEqualTo(401);
    Answer metrics = get("/actuator/prometheus", operator);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("hiway_hospital_calls_seconds_count{hospital=\"ha\",outcome=\"success\"")
        .contains("hiway_hospital_breaker_state{hospital=\"ha\"}")
        // The FHIR API's own request timer, refusals by the security chain included.
        .contains("hiway_fhir_requests_seconds_count{method=\"GET\",status=\"200\"}")
        .contains("hiway_fhir_requests_seconds_count{method=\"GET\",status=\"401\"}");
    assertThat(get("/actuator/prometheus", regulator).status()).isEqualTo(403);
    assertThat(get("/actuator/prometheus", null).status()).isEqualTo(401);

    Answer health = get("/actuator/health", operator);
    assertThat(
            health
                .json()
                .path("components")
                .path("hospitals")
                .path("details")
                .path("ha")
                .asString())
        .isEqualTo("UP");
    Answer anonymous = get("/actuator/health", null);
    assertThat(anonymous.status()).isEqualTo(200);
    assertThat(anonymous.body()).doesNotContain("hospitals");
  }

  @Test
  void adminWhenNotOperatorThenForbiddenAndWithoutTokenUnauthorized() throws Exception {
    Answer regulatorList = get("/admin/hospitals", regulator);
    assertThat(regulatorList.status()).isEqualTo(403);
    assertThat(regulatorList.errorCode()).isEqualTo("HIW-G004");
    assertThat(get("/admin/hospitals", patientToken).status()).isEqualTo(403);
    assertThat(signCsr("ha", Csrs.pem("ha", Csrs.ec("secp256r1"), null), regulator).status())
        .isEqualTo(403);
    assertThat(get("/admin/hospitals", null).status()).isEqualTo(401);
  }

  static Stream<Arguments> badCsrs() throws Exception {
    KeyPair good = Csrs.ec("secp256r1");
    return Stream.of(
        Arguments.of("not a CSR", "hello", 400, "HIW-G030"),
        Arguments.of(
            "a certificate, not a CSR",
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
            400,
            "HIW-G030"),
        Arguments.of("signature altered", Csrs.tampered("ha", good), 422, "HIW-G031"),
        Arguments.of("another hospital's name", Csrs.pem("hb", good, null), 422, "HIW-G032"),
        Arguments.of(
            "a SAN of another host", Csrs.pem("ha", good, "evil.example.com"), 422, "HIW-G032"),
        Arguments.of("RSA 1024", Csrs.pem("ha", Csrs.rsa(1024), null), 422, "HIW-G033"),
        Arguments.of("EC secp256k1", Csrs.pem("ha", Csrs.ec("secp256k1"), null), 422, "HIW-G033"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badCsrs")
  void signWhenCsrBadThenOperationOutcome(String name, String csr, int status, String code)
      throws Exception {
    int issuedBefore = certificates.ofHospital("ha").size();
    Answer answer = signCsr("ha", csr, operator);
    assertThat(answer.status()).isEqualTo(status);
    assertThat(answer.errorCode()).isEqualTo(code);
    assertThat(certificates.ofHospital("ha")).hasSize(issuedBefore);
  }

  @Test
  void registerWhenPlainHttpThenRefused() throws Exception {
    Answer answer = register("hz", "http://127.0.0.1:1/fhir");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.errorCode()).isEqualTo("HIW-G006");
  }

  @Test
  void registerWhenAnotherHospitalAtThatHostAndPortThenConflictAndNothingChanged()
      throws Exception {
    // Pinning is by host and port: two hospitals there could not be told apart.
    Answer answer = register("hy", "https://127.0.0.1:" + haPort + "/other");
    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.errorCode()).isEqualTo("HIW-G034");
    assertThat(get("/admin/hospitals/hy/certificates", operator).status()).isEqualTo(404);

    Answer badCode = register("Not A Code", "https://127.0.0.1:1/fhir");
    assertThat(badCode.status()).isEqualTo(400);
    assertThat(badCode.errorCode()).isEqualTo("HIW-G006");
  }

  @Test
  void revokeWhenSerialOfAnotherHospitalOrReasonTooLongThenRefusedAndNotRevoked() throws Exception {
    String haSerial = haCert.getSerialNumber().toString(16);
    int otherPort = FreePorts.outsideEphemeralRange();
    register("hx", "https://127.0.0.1:" + otherPort + "/fhir");

    Answer elsewhere =
        post("/admin/hospitals/hx/certificates/" + haSerial + "/revoke", operator, "{}");
    assertThat(elsewhere.status()).isEqualTo(404);
    assertThat(elsewhere.errorCode()).isEqualTo("HIW-G007");
    Answer longReason =
        post(
            "/admin/hospitals/ha/certificates/" + haSerial + "/revoke",
            operator,
            "{\"reason\":\"" + "x".repeat(41) + "\"}");
    assertThat(longReason.status()).isEqualTo(400);
    assertThat(longReason.errorCode()).isEqualTo("HIW-G006");
    Answer unknownHospital = post("/admin/hospitals/nowhere/disable", operator, "");
    assertThat(unknownHospital.status()).isEqualTo(404);

    assertThat(certificates.ofHospital("ha"))
        .filteredOn(c -> c.serial().equals(haSerial))
        .singleElement()
        .satisfies(c -> assertThat(c.revokedAt()).isNull());
    assertThat(fhirGet("Patient/" + patientId, patientToken).status()).isEqualTo(200);
  }

  // --- helpers

  record Answer(int status, String body) {
    JsonNode json() {
      return JSON.readTree(body);
    }

    String errorCode() {
      return FHIR.newJsonParser()
          .parseResource(OperationOutcome.class, body)
          .getIssueFirstRep()
          .getDetails()
          .getCodingFirstRep()
          .getCode();
    }
  }

  private Answer register(String code, String baseUrl) throws Exception {
    return post(
        "/admin/hospitals",
        operator,
        "{\"code\":\""
            + code
            + "\",\"nameKo\":\"병원\",\"nameEn\":\"Hospital "
            + code
            + "\",\"province\":\"Seoul\",\"city\":\"Seoul\",\"baseUrl\":\""
            + baseUrl
            + "\"}");
  }

  private Answer signCsr(String code, String csr, String token) throws Exception {
    return post(
        "/admin/hospitals/" + code + "/certificates",
        token,
        JSON.writeValueAsString(Map.of("csr", csr)));
  }

  private Answer get(String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
    return send(b, token);
  }

  private Answer fhirGet(String path, String token) throws Exception {
    return get("/fhir/" + path, token);
  }

  private Answer post(String path, String token, String json) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    return send(b, token);
  }

  private Answer send(HttpRequest.Builder b, String token) throws Exception {
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r =
        http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(r.statusCode(), r.body());
  }

  private static JsonNode find(JsonNode list, String code) {
    for (JsonNode n : list) {
      if (n.path("code").asString().equals(code)) {
        return n;
      }
    }
    throw new AssertionError("no hospital " + code + " in " + list);
  }

  /** GET {@code /metadata} through the gateway's own TLS context, on a fresh connection. */
  private int metadata(int adapterPort) throws Exception {
    try (HttpClient client =
        HttpClient.newBuilder()
            .sslContext(tls.context())
            .connectTimeout(Duration.ofSeconds(5))
            .build()) {
      return client
          .send(
              HttpRequest.newBuilder(
                      URI.create("https://127.0.0.1:" + adapterPort + "/fhir/metadata"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    }
  }

  private AdapterHost adapter(
      String name, int adapterPort, PrivateKey key, X509Certificate cert, HttpServlet servlet)
      throws Exception {
    AdapterTls adapterTls =
        AdapterTls.of(key, new X509Certificate[] {cert}, ca.certificate(), RevocationList.none());
    AdapterHost host =
        AdapterHost.start(
            "127.0.0.1", List.of(new AdapterHost.Mount(name, adapterPort, servlet, adapterTls)));
    hosts.add(host);
    return host;
  }

  private HttpServlet hello() {
    return new AdapterServlet(
        FHIR,
        "x",
        new SimulatedHospital(
            population, haHospital, LinkageToken.withKey(Base64.getDecoder().decode(KEY))),
        Latency.NONE);
  }

  private static X509Certificate certificate(String pem) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  /** An adapter that counts the requests it gets. */
  static final class Counting extends HttpServlet {
    final HttpServlet inner;
    final AtomicInteger calls = new AtomicInteger();
    final java.util.Set<Integer> clientPorts = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Counting(HttpServlet inner) {
      this.inner = inner;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
      super.init(config);
      inner.init(config);
    }

    @Override
    public void service(ServletRequest req, ServletResponse res)
        throws ServletException, IOException {
      calls.incrementAndGet();
      clientPorts.add(req.getRemotePort());
      inner.service(req, res);
    }

    @Override
    public void destroy() {
      inner.destroy();
    }
  }
}
