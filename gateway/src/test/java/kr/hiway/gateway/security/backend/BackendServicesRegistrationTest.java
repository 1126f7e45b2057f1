package kr.hiway.gateway.security.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/** What a recipient is registered as, and the assertions the command-line client makes. */
class BackendServicesRegistrationTest {

  @Test
  void toRegisteredClientWhenRecipientThenPrivateKeyJwtClientCredentialsSystemScopes()
      throws Exception {
    ECKey key = new ECKeyGenerator(Curve.P_384).keyID("k1").generate();
    RegisteredClient client =
        new RecipientRegistration("clinic-x", "Clinic X", "TREAT", new JWKSet(key))
            .toRegisteredClient();
    assertThat(client.getClientId()).isEqualTo("clinic-x");
    assertThat(client.getClientAuthenticationMethods())
        .containsExactly(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
    assertThat(client.getAuthorizationGrantTypes())
        .containsExactly(AuthorizationGrantType.CLIENT_CREDENTIALS);
    assertThat(client.getScopes())
        .contains(
            "system/*.rs", "system/Patient.rs", "system/Observation.rs", "system/Procedure.rs")
        .hasSize(11)
        .allMatch(s -> s.startsWith("system/") && s.endsWith(".rs"));
    assertThat(client.getTokenSettings().getAccessTokenTimeToLive()).hasMinutes(5);
    assertThat(client.getClientSecret()).isNull();
    assertThat(client.getClientSettings().getJwkSetUrl()).isNull();
    assertThat(RecipientRegistration.purposeOf(client)).contains("TREAT");
    assertThat(RecipientRegistration.registeredKeys(client))
        .hasValueSatisfying(keys -> assertThat(keys.getKeyByKeyId("k1")).isNotNull());
  }

  @Test
  void constructorWhenPrivateKeyGivenThenOnlyThePublicPartIsKept() throws Exception {
    ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
    RecipientRegistration registration =
        new RecipientRegistration("clinic-x", "Clinic X", "TREAT", new JWKSet(key));
    assertThat(registration.publicKeys().containsNonPublicKeys()).isFalse();
    RegisteredClient client = registration.toRegisteredClient();
    assertThat(RecipientRegistration.registeredKeys(client).orElseThrow().containsNonPublicKeys())
        .isFalse();
    assertThat(client.getClientSettings().<String>getSetting(RecipientRegistration.KEYS_SETTING))
        .doesNotContain("\"d\"");
  }

  @Test
  void constructorWhenKeyIsSymmetricWeakOrOnAnUnsupportedCurveThenRefused() throws Exception {
    for (JWKSet keys :
        new JWKSet[] {
          new JWKSet(new OctetSequenceKeyGenerator(256).generate()),
          new JWKSet(new RSAKeyGenerator(1024, true).generate()),
          new JWKSet(new ECKeyGenerator(Curve.P_521).generate()),
          new JWKSet()
        }) {
      assertThatThrownBy(() -> new RecipientRegistration("c", "C", "TREAT", keys))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void constructorWhenPurposeIsNotACodeThenRefused() throws Exception {
    JWKSet keys = new JWKSet(new ECKeyGenerator(Curve.P_384).generate());
    assertThatThrownBy(() -> new RecipientRegistration("c", "C", "for treatment", keys))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void purposeOfWhenPatientAppThenEmpty() {
    RegisteredClient app =
        RegisteredClient.withId("app")
            .clientId("app")
            .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri("http://127.0.0.1/callback")
            .build();
    assertThat(RecipientRegistration.purposeOf(app)).isEmpty();
  }

  @Test
  void cliAssertionWhenEcP384KeyThenEs384WithinFiveMinutesAndFreshJti() throws Exception {
    ECKey key = new ECKeyGenerator(Curve.P_384).keyIDFromThumbprint(true).generate();
    Instant now = Instant.now();
    SignedJWT first =
        SignedJWT.parse(ClientAssertionCli.assertion(key, "clinic-x", "http://as/token", now));
    SignedJWT second =
        SignedJWT.parse(ClientAssertionCli.assertion(key, "clinic-x", "http://as/token", now));
    assertThat(first.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES384);
    assertThat(first.getHeader().getKeyID()).isEqualTo(key.getKeyID());
    assertThat(first.getJWTClaimsSet().getIssuer()).isEqualTo("clinic-x");
    assertThat(first.getJWTClaimsSet().getSubject()).isEqualTo("clinic-x");
    assertThat(first.getJWTClaimsSet().getAudience()).containsExactly("http://as/token");
    assertThat(first.getJWTClaimsSet().getExpirationTime().toInstant())
        .isAfter(now)
        .isBeforeOrEqualTo(now.plus(ClientAssertionChecks.MAX_LIFETIME));
    assertThat(first.getJWTClaimsSet().getJWTID())
        .isNotBlank()
        .isNotEqualTo(second.getJWTClaimsSet().getJWTID());
  }
}
