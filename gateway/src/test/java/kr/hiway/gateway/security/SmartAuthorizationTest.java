package kr.hiway.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.List;
import kr.hiway.gateway.account.StaffRole;
import kr.hiway.gateway.testing.GatewayHttp;
import kr.hiway.gateway.testing.SmartLogin;
import kr.hiway.gateway.testing.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The authorization server and the resource server as an attacker meets them: PKCE, codes,
 * refresh-token rotation, and every kind of bad access token.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:auth;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
      "hiway.demo.persons=500",
      "hiway.demo.mobile-backend-secret=test-secret"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmartAuthorizationTest {

  static final String SCOPE = "openid fhirUser launch/patient offline_access patient/*.rs";

  @LocalServerPort int port;
  @Autowired RSAKey signingKey;
  @Autowired kr.hiway.gateway.account.StaffAccounts staff;
  String base;
  GatewayHttp api;
  String patient;

  @BeforeAll
  void setUp() throws Exception {
    base = "http://localhost:" + port;
    api = new GatewayHttp(base);
    patient =
        new SmartLogin(base)
            .signIn("patient1", "patient1", SCOPE)
            .body()
            .path("patient")
            .asString();
  }

  @Test
  void tokenWhenCodeAndVerifierThenJwtWithSmartContextAndNoStore() throws Exception {
    SmartLogin.Tokens tokens = new SmartLogin(base).signIn("patient1", "patient1", SCOPE);
    assertThat(tokens.status()).isEqualTo(200);
    assertThat(tokens.headers().get("cache-control")).contains("no-store");
    assertThat(tokens.body().path("patient").asString()).isEqualTo(patient);
    assertThat(tokens.body().path("id_token").asString()).isNotBlank();
    SignedJWT jwt = SignedJWT.parse(tokens.accessToken());
    assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
    assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("http://localhost:8080/fhir");
    assertThat(jwt.getJWTClaimsSet().getStringClaim("patient")).isEqualTo(patient);
    assertThat(jwt.getJWTClaimsSet().getStringClaim("fhirUser")).isEqualTo("Patient/" + patient);
    assertThat(api.get("Patient/" + patient, tokens.accessToken()).status()).isEqualTo(200);
  }

  @Test
  void authorizeWhenPkcePlainThenRefused() {
    SmartLogin login = new SmartLogin(base);
    String verifier = SmartLogin.verifier();
    assertThatThrownBy(
            () -> login.authorize("demo-app", "patient1", "patient1", SCOPE, verifier, "plain"))
        .hasMessageContaining("no code");
  }

  @Test
  void authorizeWhenAudIsAnotherServerThenErrorRedirectAndNoCode() {
    for (String aud : List.of("http://evil.example/fhir", "http://localhost:8080", "")) {
      SmartLogin login = new SmartLogin(base).withAud(aud);
      String verifier = SmartLogin.verifier();
      assertThatThrownBy(() ->
              login.authorize(
                  "demo-app",
                  "patient1",
                  "patient1",
                  SCOPE,
                  SmartLogin.challenge(verifier),
                  "S256"))
          .as(aud)
          .hasMessageContaining("no code")
          .hasMessageContaining("error=invalid_request");
    }
  }

  @Test
  void authorizeWhenAudIsThisServerWithATrailingSlashThenCode() throws Exception {
    SmartLogin login = new SmartLogin(base).withAud("http://localhost:8080/fhir/");
    String verifier = SmartLogin.verifier();
    assertThat(
            login.authorize(
                "demo-app", "patient1", "patient1", SCOPE, SmartLogin.challenge(verifier), "S256"))
        .isNotBlank();
  }

  @Test
  void tokenWhenAStaffAccountSignsInToThePatientAppThenInvalidScopeNot500() throws Exception {
    staff.createIfAbsent("regulator", "regulator", StaffRole.REGULATOR);
    SmartLogin.Tokens tokens = new SmartLogin(base).signIn("regulator", "regulator", SCOPE);
    assertThat(tokens.status()).isEqualTo(400);
    assertThat(tokens.body().path("error").asString()).isEqualTo("invalid_scope");
  }

  @Test
  void authorizeWhenPkceMissingThenRefused() {
    SmartLogin login = new SmartLogin(base);
    assertThatThrownBy(() -> login.authorize("demo-app", "patient1", "patient1", SCOPE, null, null))
        .hasMessageContaining("no code");
  }

  @Test
  void tokenWhenVerifierWrongOrBlankThenInvalidGrant() throws Exception {
    SmartLogin login = new SmartLogin(base);
    String verifier = SmartLogin.verifier();
    String code =
        login.authorize(
            "demo-app", "patient1", "patient1", SCOPE, SmartLogin.challenge(verifier), "S256");
    SmartLogin.Tokens wrong = login.exchange("demo-app", null, code, SmartLogin.verifier());
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.body().path("error").asString()).isEqualTo("invalid_grant");
    String code2 =
        login.authorize(
            "demo-app", "patient1", "patient1", SCOPE, SmartLogin.challenge(verifier), "S256");
    SmartLogin.Tokens blank = login.exchange("demo-app", null, code2, "");
    assertThat(blank.status()).isEqualTo(400);
  }

  @Test
  void tokenWhenCodeReusedThenInvalidGrant() throws Exception {
    SmartLogin login = new SmartLogin(base);
    String verifier = SmartLogin.verifier();
    String code =
        login.authorize(
            "demo-app", "patient1", "patient1", SCOPE, SmartLogin.challenge(verifier), "S256");
    SmartLogin.Tokens first = login.exchange("demo-app", null, code, verifier);
    assertThat(first.status()).isEqualTo(200);
    assertThat(api.get("Patient/" + patient, first.accessToken()).status()).isEqualTo(200);
    SmartLogin.Tokens again = login.exchange("demo-app", null, code, verifier);
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.body().path("error").asString()).isEqualTo("invalid_grant");
    // A reused code means it was stolen: what it gave is revoked, the access token included.
    assertThat(api.get("Patient/" + patient, first.accessToken()).status()).isEqualTo(401);
  }

  @Test
  void revokeWhenAccessTokenRevokedThenRefusedAtOnce() throws Exception {
    SmartLogin.Tokens tokens = mobileBackendTokens(new SmartLogin(base));
    assertThat(api.get("Patient/" + patient, tokens.accessToken()).status()).isEqualTo(200);
    assertThat(new SmartLogin(base).revoke("mobile-backend", "test-secret", tokens.accessToken()))
        .isEqualTo(200);
    assertThat(api.get("Patient/" + patient, tokens.accessToken()).status()).isEqualTo(401);
  }

  @Test
  void revokeWhenRefreshTokenRevokedThenItsAccessTokensRefused() throws Exception {
    SmartLogin login = new SmartLogin(base);
    SmartLogin.Tokens tokens = mobileBackendTokens(login);
    SmartLogin.Tokens refreshed =
        login.refresh("mobile-backend", "test-secret", tokens.refreshToken(), null);
    assertThat(api.get("Patient/" + patient, tokens.accessToken()).status()).isEqualTo(200);
    assertThat(
            new SmartLogin(base).revoke("mobile-backend", "test-secret", refreshed.refreshToken()))
        .isEqualTo(200);
    // Both the current access token and the one issued before the refresh belong to the grant.
    assertThat(api.get("Patient/" + patient, refreshed.accessToken()).status()).isEqualTo(401);
    assertThat(api.get("Patient/" + patient, tokens.accessToken()).status()).isEqualTo(401);
  }

  private static SmartLogin.Tokens mobileBackendTokens(SmartLogin login) throws Exception {
    SmartLogin.Tokens tokens =
        login.signIn("mobile-backend", "test-secret", "patient1", "patient1", SCOPE);
    assertThat(tokens.status()).isEqualTo(200);
    return tokens;
  }

  @Test
  void refreshWhenRotatedTokenReplayedThenWholeGrantRevoked() throws Exception {
    SmartLogin login = new SmartLogin(base);
    String verifier = SmartLogin.verifier();
    String code =
        login.authorize(
            "mobile-backend",
            "patient1",
            "patient1",
            SCOPE,
            SmartLogin.challenge(verifier),
            "S256");
    SmartLogin.Tokens issued = login.exchange("mobile-backend", "test-secret", code, verifier);
    assertThat(issued.status()).isEqualTo(200);
    String first = issued.refreshToken();
    assertThat(first).isNotBlank();

    SmartLogin.Tokens rotated = login.refresh("mobile-backend", "test-secret", first, null);
    assertThat(rotated.status()).isEqualTo(200);
    String second = rotated.refreshToken();
    assertThat(second).isNotEqualTo(first);

    SmartLogin.Tokens replay = login.refresh("mobile-backend", "test-secret", first, null);
    assertThat(replay.status()).isEqualTo(400);
    assertThat(replay.body().path("error").asString()).isEqualTo("invalid_grant");
    // The replay revoked the grant: the newest refresh token is dead too.
    SmartLogin.Tokens afterRevocation =
        login.refresh("mobile-backend", "test-secret", second, null);
    assertThat(afterRevocation.status()).isEqualTo(400);
    // And so are its access tokens, which are checked locally.
    assertThat(api.get("Patient/" + patient, issued.accessToken()).status()).isEqualTo(401);
    assertThat(api.get("Patient/" + patient, rotated.accessToken()).status()).isEqualTo(401);
  }

  @Test
  void refreshWhenScopeWiderThanGrantedThenInvalidScope() throws Exception {
    SmartLogin login = new SmartLogin(base);
    String verifier = SmartLogin.verifier();
    String code =
        login.authorize(
            "mobile-backend",
            "patient1",
            "patient1",
            "launch/patient offline_access patient/Observation.rs",
            SmartLogin.challenge(verifier),
            "S256");
    SmartLogin.Tokens issued = login.exchange("mobile-backend", "test-secret", code, verifier);
    SmartLogin.Tokens wider =
        login.refresh(
            "mobile-backend", "test-secret", issued.refreshToken(), "launch/patient patient/*.rs");
    assertThat(wider.status()).isEqualTo(400);
    assertThat(wider.body().path("error").asString()).isEqualTo("invalid_scope");
  }

  @Test
  void fhirWhenNoTokenThen401WithOutcome() throws Exception {
    GatewayHttp.Answer answer = api.get("Patient/" + patient, null);
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.errorCode()).isEqualTo("HIW-G001");
    assertThat(answer.raw().headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
  }

  @Test
  void fhirWhenHandMadeValidTokenThen200() throws Exception {
    // The control for the token faults below: the same maker, nothing wrong.
    assertThat(
            api.get("Patient/" + patient, TestTokens.valid(signingKey, patient).signed()).status())
        .isEqualTo(200);
  }

  @Test
  void fhirWhenTokenExpiredThen401() throws Exception {
    String token =
        TestTokens.valid(signingKey, patient)
            .notBefore(Instant.now().minusSeconds(3600))
            .expires(Instant.now().minusSeconds(600))
            .signed();
    assertInvalidToken(token);
  }

  @Test
  void fhirWhenTokenNotYetValidThen401() throws Exception {
    String token =
        TestTokens.valid(signingKey, patient)
            .notBefore(Instant.now().plusSeconds(600))
            .expires(Instant.now().plusSeconds(1200))
            .signed();
    assertInvalidToken(token);
  }

  @Test
  void fhirWhenWrongAudienceThen401() throws Exception {
    assertInvalidToken(
        TestTokens.valid(signingKey, patient).audience("https://elsewhere/fhir").signed());
  }

  @Test
  void fhirWhenWrongIssuerThen401() throws Exception {
    assertInvalidToken(
        TestTokens.valid(signingKey, patient).issuer("https://evil.example").signed());
  }

  @Test
  void fhirWhenSignedWithAnotherKeyThen401() throws Exception {
    // The gateway's kid on another key: found by its kid, refused by its signature.
    RSAKey other = new RSAKeyGenerator(2048).keyID(signingKey.getKeyID()).generate();
    assertInvalidToken(TestTokens.valid(signingKey, patient).signedWith(other));
  }

  @Test
  void fhirWhenAlgNoneThen401() throws Exception {
    assertInvalidToken(TestTokens.valid(signingKey, patient).unsigned());
  }

  @Test
  void fhirWhenPatientScopesButNoPatientContextThen401() throws Exception {
    assertInvalidToken(TestTokens.valid(signingKey, patient).patient(null).signed());
  }

  @Test
  void fhirWhenAuthorizationHeaderMalformedThen401() throws Exception {
    assertInvalidToken("two words");
    assertInvalidToken("");
    assertInvalidToken("abc=def");
  }

  @Test
  void fhirWhenTokenOnlyInTheUrlThen401AsIfNone() throws Exception {
    // Tokens in URLs end up in logs: a valid one there is not taken.
    String valid = TestTokens.valid(signingKey, patient).signed();
    GatewayHttp.Answer answer = api.get("Patient/" + patient + "?access_token=" + valid, null);
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.errorCode()).isEqualTo("HIW-G001");
  }

  @Test
  void fhirWhenTokenInHeaderAndUrlThenRefused() throws Exception {
    String valid = TestTokens.valid(signingKey, patient).signed();
    GatewayHttp.Answer answer = api.get("Patient/" + patient + "?access_token=" + valid, valid);
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).contains("OperationOutcome");
  }

  @Test
  void smartConfigurationWhenFetchedThenAdvertisesS256Only() throws Exception {
    GatewayHttp.Answer answer = api.get(".well-known/smart-configuration", null);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body())
        .contains("\"code_challenge_methods_supported\":[\"S256\"]")
        .contains("launch-standalone")
        .contains("/oauth2/token");
  }

  @Test
  void metadataWhenFetchedThenCarriesSmartSecurity() throws Exception {
    GatewayHttp.Answer answer = api.get("metadata", null);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body())
        .contains("SMART-on-FHIR")
        .contains("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris");
  }

  private void assertInvalidToken(String token) throws Exception {
    GatewayHttp.Answer answer = api.get("Patient/" + patient, token);
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.errorCode()).isEqualTo("HIW-G002");
  }
}
