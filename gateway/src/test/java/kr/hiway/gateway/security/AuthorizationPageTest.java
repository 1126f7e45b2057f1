package kr.hiway.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import kr.hiway.gateway.testing.GatewayHttp;
import kr.hiway.gateway.testing.SmartLogin;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The patient chooses: after sign-in, the authorization page names the app and offers each record
 * type; what the patient unticks is not in the token, and not in what the app reads.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:refusals;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
      "hiway.demo.persons=100",
      "hiway.demo.latency=0ms",
      "hiway.demo.jitter=0ms"
    })
class AuthorizationPageTest {

  @LocalServerPort int port;

  String base() {
    return "http://localhost:" + port;
  }

  @Test
  void untickWhenThePatientKeepsObservationsFromTheAppThenTokenAndEverythingLackThem()
      throws Exception {
    SmartLogin.Tokens t =
        new SmartLogin(base())
            .unticking("Observation")
            .signIn("patient47", "patient47", "openid fhirUser launch/patient patient/*.rs");
    assertThat(t.status()).isEqualTo(200);
    Set<String> scopes = Set.of(t.body().path("scope").asString().split(" "));
    assertThat(scopes)
        .contains("patient/Condition.rs", "patient/Patient.rs", "launch/patient")
        .doesNotContain("patient/*.rs", "patient/Observation.rs");

    GatewayHttp api = new GatewayHttp(base());
    String patient = t.body().path("patient").asString();
    Bundle everything =
        api.get("Patient/" + patient + "/$everything?_count=1000", t.accessToken()).bundle();
    Set<String> types =
        everything.getEntry().stream()
            .map(e -> e.getResource().fhirType())
            .collect(Collectors.toSet());
    assertThat(types).contains("Patient", "Condition", "Encounter").doesNotContain("Observation");
    assertThat(api.get("Observation?patient=" + patient, t.accessToken()).status()).isEqualTo(403);
  }

  @Test
  void keepAllWhenNothingUntickedThenTheWildcardTypesAreAllGranted() throws Exception {
    SmartLogin.Tokens t =
        new SmartLogin(base()).signIn("patient1", "patient1", "launch/patient patient/*.rs");
    Set<String> scopes = Set.of(t.body().path("scope").asString().split(" "));
    for (String type : AuthorizationPage.TYPE_NAMES.keySet()) {
      assertThat(scopes).contains("patient/" + type + ".rs");
    }
  }

  @Test
  void pageWhenShownThenNamesTheAppInKoreanAndEnglishWithLabelledBoxes() throws Exception {
    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String login = get(browser, base() + "/login").body();
    assertThat(login).contains("lang=\"ko\"", "<label for=\"username\">", "아이디", "Username");
    assertThat(login).contains("name=\"viewport\"");

    // Through the sign-in, to the authorization page.
    SmartLoginPage page = SmartLoginPage.open(browser, base(), "patient2");
    assertThat(page.html())
        .contains("Demo patient app")
        .contains("검사 결과·측정값")
        .contains("Test results and vitals")
        .contains("<label for=\"choice-0\">");
    List<String> boxes = page.boxes();
    assertThat(boxes).hasSize(AuthorizationPage.TYPE_NAMES.size());
  }

  @Test
  void denyWhenThePatientRefusesThenTheAppGetsAccessDeniedAndNoCode() throws Exception {
    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    SmartLoginPage page = SmartLoginPage.open(browser, base(), "patient3");
    String redirect = page.deny();
    assertThat(redirect).startsWith(SmartLogin.REDIRECT).contains("error=access_denied");
    assertThat(redirect).doesNotContain("code=");
  }

  @Test
  void connectedAppsWhenThePatientRevokesAnAppOnThePageThenItsTokenIsRefused() throws Exception {
    SmartLogin browser = new SmartLogin(base());
    SmartLogin.Tokens t = browser.signIn("patient4", "patient4", "launch/patient patient/*.rs");
    GatewayHttp api = new GatewayHttp(base());
    String patient = t.body().path("patient").asString();
    assertThat(api.get("Patient/" + patient, t.accessToken()).status()).isEqualTo(200);

    HttpResponse<String> page = browser.browse("/account/apps");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Demo patient app").contains("연결 해제").contains("Revoke");
    java.util.regex.Matcher csrf =
        java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
    assertThat(csrf.find()).isTrue();
    HttpResponse<String> revoked =
        browser.submit("/account/apps/demo-app/revoke", java.util.Map.of("_csrf", csrf.group(1)));
    assertThat(revoked.statusCode()).isEqualTo(302);

    assertThat(api.get("Patient/" + patient, t.accessToken()).status()).isEqualTo(401);
    assertThat(browser.browse("/account/apps").body()).doesNotContain("Demo patient app");
  }

  static HttpResponse<String> get(HttpClient browser, String url) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The authorization page reached through a real sign-in, in one browser. */
  record SmartLoginPage(HttpClient browser, String base, String html) {

    static SmartLoginPage open(HttpClient browser, String base, String user) throws Exception {
      String verifier = SmartLogin.verifier();
      String query =
          "response_type=code&client_id=demo-app&scope="
              + java.net.URLEncoder.encode("launch/patient patient/*.rs", "UTF-8")
              + "&state=st1&aud="
              + java.net.URLEncoder.encode(GatewayHttp.PUBLIC_BASE + "/fhir", "UTF-8")
              + "&redirect_uri="
              + java.net.URLEncoder.encode(SmartLogin.REDIRECT, "UTF-8")
              + "&code_challenge="
              + SmartLogin.challenge(verifier)
              + "&code_challenge_method=S256";
      get(browser, base + "/oauth2/authorize?" + query);
      String form = get(browser, base + "/login").body();
      java.util.regex.Matcher csrf =
          java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
      assertThat(csrf.find()).isTrue();
      HttpResponse<String> posted =
          browser.send(
              HttpRequest.newBuilder(URI.create(base + "/login"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header("Accept", "text/html")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "username=" + user + "&password=" + user + "&_csrf=" + csrf.group(1)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      String resumed = posted.headers().firstValue("Location").orElseThrow();
      String consent =
          get(browser, absolute(base, resumed)).headers().firstValue("Location").orElseThrow();
      assertThat(consent).contains("/oauth2/consent");
      HttpResponse<String> page = get(browser, absolute(base, consent));
      assertThat(page.statusCode()).isEqualTo(200);
      return new SmartLoginPage(browser, base, page.body());
    }

    static String absolute(String base, String location) {
      return location.startsWith("http") ? location : base + location;
    }

    List<String> boxes() {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("type=\"checkbox\" name=\"types\"").matcher(html);
      List<String> found = new java.util.ArrayList<>();
      while (m.find()) {
        found.add(m.group());
      }
      return found;
    }

    /** Posts the deny form; returns where the gateway redirects. */
    String deny() throws Exception {
      int start = html.indexOf("id=\"deny\"");
      String form = html.substring(start, html.indexOf("</form>", start));
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("name=\"([^\"]+)\" value=\"([^\"]*)\"").matcher(form);
      StringBuilder body = new StringBuilder();
      while (m.find()) {
        body.append(body.isEmpty() ? "" : "&")
            .append(m.group(1))
            .append('=')
            .append(java.net.URLEncoder.encode(m.group(2).replace("&amp;", "&"), "UTF-8"));
      }
      HttpResponse<String> r =
          browser.send(
              HttpRequest.newBuilder(URI.create(base + "/oauth2/authorize"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header("Accept", "text/html")
                  .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.headers().firstValue("Location").orElse("status " + r.statusCode());
    }
  }
}
