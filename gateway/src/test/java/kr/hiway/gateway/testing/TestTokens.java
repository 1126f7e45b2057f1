package kr.hiway.gateway.testing;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Access tokens made by hand, to present the resource server with every kind of bad token. {@link
 * #valid} gives a token the gateway would accept; each {@code with...} changes one thing.
 */
public final class TestTokens {

  private final RSAKey key;
  private String issuer = "http://localhost:8080";
  private List<String> audience = List.of("http://localhost:8080/fhir");
  private String patient;
  private String client = "demo-app";
  private String purpose;
  private String role;
  private String subject = "test-user";
  private String scope = "launch/patient patient/*.rs";
  private Instant notBefore = Instant.now().minusSeconds(5);
  private Instant expires = Instant.now().plus(Duration.ofMinutes(5));

  private TestTokens(RSAKey key) {
    this.key = key;
  }

  /** A token the gateway accepts, for {@code patient}, signed with the gateway's own key. */
  public static TestTokens valid(RSAKey key, String patient) {
    TestTokens t = new TestTokens(key);
    t.patient = patient;
    return t;
  }

  public TestTokens issuer(String value) {
    issuer = value;
    return this;
  }

  public TestTokens audience(String value) {
    audience = List.of(value);
    return this;
  }

  public TestTokens patient(String value) {
    patient = value;
    return this;
  }

  /** A third party's token: {@code system/*.rs}, that client, that purpose, no patient. */
  public static TestTokens recipient(RSAKey key, String clientId, String purpose) {
    TestTokens t = new TestTokens(key);
    t.client = clientId;
    t.purpose = purpose;
    t.scope = "system/*.rs";
    return t;
  }

  public TestTokens scope(String value) {
    scope = value;
    return this;
  }

  public TestTokens expires(Instant value) {
    expires = value;
    return this;
  }

  public TestTokens notBefore(Instant value) {
    notBefore = value;
    return this;
  }

  /** The token's subject (a staff member's user name). */
  public TestTokens subjectAs(String value) {
    subject = value;
    return this;
  }

  /** A staff member's role (the {@code hiway_role} claim), e.g. {@code trust-center}. */
  public TestTokens role(String value) {
    role = value;
    return this;
  }

  JWTClaimsSet claims() {
    JWTClaimsSet.Builder b =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .subject(subject)
            .audience(audience)
            .issueTime(Date.from(notBefore))
            .notBeforeTime(Date.from(notBefore))
            .expirationTime(Date.from(expires))
            .claim("client_id", client)
            .claim("scope", List.of(scope.split(" ")));
    if (patient != null) {
      b.claim("patient", patient);
    }
    if (role != null) {
      b.claim("hiway_role", role);
    }
    if (purpose != null) {
      b.claim("purpose_of_use", purpose);
      b.subject(client);
    }
    return b.build();
  }

  /** Signed with {@code signer} (the gateway's key, or another to test a bad signature). */
  public String signedWith(RSAKey signer) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(), claims());
    jwt.sign(new RSASSASigner(signer));
    return jwt.serialize();
  }

  public String signed() throws Exception {
    return signedWith(key);
  }

  /** The same claims with {@code alg: none} and no signature. */
  public String unsigned() {
    return new PlainJWT(claims()).serialize();
  }
}
