package kr.hiway.gateway.security.backend;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A SMART Backend Services client on the command line: finds the token endpoint through the FHIR
 * server's {@code .well-known/smart-configuration}, signs a client assertion with a private JWK
 * file, asks for an access token with the client-credentials grant and prints the token response.
 *
 * <pre>
 * java -cp gateway/target/gateway.jar \
 *   -Dloader.main=kr.hiway.gateway.security.backend.ClientAssertionCli \
 *   org.springframework.boot.loader.launch.PropertiesLauncher \
 *   CLIENT_ID KEY_FILE [SCOPE (system/*.rs)] [FHIR_BASE (http://localhost:8080/fhir)]
 * </pre>
 *
 * Exits with 0 when a token was issued, 1 when the server refused, 2 on a usage error. {@link
 * #assertion} is stateless and thread-safe, and takes no nulls.
 */
public final class ClientAssertionCli {

  /**
   * How long the assertion is valid: under SMART's five minutes, so clock drift does not matter.
   */
  static final Duration LIFETIME = Duration.ofMinutes(4);

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private ClientAssertionCli() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length < 2 || args.length > 4) {
      System.err.println(
          "usage: ClientAssertionCli CLIENT_ID KEY_FILE [SCOPE] [FHIR_BASE]\n"
              + "  SCOPE defaults to system/*.rs, FHIR_BASE to http://localhost:8080/fhir");
      System.exit(2);
    }
    String clientId = args[0];
    JWK key = RecipientKeyFile.read(Path.of(args[1]));
    String scope = args.length > 2 ? args[2] : "system/*.rs";
    String fhirBase = args.length > 3 ? args[3] : "http://localhost:8080/fhir";
    System.exit(run(clientId, key, scope, fhirBase, System.out, System.err));
  }

  static int run(
      String clientId, JWK key, String scope, String fhirBase, PrintStream out, PrintStream err)
      throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    String tokenEndpoint = tokenEndpoint(http, fhirBase);
    String assertion;
    try {
      assertion = assertion(key, clientId, tokenEndpoint, Instant.now());
    } catch (JOSEException e) {
      throw new IOException("cannot sign with this key", e);
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    form.put("scope", scope);
    form.put("client_assertion_type", AssertionClientIdConverter.JWT_BEARER);
    form.put("client_assertion", assertion);
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    out.println(response.body());
    if (response.statusCode() != 200) {
      err.println(tokenEndpoint + " answered " + response.statusCode());
      return 1;
    }
    return 0;
  }

  /**
   * A client assertion as SMART Backend Services asks for it: {@code iss} and {@code sub} the
   * client, {@code aud} the token endpoint, a fresh {@code jti}, valid for {@link #LIFETIME}; ES384
   * or ES256 for an EC key (by its curve), RS384 for an RSA key; {@code kid} the key's id.
   */
  public static String assertion(JWK key, String clientId, String audience, Instant now)
      throws JOSEException {
    JWSAlgorithm algorithm;
    JWSSigner signer;
    if (key instanceof ECKey ec && Curve.P_384.equals(ec.getCurve())) {
      algorithm = JWSAlgorithm.ES384;
      signer = new ECDSASigner(ec);
    } else if (key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
      algorithm = JWSAlgorithm.ES256;
      signer = new ECDSASigner(ec);
    } else if (key instanceof RSAKey rsa) {
      algorithm = JWSAlgorithm.RS384;
      signer = new RSASSASigner(rsa);
    } else {
      throw new JOSEException("only EC P-256/P-384 and RSA keys are supported");
    }
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(clientId)
            .subject(clientId)
            .audience(audience)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(LIFETIME)))
            .jwtID(UUID.randomUUID().toString())
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build(),
            claims);
    jwt.sign(signer);
    return jwt.serialize();
  }

  private static String tokenEndpoint(HttpClient http, String fhirBase)
      throws IOException, InterruptedException {
    String base = fhirBase.endsWith("/") ? fhirBase : fhirBase + "/";
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(base + ".well-known/smart-configuration"))
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("no SMART discovery at " + base + " (" + response.statusCode() + ")");
    }
    try {
      String endpoint =
          JSONObjectUtils.getString(JSONObjectUtils.parse(response.body()), "token_endpoint");
      if (endpoint == null) {
        throw new IOException("the SMART discovery document names no token_endpoint");
      }
      return endpoint;
    } catch (ParseException e) {
      throw new IOException("the SMART discovery document is not JSON", e);
    }
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e ->
            URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
