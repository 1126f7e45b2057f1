package kr.hiway.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import kr.hiway.gateway.testing.Chromium;
import kr.hiway.gateway.testing.FreePorts;
import kr.hiway.gateway.testing.NpmPackage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real browser SMART app: the public {@code fhirclient} library (from npm, checked against its
 * published integrity) in a page served from a loopback origin, in headless Chromium at a phone's
 * size. It reads discovery across origins (CORS), sends the patient to the gateway's sign-in page,
 * the patient unticks Observation on the authorization page, and the app exchanges the code (PKCE)
 * and reads {@code $everything} across all 47 hospitals, paging as the library does: everything but
 * Observation.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:browserapp;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
      "hiway.demo.persons=100",
      "hiway.demo.latency=0ms",
      "hiway.demo.jitter=0ms"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmartWebAppBrowserTest {

  @RegisterExtension static Chromium chromium = new Chromium();

  static final String FHIRCLIENT = "2.6.3";
  static final String FHIRCLIENT_INTEGRITY =
      "sha512-CirZixcwWelbkIXxpxlNQx5+ZdJirl6F1s4y4yvA1X7hHAkr9n99aVHaMi0wX+97nATjKQ65X6NB5as/wZoJzg==";

  /** The gateway's issuer names its port, so the port is fixed up front. */
  static final int PORT = FreePorts.outsideEphemeralRange();

  static final String BASE = "http://127.0.0.1:" + PORT;

  @DynamicPropertySource
  static void issuer(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> PORT);
    registry.add("hiway.security.issuer", () -> BASE);
  }

  HttpServer app;
  String origin;

  /** The app's own origin: another loopback port, serving the launch and callback pages. */
  @BeforeAll
  void serveTheApp() throws Exception {
    Path library =
        NpmPackage.file("fhirclient", FHIRCLIENT, FHIRCLIENT_INTEGRITY, "build/fhir-client.js");
    byte[] script = Files.readAllBytes(library);
    app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    origin = "http://127.0.0.1:" + app.getAddress().getPort();
    Map<String, byte[]> pages =
        Map.of(
            "/web/fhir-client.js", script,
            "/web/launch.html", launchPage().getBytes(StandardCharsets.UTF_8),
            "/web/callback", callbackPage().getBytes(StandardCharsets.UTF_8));
    app.createContext(
        "/web/",
        exchange -> {
          byte[] body = pages.get(exchange.getRequestURI().getPath());
          if (body == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
          }
          exchange
              .getResponseHeaders()
              .add(
                  "Content-Type",
                  exchange.getRequestURI().getPath().endsWith(".js")
                      ? "text/javascript"
                      : "text/html;charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    app.start();
  }

  @AfterAll
  void stopTheApp() {
    if (app != null) {
      app.stop(0);
    }
  }

  String launchPage() {
    return """
    <!DOCTYPE html><html><head><meta charset="utf-8">
    <script src="fhir-client.js"></script></head><body>Launching…
    <script>
    FHIR.oauth2.authorize({
      iss: "%s/fhir",
      clientId: "demo-web-app",
      scope: "openid fhirUser launch/patient patient/*.rs",
      redirectUri: "callback",
      pkceMode: "required"
    });
    </script></body></html>
    """
        .formatted(BASE);
  }

  static String callbackPage() {
    return """
    <!DOCTYPE html><html><head><meta charset="utf-8">
    <script src="fhir-client.js"></script></head><body>
    <pre id="out"></pre>
    <script>
    FHIR.oauth2.ready()
      .then(client => client.request(
          "Patient/" + client.patient.id + "/$everything?_count=200",
          { pageLimit: 0, flat: true })
        .then(entries => {
          const types = {};
          const hospitals = new Set();
          for (const r of entries) {
            types[r.resourceType] = (types[r.resourceType] || 0) + 1;
            if (r.meta && r.meta.source) hospitals.add(r.meta.source);
          }
          document.getElementById("out").textContent = JSON.stringify({
            patient: client.patient.id,
            scope: client.state.tokenResponse.scope,
            types: types,
            hospitals: hospitals.size,
            total: entries.length
          });
        }))
      .catch(e => { document.getElementById("out").textContent = "ERROR " + e; });
    </script></body></html>
    """;
  }

  @Test
  void browserAppWhenThePatientUnticksObservationThenItReadsAll47HospitalsWithoutObservations()
      throws Exception {
    WebDriver browser = chromium.driver();
    browser.manage().window().setSize(new Dimension(390, 844)); // a phone
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));

    browser.get(origin + "/web/launch.html");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
    assertThat(browser.getCurrentUrl()).startsWith(BASE + "/login");
    browser.findElement(By.id("username")).sendKeys("patient47");
    browser.findElement(By.id("password")).sendKeys("patient47");
    browser.findElement(By.cssSelector("button[type=submit]")).click();

    // The authorization page: the app named, each record type a labelled box; untick Observation.
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("allow-button")));
    assertThat(browser.getPageSource()).contains("Demo patient app (in a web page, public)");
    browser
        .findElement(By.cssSelector("input[type=checkbox][name=types][value=Observation]"))
        .click();
    browser.findElement(By.id("allow-button")).click();

    wait.until(d -> {
      String text = d.findElement(By.id("out")).getText();
      return !text.isEmpty();
    });
    String out = browser.findElement(By.id("out")).getText();
    assertThat(out).doesNotStartWith("ERROR");
    JsonNode result = JsonMapper.builder().build().readTree(out);
    assertThat(result.path("hospitals").asInt()).isEqualTo(47);
    assertThat(result.path("types").has("Observation")).isFalse();
    assertThat(result.path("types").has("Condition")).isTrue();
    assertThat(result.path("types").has("Patient")).isTrue();
    assertThat(result.path("scope").asString())
        .doesNotContain("patient/*.rs")
        .doesNotContain("Observation")
        .contains("patient/Condition.rs");
  }
}
