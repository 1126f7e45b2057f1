package kr.hiway.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import kr.hiway.consent.ledger.Disclosure;
import kr.hiway.consent.ledger.Ledger;
import kr.hiway.consent.testing.PostgresDatabase;
import kr.hiway.gateway.testing.Chromium;
import kr.hiway.gateway.testing.Consents;
import kr.hiway.gateway.testing.GatewayHttp;
import kr.hiway.gateway.testing.SmartLogin;
import kr.hiway.gateway.testing.TestTokens;
import org.hl7.fhir.r4.model.Consent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The regulator's console in a real headless Chromium against the gateway on PostgreSQL: consents,
 * disclosures and one violation seeded through the API and the ledger; the regulator signs in
 * through the real sign-in form (authorization code with PKCE, done by the page), filters the
 * entries, reads the charts' counts, runs the compliance check and opens the violation's entries,
 * verifies the checkpoint's signature, its consistency with the one seen before and an entry's
 * inclusion, and exports CSV and NDJSON; a patient or a recipient is refused. Each view's load is
 * audited. Screenshots of the views go to {@code target/console-screenshots/}.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
    properties = {
      "hiway.demo.persons=300",
      "hiway.demo.latency=0ms",
      "hiway.demo.jitter=0ms",
      "hiway.ledger.checkpoint-interval=1h",
      "hiway.ledger.expiry-interval=1h"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegulatorConsoleBrowserTest {

  @RegisterExtension static Chromium chromium = new Chromium();
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  /** The console's redirect URI is registered under the issuer, so the port is fixed up front. */
  static final int PORT = freePort();

  static final String BASE = "http://localhost:" + PORT;
  static final String CLINIC = "clinic-console";
  static final String RESEARCH = "research-console";
  static final String UNKNOWN_CONSENT = "no-such-consent";
  static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
  static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", db::jdbcUrl);
    registry.add("spring.datasource.username", db::user);
    registry.add("spring.datasource.password", () -> "");
    registry.add("server.port", () -> PORT);
    registry.add("hiway.security.issuer", () -> BASE);
  }

  @Autowired RSAKey signingKey;
  @Autowired JdbcClient jdbc;
  @Autowired RegisteredClientRepository clients;
  @Autowired Ledger ledger;

  GatewayHttp api = new GatewayHttp(BASE);
  ChromeDriver browser;
  WebDriverWait wait;
  String patientToken;
  String patient;
  String regulatorToken;
  long violation;

  @BeforeAll
  void seed() throws Exception {
    Consents.registerRecipients(clients, CLINIC, RESEARCH);
    SmartLogin.Tokens t =
        new SmartLogin(BASE)
            .signIn("patient47", "patient47", "launch/patient patient/*.rs patient/Consent.cruds");
    patientToken = t.accessToken();
    patient = t.body().path("patient").asString();
    regulatorToken =
        new SmartLogin(BASE)
            .signIn("hiway-console", "regulator", "regulator", "openid regulator")
            .accessToken();

    // The clinic: one consent, two reads. The research project: one read, then revoked.
    grant(CLINIC, "TREAT", List.of("Observation"), List.of("snuh", "severance"));
    for (int i = 0; i < 2; i++) {
      assertThat(read(CLINIC, "TREAT").status()).isEqualTo(200);
    }
    String research = grant(RESEARCH, "HRESCH", List.of("Observation"), List.of("snuh"));
    assertThat(read(RESEARCH, "HRESCH").status()).isEqualTo(200);
    api.send(
        "PUT",
        "Consent/" + research,
        patientToken,
        Consents.revocation(api, patientToken, research));

    // One disclosure the gateway would never make, a day earlier: resting on no consent at all.
    String pseudonym =
        regulator("/regulator/events?type=consent-granted&_count=1")
            .path("events")
            .get(0)
            .path("entry")
            .path("patient")
            .asString();
    violation =
        ledger
            .append(
                new Disclosure(
                    UNKNOWN_CONSENT,
                    pseudonym,
                    CLINIC,
                    "TREAT",
                    List.of("Observation"),
                    List.of("cnuh"),
                    Instant.now().minus(Duration.ofDays(1))))
            .index();
    signCheckpoint();

    Files.createDirectories(SCREENSHOTS);
    browser = chromium.driver();
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  @Test
  @Order(1)
  void signInWhenRegulatorThroughFormThenEveryEntryListedInKoreanOrEnglish() throws Exception {
    long audited = audits("regulator-search");
    browser.get(BASE + "/console");
    WebElement signIn = visible("#sign-in");
    assertThat(signIn.getText()).isEqualTo("로그인");
    signIn.click();
    signInThroughForm("regulator");

    visible("#view-events");
    awaitRows();
    assertThat(text("#who")).contains("regulator");
    assertThat(rows()).hasSize((int) ledger.head().size());
    assertThat(audits("regulator-search")).isGreaterThan(audited);
    // Patients appear only as pseudonyms.
    assertThat(browser.getPageSource()).contains("ps-").doesNotContain(patient);

    new Select(browser.findElement(By.id("lang"))).selectByValue("en");
    assertThat(text("nav a[href='#events']")).isEqualTo("Entries");
    assertThat(text("#events thead th:nth-child(4)")).isEqualTo("Consent");
    new Select(browser.findElement(By.id("lang"))).selectByValue("ko");
    assertThat(text("nav a[href='#events']")).isEqualTo("기록");
    screenshot("1-entries");
  }

  @Test
  @Order(2)
  void filterWhenRecipientAndTypeThenOnlyThoseEntries() throws Exception {
    filter(Map.of("recipient", CLINIC));
    // The clinic's grant, its two disclosures and the unfounded one.
    assertThat(rows()).hasSize(4);
    assertThat(column(6)).containsOnly(CLINIC);
    filter(Map.of("recipient", CLINIC, "type", "disclosure"));
    assertThat(rows()).hasSize(3);
    assertThat(attributes("#events tbody tr", "data-type")).containsOnly("disclosure");
    filter(Map.of("hospital", "cnuh", "type", "disclosure"));
    assertThat(attributes("#events tbody tr", "data-index")).containsExactly("" + violation);
    screenshot("2-entries-filtered");
  }

  @Test
  @Order(3)
  void chartsWhenShownThenCountsMatchTheEntries() throws Exception {
    long audited = audits("regulator-stats");
    filter(Map.of("recipient", CLINIC));
    open("charts");
    JsonNode clinic = regulator("/regulator/events?type=disclosure&recipient=" + CLINIC);
    assertThat(attribute("#totals", "data-disclosures")).isEqualTo("3");
    assertThat(attribute("#totals", "data-granted")).isEqualTo("1");
    assertThat(text("#totals")).isEqualTo("제공 3건 · 동의 1건 · 철회 0건 · 만료 0건");
    assertThat(barCounts("chart-per-day")).isEqualTo(count(clinic, e -> day(e)));
    assertThat(barCounts("chart-per-day"))
        .containsEntry(day(Instant.now().minus(Duration.ofDays(1))), "1");
    assertThat(barCounts("chart-per-purpose")).containsExactlyEntriesOf(Map.of("TREAT", "3"));
    Map<String, String> perHospital = barCounts("chart-per-hospital");
    assertThat(perHospital).containsEntry("cnuh", "1").isEqualTo(countHospitals(clinic));
    assertThat(audits("regulator-stats")).isEqualTo(audited + 1);

    filter(Map.of());
    open("charts");
    assertThat(attribute("#totals", "data-disclosures")).isEqualTo("4");
    assertThat(attribute("#totals", "data-granted")).isEqualTo("2");
    assertThat(attribute("#totals", "data-revoked")).isEqualTo("1");
    assertThat(barCounts("chart-per-purpose"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("TREAT", "3", "HRESCH", "1"));
    String today = day(Instant.now());
    assertThat(
            browser
                .findElement(
                    By.cssSelector(
                        "#chart-consents g[data-key='" + today + "'] text[data-series='revoked']"))
                .getText())
        .isEqualTo("1");
    screenshot("3-charts");
  }

  @Test
  @Order(4)
  void complianceWhenDisclosureWithoutConsentThenViolationShownAndOpensItsEntries()
      throws Exception {
    long audited = audits("compliance");
    open("compliance");
    WebElement summary = visible("#compliance-summary");
    assertThat(summary.getAttribute("data-checked")).isEqualTo("4");
    assertThat(summary.getAttribute("data-violations")).isEqualTo("1");
    WebElement item = visible("#violations li.violation[data-index='" + violation + "']");
    assertThat(item.getText()).contains(UNKNOWN_CONSENT).contains("no grant of consent");
    assertThat(audits("compliance")).isEqualTo(audited + 1);
    screenshot("4-compliance");

    String loaded = loaded("events");
    item.findElement(By.cssSelector("button.open-violation")).click();
    awaitLoaded("events", loaded);
    assertThat(browser.getCurrentUrl()).endsWith("#events");
    assertThat(browser.findElement(By.name("consent")).getAttribute("value"))
        .isEqualTo(UNKNOWN_CONSENT);
    assertThat(attributes("#events tbody tr", "data-index")).containsExactly("" + violation);
    assertThat(visible("#events tbody tr.violation").getAttribute("data-index"))
        .isEqualTo("" + violation);
  }

  @Test
  @Order(5)
  void checkpointWhenVerifiedThenConsistencyWithTheLastSeenAndInclusionHold() throws Exception {
    long audited = audits("ledger-read");
    open("checkpoint");
    assertThat(attribute("#cp-signature", "data-status")).isEqualTo("verified");
    assertThat(text("#cp-size")).isEqualTo("" + ledger.head().size());
    assertThat(attribute("#cp-consistency", "data-status")).isEqualTo("first");
    assertThat(audits("ledger-read")).isGreaterThan(audited);

    // The log grows; the next checkpoint must extend the one seen.
    grant(CLINIC, "TREAT", List.of("Condition"), List.of());
    String loaded = loaded("checkpoint");
    browser.findElement(By.id("checkpoint-sign")).click();
    awaitLoaded("checkpoint", loaded);
    assertThat(text("#cp-size")).isEqualTo("" + ledger.head().size());
    assertThat(attribute("#cp-consistency", "data-status")).isEqualTo("consistent");

    // Inclusion of the violating disclosure, checked in the page.
    WebElement index = browser.findElement(By.id("inclusion-index"));
    index.clear();
    index.sendKeys("" + violation);
    browser.findElement(By.id("inclusion-check")).click();
    WebElement proof = awaitStatus("#checkpoint-inclusion");
    assertThat(proof.getAttribute("data-status")).isEqualTo("ok");
    assertThat(proof.getText()).contains("✓").contains("#" + violation);
    screenshot("5-checkpoint");

    // An entry newer than the checkpoint: not yet provable, until a checkpoint covers it.
    long newest = ledger.append(disclosure(CLINIC, "cnuh")).index();
    index.clear();
    index.sendKeys("" + newest);
    browser.findElement(By.id("inclusion-check")).click();
    assertThat(awaitStatus("#checkpoint-inclusion").getAttribute("data-status"))
        .isEqualTo("not-yet");
    browser.findElement(By.cssSelector("#checkpoint-inclusion button.sign-checkpoint")).click();
    wait.until(d -> "ok".equals(attribute("#checkpoint-inclusion", "data-status")));

    // A checkpoint seen before that this log does not extend is reported, and kept.
    String forged =
        "{\"origin\":\""
            + text("#cp-details dd:nth-of-type(1)")
            + "\",\"size\":\"2\",\"root\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\","
            + "\"seenAt\":\"2026-01-01T00:00:00Z\"}";
    ((JavascriptExecutor) browser)
        .executeScript("localStorage.setItem('hiway.console.checkpoint', arguments[0])", forged);
    loaded = loaded("checkpoint");
    browser.findElement(By.id("checkpoint-sign")).click();
    awaitLoaded("checkpoint", loaded);
    assertThat(attribute("#cp-consistency", "data-status")).isEqualTo("inconsistent");
    assertThat(text("#cp-consistency")).contains("✗");
    screenshot("6-checkpoint-inconsistent");
    ((JavascriptExecutor) browser)
        .executeScript("localStorage.removeItem('hiway.console.checkpoint')");
  }

  @Test
  @Order(6)
  void inclusionWhenCheckedFromAnEntryThenShownWithItsPath() throws Exception {
    filter(Map.of("recipient", RESEARCH));
    WebElement row = browser.findElement(By.cssSelector("#events tbody tr"));
    String index = row.getAttribute("data-index");
    row.findElement(By.cssSelector("button.check-inclusion")).click();
    WebElement proof = awaitStatus("#inclusion");
    assertThat(proof.getAttribute("data-status")).isEqualTo("ok");
    assertThat(proof.getAttribute("data-index")).isEqualTo(index);
    assertThat(proof.findElements(By.cssSelector("dl.hashes dt"))).hasSizeGreaterThan(2);
    screenshot("7-entry-inclusion");
  }

  @Test
  @Order(7)
  void exportWhenCsvAndNdjsonThenTheFilesHoldTheWholeSelection() throws Exception {
    long audited = audits("regulator-export");
    filter(Map.of("recipient", CLINIC, "type", "disclosure"));
    int selected =
        regulator("/regulator/events?type=disclosure&recipient=" + CLINIC).path("events").size();
    assertThat(selected).isEqualTo(4);

    browser.findElement(By.id("export-csv")).click();
    List<String> csv = download("consent-ledger.csv");
    assertThat(csv.get(0)).startsWith("index,type,time,consentId,patient,recipient");
    assertThat(csv).hasSize(selected + 1);
    assertThat(csv.subList(1, csv.size())).allMatch(l -> l.contains(",disclosure,"));
    assertThat(csv).anyMatch(l -> l.startsWith(violation + ",") && l.contains(UNKNOWN_CONSENT));

    browser.findElement(By.id("export-ndjson")).click();
    List<String> ndjson = download("consent-ledger.ndjson");
    assertThat(ndjson).hasSize(selected);
    for (String line : ndjson) {
      JsonNode entry = JSON.readTree(line).path("entry");
      assertThat(entry.path("recipient").asString()).isEqualTo(CLINIC);
      assertThat(entry.path("type").asString()).isEqualTo("disclosure");
    }
    assertThat(audits("regulator-export")).isEqualTo(audited + 2);
    screenshot("8-export");
  }

  @Test
  @Order(8)
  void consoleWhenPatientOrRecipientThenRefusedByTheApiAndThePage() throws Exception {
    browser.manage().deleteAllCookies();
    browser.get(BASE + "/console/");
    ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
    browser.navigate().refresh();
    visible("#sign-in").click();
    signInThroughForm("patient47");
    WebElement notice = visible("#notice");
    assertThat(notice.getAttribute("data-kind")).isEqualTo("refused");
    assertThat(notice.getText()).contains("접근이 거부되었습니다").contains("HIW-G004");
    assertThat(browser.findElements(By.cssSelector("#events tbody tr"))).isEmpty();
    screenshot("9-refused");
    String patientsToken =
        (String)
            ((JavascriptExecutor) browser)
                .executeScript(
                    "return JSON.parse(sessionStorage.getItem('hiway.console.session')).token");
    assertRefused(patientsToken);

    String recipientToken =
        TestTokens.recipient(signingKey, CLINIC, "TREAT")
            .issuer(BASE)
            .audience(BASE + "/fhir")
            .signed();
    assertRefused(recipientToken);
    ((JavascriptExecutor) browser)
        .executeScript(
            "sessionStorage.setItem('hiway.console.session', JSON.stringify("
                + "{token: arguments[0], user: 'clinic', expiresAt: Date.now() + 60000}))",
            recipientToken);
    browser.get(BASE + "/console/#compliance");
    browser.navigate().refresh();
    assertThat(visible("#notice").getAttribute("data-kind")).isEqualTo("refused");
    assertThat(browser.findElements(By.cssSelector("#violations li"))).isEmpty();
  }

  // ---- the browser

  void signInThroughForm(String user) {
    wait.until(d -> d.getCurrentUrl().contains("/login"));
    screenshot("0-sign-in-form");
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(user);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(d -> d.getCurrentUrl().startsWith(BASE + "/console/") && !text("#app").isEmpty());
  }

  /** Sets the filter form to exactly these values, applies it and waits for the entries. */
  void filter(Map<String, String> values) {
    if (!browser.getCurrentUrl().endsWith("#events")) {
      open("events");
    }
    for (String field :
        List.of("from", "to", "hospital", "recipient", "purpose", "consent", "patient")) {
      WebElement input = browser.findElement(By.name(field));
      input.clear();
      if (values.containsKey(field)) {
        input.sendKeys(values.get(field));
      }
    }
    new Select(browser.findElement(By.name("type"))).selectByValue(values.getOrDefault("type", ""));
    String loaded = loaded("events");
    browser.findElement(By.id("filter-apply")).click();
    awaitLoaded("events", loaded);
  }

  void open(String view) {
    String loaded = loaded(view);
    browser.findElement(By.cssSelector("nav a[href='#" + view + "']")).click();
    awaitLoaded(view, loaded);
  }

  /** When the view last finished loading (set by the page after every successful load). */
  String loaded(String view) {
    String value = browser.findElement(By.id("view-" + view)).getAttribute("data-loaded");
    return value == null ? "" : value;
  }

  void awaitLoaded(String view, String before) {
    wait.until(d -> {
      String now = loaded(view);
      return !now.isEmpty() && !now.equals(before);
    });
  }

  void awaitRows() {
    wait.until(d -> !d.findElements(By.cssSelector("#events tbody tr")).isEmpty());
  }

  WebElement awaitStatus(String selector) {
    wait.until(d -> {
      String status = attribute(selector, "data-status");
      return status != null && !status.isEmpty();
    });
    return browser.findElement(By.cssSelector(selector));
  }

  WebElement visible(String selector) {
    return wait.until(d -> {
      List<WebElement> found = d.findElements(By.cssSelector(selector));
      return !found.isEmpty() && found.get(0).isDisplayed() ? found.get(0) : null;
    });
  }

  List<WebElement> rows() {
    return browser.findElements(By.cssSelector("#events tbody tr"));
  }

  List<String> column(int n) {
    return rows().stream()
        .map(r -> r.findElement(By.cssSelector("td:nth-child(" + n + ")")).getText())
        .toList();
  }

  List<String> attributes(String selector, String name) {
    return browser.findElements(By.cssSelector(selector)).stream()
        .map(e -> e.getAttribute(name))
        .toList();
  }

  String text(String selector) {
    return browser.findElement(By.cssSelector(selector)).getText();
  }

  String attribute(String selector, String name) {
    return browser.findElement(By.cssSelector(selector)).getAttribute(name);
  }

  /** A chart's bars as key to the count written on them. */
  Map<String, String> barCounts(String chart) {
    Map<String, String> out = new TreeMap<>();
    for (WebElement g : browser.findElements(By.cssSelector("#" + chart + " g[data-key]"))) {
      List<WebElement> count = g.findElements(By.cssSelector("text.count"));
      if (!count.isEmpty()) {
        out.put(g.getAttribute("data-key"), count.get(0).getText());
      }
    }
    return out;
  }

  List<String> download(String name) throws Exception {
    Path file = chromium.downloads().resolve(name);
    wait.until(d -> Files.exists(file) && !Files.exists(file.resolveSibling(name + ".crdownload")));
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    Files.delete(file);
    return lines;
  }

  /** The whole page, however long, as a laptop-wide screenshot. */
  void screenshot(String name) {
    Dimension laptop = browser.manage().window().getSize();
    long height =
        (Long)
            ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollHeight");
    try {
      browser
          .manage()
          .window()
          .setSize(new Dimension(laptop.width, (int) Math.max(laptop.height, height + 140)));
      Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } finally {
      browser.manage().window().setSize(laptop);
    }
  }

  // ---- the API

  void assertRefused(String token) throws Exception {
    for (String path : List.of("/regulator/events", "/regulator/stats", "/regulator/compliance")) {
      GatewayHttp.Answer answer = api.get(BASE + path, token);
      assertThat(answer.status()).as(path).isEqualTo(403);
      assertThat(answer.errorCode()).isEqualTo("HIW-G004");
    }
  }

  JsonNode regulator(String path) throws Exception {
    GatewayHttp.Answer answer = api.get(BASE + path, regulatorToken);
    assertThat(answer.status()).as(path + " " + answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  void signCheckpoint() throws Exception {
    assertThat(api.send("POST", BASE + "/ledger/checkpoint", regulatorToken, "").status())
        .isEqualTo(200);
  }

  String grant(String recipient, String purpose, List<String> types, List<String> hospitals)
      throws Exception {
    GatewayHttp.Answer answer =
        api.send(
            "POST",
            "Consent",
            patientToken,
            Consents.json(patient, recipient, purpose, types, hospitals, ""));
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return answer.resource(Consent.class).getIdPart();
  }

  GatewayHttp.Answer read(String recipient, String purpose) throws Exception {
    String token =
        TestTokens.recipient(signingKey, recipient, purpose)
            .issuer(BASE)
            .audience(BASE + "/fhir")
            .signed();
    return api.get("Observation?patient=" + patient + "&_count=1000", token);
  }

  Disclosure disclosure(String recipient, String hospital) throws Exception {
    String pseudonym =
        regulator("/regulator/events?_count=1")
            .path("events")
            .get(0)
            .path("entry")
            .path("patient")
            .asString();
    return new Disclosure(
        UNKNOWN_CONSENT,
        pseudonym,
        recipient,
        "TREAT",
        List.of("Observation"),
        List.of(hospital),
        Instant.now());
  }

  long audits(String action) {
    return jdbc.sql("SELECT count(*) FROM audit_event WHERE action = ?")
        .param(action)
        .query(Long.class)
        .single();
  }

  static String day(JsonNode event) {
    return day(Instant.parse(event.path("entry").path("time").asString()));
  }

  static String day(Instant time) {
    return time.atZone(ZoneOffset.UTC).toLocalDate().toString();
  }

  /** Counts of the events by a key, as the charts write them. */
  static Map<String, String> count(JsonNode answer, Function<JsonNode, String> key) {
    Map<String, Long> counts = new TreeMap<>();
    answer.path("events").forEach(e -> counts.merge(key.apply(e), 1L, Long::sum));
    Map<String, String> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, "" + v));
    return out;
  }

  static Map<String, String> countHospitals(JsonNode answer) {
    Map<String, Long> counts = new TreeMap<>();
    answer
        .path("events")
        .forEach(e ->
            e.path("entry")
                .path("hospitalCodes")
                .forEach(h -> counts.merge(h.asString(), 1L, Long::sum)));
    Map<String, String> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, "" + v));
    return out;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
