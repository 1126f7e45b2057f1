package kr.hiway.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import kr.hiway.gateway.testing.SmartLogin;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * CORS as a browser meets it: a page on an origin a client redirects to (here the demo's loopback
 * apps, any port) gets CORS headers and its preflights answered; any other origin gets none.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:cors;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
      "hiway.demo.persons=100"
    })
class CorsTest {

  static final String APP = "http://127.0.0.1:5500";
  static final String EVIL = "http://evil.example";

  @LocalServerPort int port;
  HttpClient http = HttpClient.newHttpClient();

  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpRequest.Builder to(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
  }

  HttpResponse<String> preflight(String path, String origin, String method) throws Exception {
    return send(
        to(path)
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", origin)
            .header("Access-Control-Request-Method", method)
            .header("Access-Control-Request-Headers", "authorization, content-type"));
  }

  static Optional<String> allowOrigin(HttpResponse<?> r) {
    return r.headers().firstValue("Access-Control-Allow-Origin");
  }

  @Test
  void preflightWhenAllowedOriginThenAnsweredForTheFhirApiAndTheTokenEndpoints() throws Exception {
    for (String[] c :
        new String[][] {
          {"/fhir/Patient/x/$everything", "GET"},
          {"/fhir/Consent", "POST"},
          {"/oauth2/token", "POST"},
          {"/oauth2/revoke", "POST"},
          {"/oauth2/jwks", "GET"},
          {"/fhir/.well-known/smart-configuration", "GET"}
        }) {
      HttpResponse<String> r = preflight(c[0], APP, c[1]);
      assertThat(r.statusCode()).as(c[0]).isEqualTo(200);
      assertThat(allowOrigin(r)).as(c[0]).contains(APP);
      assertThat(r.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
          .as(c[0])
          .contains("authorization");
      assertThat(r.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }
  }

  @Test
  void requestWhenAllowedOriginThenCorsHeadersAlsoOnErrors() throws Exception {
    HttpResponse<String> discovery =
        send(to("/fhir/.well-known/smart-configuration").header("Origin", APP));
    assertThat(discovery.statusCode()).isEqualTo(200);
    assertThat(allowOrigin(discovery)).contains(APP);
    // Without a token: the app can still read why.
    HttpResponse<String> refused = send(to("/fhir/Patient/x").header("Origin", APP));
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(allowOrigin(refused)).contains(APP);
  }

  @Test
  void requestWhenOtherOriginThenNoCorsHeaders() throws Exception {
    assertThat(allowOrigin(send(to("/fhir/metadata").header("Origin", EVIL)))).isEmpty();
    assertThat(allowOrigin(preflight("/fhir/Patient/x", EVIL, "GET"))).isEmpty();
    assertThat(allowOrigin(preflight("/oauth2/token", EVIL, "POST"))).isEmpty();
    // A loopback origin over another scheme is another origin.
    assertThat(allowOrigin(preflight("/fhir/Patient/x", "https://127.0.0.1:5500", "GET")))
        .isEmpty();
  }

  @Test
  void signInWhenTheWebAppThenItsTokenReadsFromTheAllowedOrigin() throws Exception {
    SmartLogin.Tokens t =
        new SmartLogin("http://localhost:" + port)
            .withRedirect(APP + "/web/callback")
            .signIn("demo-web-app", "patient1", "patient1", "launch/patient patient/*.rs");
    assertThat(t.status()).isEqualTo(200);
    HttpResponse<String> read =
        send(
            to("/fhir/Patient/" + t.body().path("patient").asString())
                .header("Origin", APP)
                .header("Authorization", "Bearer " + t.accessToken()));
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(allowOrigin(read)).contains(APP);
  }
}
