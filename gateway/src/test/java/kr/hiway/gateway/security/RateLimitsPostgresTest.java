package kr.hiway.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Rate limits as a fleet applies them: two instances on one PostgreSQL, small limits. A burst on
 * one instance is answered 429 with Retry-After and an OperationOutcome, and the other instance
 * refuses the same token at once; failed sign-ins slow the next try down on either instance, and
 * the right password works again once the wait is over.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitsPostgresTest {

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  static final String USER = "limits-regulator";
  static final int TOKEN_BURST = 20;
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  @TempDir static Path folder;
  final List<ConfigurableApplicationContext> running = new ArrayList<>();
  String a;
  String b;

  @BeforeAll
  void startTwo() throws Exception {
    Path jwks = TestJwks.write(folder.resolve("jwks.json"), TestJwks.rsa("k1"));
    a = start(jwks);
    b = start(jwks);
  }

  @AfterAll
  void stopAll() {
    running.forEach(ConfigurableApplicationContext::close);
  }

  private String start(Path jwks) {
    List<String> args =
        List.of(
            "server.port=0",
            "spring.datasource.url=" + db.jdbcUrl(),
            "spring.datasource.username=" + db.user(),
            "spring.datasource.password=",
            "hiway.demo.enabled=false",
            "hiway.security.jwks=" + jwks,
            "hiway.limits.token.burst=" + TOKEN_BURST,
            "hiway.limits.token.per-minute=1",
            "hiway.limits.sign-in.burst=8",
            "hiway.limits.sign-in.per-minute=1",
            "hiway.limits.free-failures=2");
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(GatewayApplication.class)
            .run(args.stream().map(p -> "--" + p).toArray(String[]::new));
    running.add(context);
    context.getBean(StaffAccounts.class).createIfAbsent(USER, USER, StaffRole.REGULATOR);
    int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    return "http://localhost:" + port;
  }

  static HttpResponse<String> stats(String gateway, String token) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
          HttpRequest.newBuilder(URI.create(gateway + "/regulator/stats"))
              .header("Accept", "application/json")
              .header("Authorization", "Bearer " + token)
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  @Test
  void burstWhenOverTheTokenLimitThen429WithRetryAfterOnThisInstanceAndAtOnceOnTheOther()
      throws Exception {
    String token =
        new SmartLogin(a).signIn(ConsoleClient.ID, USER, USER, "openid regulator").accessToken();
    int ok = 0;
    HttpResponse<String> refused = null;
    for (int i = 0; i < TOKEN_BURST + 10 && refused == null; i++) {
      HttpResponse<String> r = stats(a, token);
      if (r.statusCode() == 429) {
        refused = r;
      } else {
        assertThat(r.statusCode()).isEqualTo(200);
        ok++;
      }
    }
    assertThat(refused).as("429 within the burst and the instances' unshared share").isNotNull();
    assertThat(ok).isBetween(TOKEN_BURST - 2, TOKEN_BURST);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").get())).isPositive();
    assertThat(refused.body()).contains("OperationOutcome").contains("HIW-G026");

    // The other instance knows: it lets through at most what A had not shared yet (a tenth).
    int okOnB = 0;
    boolean refusedOnB = false;
    for (int i = 0; i < 5 && !refusedOnB; i++) {
      int status = stats(b, token).statusCode();
      refusedOnB = status == 429;
      okOnB += status == 200 ? 1 : 0;
    }
    assertThat(refusedOnB).as("the limit holds on the other instance").isTrue();
    assertThat(okOnB).isLessThanOrEqualTo(TOKEN_BURST / 10);
  }

  @Test
  void wrongPasswordsWhenRepeatedThenTheNextTryWaitsOnEveryInstanceButTheAccountIsNotLocked()
      throws Exception {
    // Two free failures, then each further one makes the next try wait (1 s, 2 s, ...).
    for (int i = 0; i < 3; i++) {
      assertThat(signIn(i % 2 == 0 ? a : b, "wrong").statusCode()).isEqualTo(302);
    }
    HttpResponse<String> slowed = signIn(b, USER);
    assertThat(slowed.statusCode()).isEqualTo(429);
    assertThat(slowed.headers().firstValue("Retry-After")).contains("1");
    assertThat(slowed.body()).contains("HIW-G026");

    Thread.sleep(1_100);
    HttpResponse<String> right = signIn(a, USER);
    assertThat(right.statusCode()).isEqualTo(302);
    assertThat(right.headers().firstValue("Location").orElse("")).doesNotContain("error");
  }

  /**
   * A sign-in form posted as a script would: no HTML asked for, so errors are OperationOutcomes.
   */
  static HttpResponse<String> signIn(String gateway, String password) throws Exception {
    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    HttpResponse<String> form =
        browser.send(
            HttpRequest.newBuilder(URI.create(gateway + "/login")).build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher csrf = CSRF.matcher(form.body());
    assertThat(csrf.find()).isTrue();
    String body =
        Map.of("username", USER, "password", password, "_csrf", csrf.group(1)).entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return browser.send(
        HttpRequest.newBuilder(URI.create(gateway + "/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/fhir+json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
