package kr.hiway.gateway.security.backend;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Client assertions made by hand, to present the token endpoint with every kind of bad one. {@link
 * #valid} gives an assertion the gateway accepts; each setter changes one thing. Not thread-safe.
 */
final class TestAssertions {

  /** What the gateway publishes as its token endpoint (the configured issuer's). */
  static final String TOKEN_ENDPOINT = "http://localhost:8080/oauth2/token";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private String issuer;
  private String subject;
  private String audience = TOKEN_ENDPOINT;
  private Instant expires = Instant.now().plusSeconds(240);
  private String jti = UUID.randomUUID().toString();

  private TestAssertions(String clientId) {
    this.issuer = clientId;
    this.subject = clientId;
  }

  static TestAssertions valid(String clientId) {
    return new TestAssertions(clientId);
  }

  TestAssertions issuer(String value) {
    issuer = value;
    return this;
  }

  TestAssertions subject(String value) {
    subject = value;
    return this;
  }

  TestAssertions audience(String value) {
    audience = value;
    return this;
  }

  TestAssertions expires(Instant value) {
    expires = value;
    return this;
  }

  TestAssertions jti(String value) {
    jti = value;
    return this;
  }

  JWTClaimsSet claims() {
    JWTClaimsSet.Builder b =
        new JWTClaimsSet.Builder().issuer(issuer).subject(subject).audience(audience).jwtID(jti);
    if (expires != null) {
      b.expirationTime(Date.from(expires));
    }
    return b.build();
  }

  /** Signed with {@code key}: ES384 for an EC key, RS384 for an RSA key; {@code kid} the key's. */
  String signedWith(JWK key) throws Exception {
    return key instanceof ECKey ec
        ? sign(JWSAlgorithm.ES384, key.getKeyID(), new ECDSASigner(ec))
        : sign(JWSAlgorithm.RS384, key.getKeyID(), new RSASSASigner((RSAKey) key));
  }

  /** HS256 with {@code secret} as the key: the algorithm-confusion attack. */
  String hmac(byte[] secret, String keyId) throws Exception {
    return sign(JWSAlgorithm.HS256, keyId, new MACSigner(secret));
  }

  /** The same claims with {@code alg: none} and no signature. */
  String unsigned() {
    return new PlainJWT(claims()).serialize();
  }

  private String sign(JWSAlgorithm alg, String keyId, JWSSigner signer) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).keyID(keyId).build(), claims());
    jwt.sign(signer);
    return jwt.serialize();
  }

  /** What the token endpoint answered. */
  record Answer(int status, JsonNode body) {
    String error() {
      return body.path("error").asString();
    }

    String accessToken() {
      return body.path("access_token").asString();
    }
  }

  /**
   * A SMART Backend Services token request, as such a client makes it: no {@code client_id}
   * parameter unless {@code clientId} is given.
   */
  static Answer request(String base, String assertion, String scope, String clientId)
      throws Exception {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    form.put("scope", scope);
    form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    form.put("client_assertion", assertion);
    if (clientId != null) {
      form.put("client_id", clientId);
    }
    String body =
        form.entrySet().stream()
            .map(e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode json =
        response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    return new Answer(response.statusCode(), json);
  }

  static Answer request(String base, String assertion, String scope) throws Exception {
    return request(base, assertion, scope, null);
  }
}
