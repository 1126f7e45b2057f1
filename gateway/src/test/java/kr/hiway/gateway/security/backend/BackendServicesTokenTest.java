package kr.hiway.gateway.security.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import kr.hiway.gateway.testing.GatewayHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * SMART Backend Services at the token endpoint, as a recipient and as an attacker meet it: a good
 * assertion gets a short-lived system token carrying the registered purpose of use, and every kind
 * of bad assertion gets 401 {@code invalid_client}.
 *
 * <p>Assertions name the token endpoint as the configured issuer publishes it ({@code
 * http://localhost:8080/oauth2/token}), though the test server listens on a random port: the
 * audience is the published endpoint, not the URL a request arrives at.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:backend;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
      "hiway.demo.persons=500"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackendServicesTokenTest {

  static final String CLIENT = "test-lab";
  static final String SCOPE = "system/*.rs";

  static final Path KEY_FOLDER = temporaryFolder();

  @DynamicPropertySource
  static void keyFolder(DynamicPropertyRegistry registry) {
    registry.add("hiway.demo.recipient-keys", KEY_FOLDER::toString);
  }

  @LocalServerPort int port;
  @Autowired RegisteredClientRepository clients;
  @Autowired JdbcClient jdbc;
  String base;
  ECKey ecKey;
  RSAKey rsaKey;

  @BeforeAll
  void setUp() throws Exception {
    base = "http://localhost:" + port;
    ecKey = new ECKeyGenerator(Curve.P_384).keyID("lab-ec").generate();
    rsaKey = new RSAKeyGenerator(3072).keyID("lab-rsa").generate();
    clients.save(
        new RecipientRegistration(
                CLIENT, "Test lab", "TREAT", new JWKSet(List.<JWK>of(ecKey, rsaKey)))
            .toRegisteredClient());
  }

  @Test
  void tokenWhenEs384AssertionThenSystemTokenWithPurposeAndNoPatient() throws Exception {
    TestAssertions.Answer answer =
        TestAssertions.request(base, TestAssertions.valid(CLIENT).signedWith(ecKey), SCOPE);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().path("token_type").asString()).isEqualTo("Bearer");
    assertThat(answer.body().path("expires_in").asLong()).isBetween(1L, 300L);
    assertThat(answer.body().has("refresh_token")).isFalse();
    assertThat(answer.body().has("patient")).isFalse();
    SignedJWT token = SignedJWT.parse(answer.accessToken());
    JWTClaimsSet claims = token.getJWTClaimsSet();
    assertThat(claims.getSubject()).isEqualTo(CLIENT);
    assertThat(claims.getStringClaim("client_id")).isEqualTo(CLIENT);
    assertThat(claims.getIssuer()).isEqualTo("http://localhost:8080");
    assertThat(claims.getAudience()).containsExactly("http://localhost:8080/fhir");
    assertThat(claims.getStringListClaim("scope")).containsExactly(SCOPE);
    assertThat(claims.getStringClaim("purpose_of_use")).isEqualTo("TREAT");
    assertThat(claims.getClaims()).doesNotContainKeys("patient", "fhirUser");
  }

  @Test
  void tokenWhenRs384AssertionThen200() throws Exception {
    TestAssertions.Answer answer =
        TestAssertions.request(
            base, TestAssertions.valid(CLIENT).signedWith(rsaKey), "system/Observation.rs");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(SignedJWT.parse(answer.accessToken()).getJWTClaimsSet().getStringListClaim("scope"))
        .containsExactly("system/Observation.rs");
  }

  @Test
  void tokenWhenClientIdAlsoSentThen200() throws Exception {
    String assertion = TestAssertions.valid(CLIENT).signedWith(ecKey);
    assertThat(TestAssertions.request(base, assertion, SCOPE, CLIENT).status()).isEqualTo(200);
  }

  @Test
  void tokenWhenAudienceIsTheIssuerThen200() throws Exception {
    String assertion =
        TestAssertions.valid(CLIENT).audience("http://localhost:8080").signedWith(ecKey);
    assertThat(TestAssertions.request(base, assertion, SCOPE).status()).isEqualTo(200);
  }

  @Test
  void fhirWhenRecipientTokenThenAcceptedByTheResourceServer() throws Exception {
    String token =
        TestAssertions.request(base, TestAssertions.valid(CLIENT).signedWith(ecKey), SCOPE)
            .accessToken();
    GatewayHttp.Answer answer = new GatewayHttp(base).get("Patient/anyone", token);
    // Authenticated (not 401); what a recipient may read is consent enforcement's to decide, and
    // no consent covers this one.
    assertThat(answer.status()).isNotEqualTo(401).isEqualTo(403);
  }

  @Test
  void tokenWhenDemoRecipientSignsWithItsKeyFileThenTokenCarriesItsPurpose() throws Exception {
    for (String[] recipient :
        List.of(
            new String[] {"clinic-seoul", "TREAT"},
            new String[] {"research-cohort", "HRESCH"},
            new String[] {"research-cohort-2", "HRESCH"})) {
      JWK key = RecipientKeyFile.read(KEY_FOLDER.resolve(recipient[0] + ".jwk.json"));
      String assertion =
          ClientAssertionCli.assertion(
              key, recipient[0], TestAssertions.TOKEN_ENDPOINT, Instant.now());
      TestAssertions.Answer answer = TestAssertions.request(base, assertion, SCOPE);
      assertThat(answer.status()).isEqualTo(200);
      JWTClaimsSet claims = SignedJWT.parse(answer.accessToken()).getJWTClaimsSet();
      assertThat(claims.getSubject()).isEqualTo(recipient[0]);
      assertThat(claims.getStringClaim("purpose_of_use")).isEqualTo(recipient[1]);
    }
    assertThat(KEY_FOLDER.resolve(".gitignore")).content().contains("*");
  }

  @Test
  void tokenWhenSignedByAnotherKeyWithTheSameKidThenInvalidClient() throws Exception {
    ECKey forger = new ECKeyGenerator(Curve.P_384).keyID(ecKey.getKeyID()).generate();
    assertInvalidClient(TestAssertions.valid(CLIENT).signedWith(forger));
  }

  @Test
  void tokenWhenSignedByAnUnregisteredKeyThenInvalidClient() throws Exception {
    RSAKey forger = new RSAKeyGenerator(2048).keyID("elsewhere").generate();
    assertInvalidClient(TestAssertions.valid(CLIENT).signedWith(forger));
  }

  @Test
  void tokenWhenAssertionExpiredThenInvalidClient() throws Exception {
    assertInvalidClient(
        TestAssertions.valid(CLIENT).expires(Instant.now().minusSeconds(120)).signedWith(ecKey));
  }

  @Test
  void tokenWhenExpiryMoreThanFiveMinutesAheadThenInvalidClient() throws Exception {
    assertInvalidClient(
        TestAssertions.valid(CLIENT).expires(Instant.now().plusSeconds(600)).signedWith(ecKey));
  }

  @Test
  void tokenWhenExpiryMissingThenInvalidClient() throws Exception {
    assertInvalidClient(TestAssertions.valid(CLIENT).expires(null).signedWith(ecKey));
  }

  @Test
  void tokenWhenAssertionReplayedThenInvalidClient() throws Exception {
    String assertion = TestAssertions.valid(CLIENT).signedWith(ecKey);
    assertThat(TestAssertions.request(base, assertion, SCOPE).status()).isEqualTo(200);
    assertInvalidClient(assertion);
  }

  @Test
  void tokenWhenJtiReusedInANewAssertionThenInvalidClient() throws Exception {
    String jti = UUID.randomUUID().toString();
    String first = TestAssertions.valid(CLIENT).jti(jti).signedWith(ecKey);
    assertThat(TestAssertions.request(base, first, SCOPE).status()).isEqualTo(200);
    assertInvalidClient(TestAssertions.valid(CLIENT).jti(jti).signedWith(rsaKey));
  }

  @Test
  void tokenWhenRefusedAssertionThenItsJtiIsNotUsedUp() throws Exception {
    String jti = UUID.randomUUID().toString();
    assertInvalidClient(
        TestAssertions.valid(CLIENT)
            .jti(jti)
            .audience("https://elsewhere.example")
            .signedWith(ecKey));
    String good = TestAssertions.valid(CLIENT).jti(jti).signedWith(ecKey);
    assertThat(TestAssertions.request(base, good, SCOPE).status()).isEqualTo(200);
  }

  @Test
  void tokenWhenJtiMissingThenInvalidClient() throws Exception {
    assertInvalidClient(TestAssertions.valid(CLIENT).jti(null).signedWith(ecKey));
  }

  @Test
  void tokenWhenAudienceWrongThenInvalidClient() throws Exception {
    assertInvalidClient(
        TestAssertions.valid(CLIENT)
            .audience("https://elsewhere.example/oauth2/token")
            .signedWith(ecKey));
  }

  @Test
  void tokenWhenAudienceIsTheUnpublishedUrlReachedThenInvalidClient() throws Exception {
    // Only the published endpoint (of the configured issuer) counts, not the Host a request used.
    assertInvalidClient(
        TestAssertions.valid(CLIENT).audience(base + "/oauth2/token").signedWith(ecKey));
  }

  @Test
  void tokenWhenIssuerIsNotTheSubjectThenInvalidClient() throws Exception {
    String assertion = TestAssertions.valid(CLIENT).issuer("clinic-seoul").signedWith(ecKey);
    // Named by client_id, so that the client's own keys verify the signature and iss is what fails.
    assertInvalidClient(TestAssertions.request(base, assertion, SCOPE, CLIENT));
    // Named by iss only: the keys of the client it names do not verify the signature.
    assertInvalidClient(assertion);
  }

  @Test
  void tokenWhenSubjectIsNotTheClientThenInvalidClient() throws Exception {
    assertInvalidClient(TestAssertions.valid(CLIENT).subject("clinic-seoul").signedWith(ecKey));
  }

  @Test
  void tokenWhenAlgNoneThenInvalidClient() throws Exception {
    assertInvalidClient(TestAssertions.valid(CLIENT).unsigned());
  }

  @Test
  void tokenWhenHmacWithThePublicKeyAsSecretThenInvalidClient() throws Exception {
    assertInvalidClient(
        TestAssertions.valid(CLIENT).hmac(rsaKey.toPublicKey().getEncoded(), rsaKey.getKeyID()));
    assertInvalidClient(
        TestAssertions.valid(CLIENT)
            .hmac(
                ecKey
                    .toPublicJWK()
                    .toJSONString()
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                ecKey.getKeyID()));
  }

  @Test
  void tokenWhenClientNotRegisteredThenInvalidClient() throws Exception {
    assertInvalidClient(TestAssertions.valid("nobody").signedWith(ecKey));
  }

  @Test
  void tokenWhenAssertionIsNotAJwtThenInvalidClient() throws Exception {
    assertInvalidClient("not-a-jwt");
  }

  @Test
  void tokenWhenScopeOutsideRegistrationThenInvalidScope() throws Exception {
    for (String scope : List.of("patient/*.rs", "system/*.cruds", "system/*.rs launch/patient")) {
      TestAssertions.Answer answer =
          TestAssertions.request(base, TestAssertions.valid(CLIENT).signedWith(ecKey), scope);
      assertThat(answer.status()).as(scope).isEqualTo(400);
      assertThat(answer.error()).as(scope).isEqualTo("invalid_scope");
    }
  }

  @Test
  void replayWhenAnotherInstanceRecordedTheJtiThenRefused() throws Exception {
    String jti = UUID.randomUUID().toString();
    assertThat(
            TestAssertions.request(
                    base, TestAssertions.valid(CLIENT).jti(jti).signedWith(ecKey), SCOPE)
                .status())
        .isEqualTo(200);
    // A second gateway instance on the same database.
    UsedAssertionIds other = new UsedAssertionIds(jdbc, Clock.systemUTC());
    assertThat(other.firstUse(CLIENT, jti, Instant.now().plusSeconds(60))).isFalse();
    // The jti is the client's own: another client may use the same value.
    assertThat(other.firstUse("clinic-seoul", jti, Instant.now().plusSeconds(60))).isTrue();
  }

  @Test
  void purgeWhenAssertionsExpiredThenTheirJtiAreForgotten() {
    UsedAssertionIds used = new UsedAssertionIds(jdbc, Clock.systemUTC());
    String jti = UUID.randomUUID().toString();
    assertThat(used.firstUse(CLIENT, jti, Instant.now().minusSeconds(1))).isTrue();
    assertThat(used.purgeExpired()).isPositive();
    assertThat(used.firstUse(CLIENT, jti, Instant.now().plusSeconds(60))).isTrue();
  }

  @Test
  void smartConfigurationWhenFetchedThenAdvertisesBackendServices() throws Exception {
    GatewayHttp.Answer answer = new GatewayHttp(base).get(".well-known/smart-configuration", null);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body())
        .contains("\"client_credentials\"")
        .contains("\"private_key_jwt\"")
        .contains("\"token_endpoint_auth_signing_alg_values_supported\":[\"RS384\",\"ES384\"")
        .contains("\"client-confidential-asymmetric\"")
        .contains("\"system/*.rs\"")
        .contains("\"system/Observation.rs\"");
  }

  private void assertInvalidClient(String assertion) throws Exception {
    assertInvalidClient(TestAssertions.request(base, assertion, SCOPE));
  }

  private static void assertInvalidClient(TestAssertions.Answer answer) {
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.error()).isEqualTo("invalid_client");
    assertThat(answer.body().has("access_token")).isFalse();
  }

  private static Path temporaryFolder() {
    try {
      Path folder = Files.createTempDirectory("hiway-recipients");
      folder.toFile().deleteOnExit();
      return folder.resolve("keys");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
