package kr.hiway.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import kr.hiway.consent.testing.PostgresDatabase;
import kr.hiway.gateway.GatewayApplication;
import kr.hiway.gateway.account.StaffAccounts;
import kr.hiway.gateway.account.StaffRole;
import kr.hiway.gateway.testing.SmartLogin;
import kr.hiway.gateway.testing.TestJwks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Gateway instances as a fleet runs them behind a load balancer: one PostgreSQL database, one JWK
 * set file, no sticky sessions. A sign-in begun on one instance is finished on another, a token of
 * one is accepted by all and outlives their restart, keys rotate without signing anyone out, and
 * outside the demo no instance starts without configured keys.
 */
class GatewayFleetPostgresTest {

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  static final String CLIENT = ConsoleClient.ID;
  static final String SCOPE = "openid regulator";
  static final String USER = "fleet-regulator";
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  @TempDir Path folder;
  final List<ConfigurableApplicationContext> running = new ArrayList<>();

  @AfterEach
  void stopAll() {
    stop();
  }

  @Test
  void signInWhenBegunOnOneInstanceAndFinishedOnAnotherThenTokenAcceptedByBoth() throws Exception {
    Path jwks = TestJwks.write(folder.resolve("jwks.json"), TestJwks.rsa("k1"));
    String a = start(jwks, null);
    String b = start(jwks, null);

    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String verifier = SmartLogin.verifier();
    // On A: the authorization request, which sends a browser not signed in to the form.
    HttpResponse<String> authorize =
        get(browser, a + "/oauth2/authorize?" + authorizationQuery(verifier));
    assertThat(authorize.statusCode()).isEqualTo(302);
    assertThat(location(authorize)).endsWith("/login");
    HttpResponse<String> form = get(browser, a + "/login");
    Matcher csrf = CSRF.matcher(form.body());
    assertThat(csrf.find()).as("CSRF token on the sign-in form").isTrue();

    // On B: the form posted (B must know A's CSRF token), then the request A saved is resumed.
    HttpResponse<String> posted =
        post(
            browser,
            b + "/login",
            Map.of("username", USER, "password", USER, "_csrf", csrf.group(1)));
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
    URI resumed = URI.create(location(posted));
    assertThat(resumed.getPath()).isEqualTo("/oauth2/authorize");
    // The load balancer's one host name stands for both instances: stay on B.
    HttpResponse<String> redirect =
        get(browser, b + resumed.getRawPath() + "?" + resumed.getRawQuery());
    String callback = location(redirect);
    assertThat(callback).startsWith(SmartLogin.REDIRECT);
    Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(callback);
    assertThat(code.find()).as(callback).isTrue();

    SmartLogin.Tokens tokens =
        new SmartLogin(b)
            .exchange(
                CLIENT, null, URLDecoder.decode(code.group(1), StandardCharsets.UTF_8), verifier);
    assertThat(tokens.status()).as(tokens.body().toString()).isEqualTo(200);
    assertThat(status(a, tokens.accessToken())).isEqualTo(200);
    assertThat(status(b, tokens.accessToken())).isEqualTo(200);
    assertThat(status(b, null)).isEqualTo(401);
  }

  @Test
  void restartWhenEveryInstanceRestartedThenTokenIssuedBeforeStillAccepted() throws Exception {
    Path jwks = TestJwks.write(folder.resolve("jwks.json"), TestJwks.rsa("k1"));
    String a = start(jwks, null);
    String b = start(jwks, null);
    String token = signIn(a);
    assertThat(status(b, token)).isEqualTo(200);

    stop();
    a = start(jwks, null);
    b = start(jwks, null);

    assertThat(status(a, token)).isEqualTo(200);
    assertThat(status(b, token)).isEqualTo(200);
  }

  @Test
  void rotateWhenSecondKeyActiveThenBothPublishedAndOldTokensAcceptedUntilKeyRemoved()
      throws Exception {
    RSAKey k1 = TestJwks.rsa("k1");
    RSAKey k2 = TestJwks.rsa("k2");
    Path jwks = TestJwks.write(folder.resolve("jwks.json"), k1);
    String before = signIn(start(jwks, null));
    assertThat(kid(before)).isEqualTo("k1");

    stop();
    TestJwks.write(jwks, k1, k2);
    String gateway = start(jwks, "k2");
    JWKSet published = JWKSet.load(URI.create(gateway + "/oauth2/jwks").toURL());
    assertThat(published.getKeys()).extracting(JWK::getKeyID).containsExactlyInAnyOrder("k1", "k2");
    assertThat(published.getKeys()).noneMatch(JWK::isPrivate);
    assertThat(status(gateway, before)).isEqualTo(200);
    String after = signIn(gateway);
    assertThat(kid(after)).isEqualTo("k2");
    assertThat(status(gateway, after)).isEqualTo(200);

    stop();
    TestJwks.write(jwks, k2);
    gateway = start(jwks, null);
    assertThat(status(gateway, before)).isEqualTo(401);
    assertThat(status(gateway, after)).isEqualTo(200);
  }

  @Test
  void startWhenNoJwksConfiguredAndDemoOffThenFailsNamingTheSetting() {
    assertThatThrownBy(() -> start(null, null))
        .rootCause()
        .hasMessageContaining("hiway.security.jwks")
        .hasMessageContaining("not set");
  }

  /** Starts an instance on the shared database; returns its base URL. */
  private String start(Path jwks, String activeKid) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "server.port=0",
                "spring.datasource.url=" + db.jdbcUrl(),
                "spring.datasource.username=" + db.user(),
                "spring.datasource.password=",
                "hiway.demo.enabled=false"));
    if (jwks != null) {
      args.add("hiway.security.jwks=" + jwks);
    }
    if (activeKid != null) {
      args.add("hiway.security.signing-key-id=" + activeKid);
    }
    // As command-line arguments: they outrank application.yml, default properties do not.
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(GatewayApplication.class)
            .run(args.stream().map(p -> "--" + p).toArray(String[]::new));
    running.add(context);
    context.getBean(StaffAccounts.class).createIfAbsent(USER, USER, StaffRole.REGULATOR);
    int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    return "http://localhost:" + port;
  }

  private void stop() {
    running.forEach(ConfigurableApplicationContext::close);
    running.clear();
  }

  private static String signIn(String gateway) throws Exception {
    SmartLogin.Tokens tokens = new SmartLogin(gateway).signIn(CLIENT, USER, USER, SCOPE);
    assertThat(tokens.status()).isEqualTo(200);
    return tokens.accessToken();
  }

  private static String kid(String token) throws Exception {
    return SignedJWT.parse(token).getHeader().getKeyID();
  }

  /** The status of a regulator API call, which needs a valid token, with {@code token} or none. */
  private static int status(String gateway, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(gateway + "/regulator/stats"))
            .header("Accept", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
  }

  private static String authorizationQuery(String verifier) throws Exception {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("response_type", "code");
    q.put("client_id", CLIENT);
    q.put("redirect_uri", SmartLogin.REDIRECT);
    q.put("scope", SCOPE);
    q.put("state", "fleet");
    q.put("code_challenge", SmartLogin.challenge(verifier));
    q.put("code_challenge_method", "S256");
    return form(q);
  }

  private static HttpResponse<String> get(HttpClient browser, String url) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(
      HttpClient browser, String url, Map<String, String> fields) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "text/html")
            .POST(HttpRequest.BodyPublishers.ofString(form(fields)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String location(HttpResponse<String> response) {
    return response
        .headers()
        .firstValue("Location")
        .orElseThrow(() -> new AssertionError("no redirect: " + response.statusCode()));
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
