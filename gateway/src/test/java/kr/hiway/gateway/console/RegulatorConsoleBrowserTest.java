package kr.hiway.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
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
import kr.hiway.gateway.testing.FreePorts;
import kr.hiway.gateway.testing.GatewayDatabase;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
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
  static final int PORT = FreePorts.outsideEphemeralRange();

  static final String BASE = "http://localhost:" + PORT;
  static final String CLINIC = "clinic-console";
  static final String RESEARCH = "research-console";
  static final String UNKNOWN_CONSENT = "no-such-consent";
  static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
  static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    GatewayDatabase.register(db, registry);
    registry.add("server.port", () -> PORT);
    registry.add("hiway.security.issuer", () -> BASE);
  }

  @Autowired RSAKey signingKey;
  @Autowired JdbcClient jdbc;
  @Autowired RegisteredClientRepository clients;
  @Autowired Ledger ledger;

  GatewayHttp api = new GatewayHttp(BASE);
  ChromeDriver browser;
  ConsolePage page;
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

    browser = chromium.driver();
    page = new ConsolePage(browser, BASE, chromium.downloads(), SCREENSHOTS);
  }

  @Test
  @Order(1)
  void signInWhenRegulatorThroughFormThenEveryEntryListedInKoreanOrEnglish() throws Exception {
    long audited = audits("regulator-search");
    browser.get(BASE + "/console");
    WebElement signIn = page.visible("#sign-in");
    assertThat(signIn.getText()).isEqualTo("로그인");
    signIn.click();
    page.signInThroughForm("regulator");

    page.visible("#view-events");
    page.awaitRows();
    assertThat(page.text("#who")).contains("regulator");
    assertThat(page.rows()).hasSize((int) ledger.head().size());
    assertThat(audits("regulator-search")).isGreaterThan(audited);
    // Patients appear only as pseudonyms.
    assertThat(browser.getPageSource()).contains("ps-").doesNotContain(patient);

    new Select(browser.findElement(By.id("lang"))).selectByValue("en");
    assertThat(page.text("nav a[href='#events']")).isEqualTo("Entries");
    assertThat(page.text("#events thead th:nth-child(4)")).isEqualTo("Consent");
    new Select(browser.findElement(By.id("lang"))).selectByValue("ko");
    assertThat(page.text("nav a[href='#events']")).isEqualTo("기록");

    // Times in Korea's time by default, UTC on request; the API's instant is the cell's title.
    WebElement cell = browser.findElement(By.cssSelector("#events tbody tr td.time"));
    Instant at = Instant.parse(cell.getAttribute("title"));
    java.time.format.DateTimeFormatter shown =
        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    assertThat(page.text("#time-header")).isEqualTo("시각 (KST)");
    assertThat(cell.getText())
        .isEqualTo(shown.format(at.atZone(java.time.ZoneId.of("Asia/Seoul"))));
    new Select(browser.findElement(By.id("tz"))).selectByValue("UTC");
    assertThat(page.text("#time-header")).isEqualTo("시각 (UTC)");
    assertThat(page.text("#events tbody tr td.time"))
        .isEqualTo(shown.format(at.atZone(ZoneOffset.UTC)));
    new Select(browser.findElement(By.id("tz"))).selectByValue("Asia/Seoul");
    // Hospital names beside their codes.
    assertThat(page.text("#events tbody tr[data-index='0'] td.hospitals"))
        .matches(".*snuh \\([^)]+\\).*");
    page.screenshot("1-entries");
  }

  @Test
  @Order(2)
  void filterWhenRecipientAndTypeThenOnlyThoseEntries() throws Exception {
    page.filter(Map.of("recipient", CLINIC));
    // The clinic's grant, its two disclosures and the unfounded one.
    assertThat(page.rows()).hasSize(4);
    assertThat(page.column(6)).containsOnly(CLINIC);
    page.filter(Map.of("recipient", CLINIC, "type", "disclosure"));
    assertThat(page.rows()).hasSize(3);
    assertThat(page.attributes("#events tbody tr", "data-type")).containsOnly("disclosure");
    page.filter(Map.of("hospital", "cnuh", "type", "disclosure"));
    assertThat(page.attributes("#events tbody tr", "data-index")).containsExactly("" + violation);
    page.screenshot("2-entries-filtered");
  }

  @Test
  @Order(3)
  void chartsWhenShownThenCountsMatchTheEntries() throws Exception {
    long audited = audits("regulator-stats");
    page.filter(Map.of("recipient", CLINIC));
    page.open("charts");
    JsonNode clinic = regulator("/regulator/events?type=disclosure&recipient=" + CLINIC);
    assertThat(page.attribute("#totals", "data-disclosures")).isEqualTo("3");
    assertThat(page.attribute("#totals", "data-granted")).isEqualTo("1");
    assertThat(page.text("#totals")).isEqualTo("제공 3건 · 동의 1건 · 철회 0건 · 만료 0건");
    assertThat(page.barCounts("chart-per-day")).isEqualTo(count(clinic, e -> day(e)));
    assertThat(page.barCounts("chart-per-day"))
        .containsEntry(day(Instant.now().minus(Duration.ofDays(1))), "1");
    assertThat(page.barCounts("chart-per-purpose")).containsExactlyEntriesOf(Map.of("TREAT", "3"));
    Map<String, String> perHospital = page.barCounts("chart-per-hospital");
    assertThat(perHospital).containsEntry("cnuh", "1").isEqualTo(countHospitals(clinic));
    assertThat(audits("regulator-stats")).isEqualTo(audited + 1);

    page.filter(Map.of());
    page.open("charts");
    assertThat(page.attribute("#totals", "data-disclosures")).isEqualTo("4");
    assertThat(page.attribute("#totals", "data-granted")).isEqualTo("2");
    assertThat(page.attribute("#totals", "data-revoked")).isEqualTo("1");
    assertThat(page.barCounts("chart-per-purpose"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("TREAT", "3", "HRESCH", "1"));
    // The recipients, each with its disclosures.
    assertThat(page.barCounts("chart-per-recipient"))
        .containsExactlyInAnyOrderEntriesOf(Map.of(CLINIC, "3", RESEARCH, "1"));
    String today = day(Instant.now());
    assertThat(
            browser
                .findElement(
                    By.cssSelector(
                        "#chart-consents g[data-key='" + today + "'] text[data-series='revoked']"))
                .getText())
        .isEqualTo("1");
    page.screenshot("3-charts");
  }

  @Test
  @Order(4)
  void complianceWhenDisclosureWithoutConsentThenViolationShownAndOpensItsEntries()
      throws Exception {
    long audited = audits("compliance");
    page.open("compliance");
    WebElement summary = page.visible("#compliance-summary");
    assertThat(summary.getAttribute("data-checked")).isEqualTo("4");
    assertThat(summary.getAttribute("data-violations")).isEqualTo("1");
    WebElement item = page.visible("#violations li.violation[data-index='" + violation + "']");
    assertThat(item.getText()).contains(UNKNOWN_CONSENT).contains("no grant of consent");
    assertThat(audits("compliance")).isEqualTo(audited + 1);
    page.screenshot("4-compliance");

    String loaded = page.loaded("events");
    item.findElement(By.cssSelector("button.open-violation")).click();
    page.awaitLoaded("events", loaded);
    assertThat(browser.getCurrentUrl()).endsWith("#events");
    assertThat(browser.findElement(By.name("consent")).getAttribute("value"))
        .isEqualTo(UNKNOWN_CONSENT);
    assertThat(page.attributes("#events tbody tr", "data-index")).containsExactly("" + violation);
    assertThat(page.visible("#events tbody tr.violation").getAttribute("data-index"))
        .isEqualTo("" + violation);
  }

  @Test
  @Order(5)
  void checkpointWhenVerifiedThenConsistencyWithTheLastSeenAndInclusionHold() throws Exception {
    long audited = audits("ledger-read");
    page.open("checkpoint");
    assertThat(page.attribute("#cp-signature", "data-status")).isEqualTo("verified");
    assertThat(page.text("#cp-size")).isEqualTo("" + ledger.head().size());
    assertThat(page.attribute("#cp-consistency", "data-status")).isEqualTo("first");
    assertThat(audits("ledger-read")).isGreaterThan(audited);

    // The log grows; the next checkpoint must extend the one seen.
    grant(CLINIC, "TREAT", List.of("Condition"), List.of());
    String loaded = page.loaded("checkpoint");
    browser.findElement(By.id("checkpoint-sign")).click();
    page.awaitLoaded("checkpoint", loaded);
    assertThat(page.text("#cp-size")).isEqualTo("" + ledger.head().size());
    assertThat(page.attribute("#cp-consistency", "data-status")).isEqualTo("consistent");

    // Inclusion of the violating disclosure, checked in the page.
    WebElement index = browser.findElement(By.id("inclusion-index"));
    index.clear();
    index.sendKeys("" + violation);
    browser.findElement(By.id("inclusion-check")).click();
    WebElement proof = page.awaitStatus("#checkpoint-inclusion");
    assertThat(proof.getAttribute("data-status")).isEqualTo("ok");
    assertThat(proof.getText()).contains("✓").contains("#" + violation);
    page.screenshot("5-checkpoint");

    // An entry newer than the checkpoint: not yet provable, until a checkpoint covers it.
    long newest = ledger.append(disclosure(CLINIC, "cnuh")).index();
    index.clear();
    index.sendKeys("" + newest);
    browser.findElement(By.id("inclusion-check")).click();
    assertThat(page.awaitStatus("#checkpoint-inclusion").getAttribute("data-status"))
        .isEqualTo("not-yet");
    browser.findElement(By.cssSelector("#checkpoint-inclusion button.sign-checkpoint")).click();
    page.await(d -> "ok".equals(page.attribute("#checkpoint-inclusion", "data-status")));

    // A checkpoint seen before that this log does not extend is reported, and kept.
    String forged =
        "{\"origin\":\""
            + page.text("#cp-details dd:nth-of-type(1)")
            + "\",\"size\":\"2\",\"root\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\","
            + "\"seenAt\":\"2026-01-01T00:00:00Z\"}";
    ((JavascriptExecutor) browser)
        .executeScript("localStorage.setItem('hiway.console.checkpoint', arguments[0])", forged);
    loaded = page.loaded("checkpoint");
    browser.findElement(By.id("checkpoint-sign")).click();
    page.awaitLoaded("checkpoint", loaded);
    assertThat(page.attribute("#cp-consistency", "data-status")).isEqualTo("inconsistent");
    assertThat(page.text("#cp-consistency")).contains("✗");
    page.screenshot("6-checkpoint-inconsistent");

    // A baseline of this very log signed by another key: a substituted key is refused, and an
    // inclusion check against the checkpoint is refused with it.
    String otherKey =
        "{\"origin\":\""
            + page.text("#cp-details dd:nth-of-type(1)")
            + "\",\"keyId\":\"someone-else+0badc0de\",\"size\":\"0\","
            + "\"root\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\","
            + "\"seenAt\":\"2026-01-01T00:00:00Z\"}";
    ((JavascriptExecutor) browser)
        .executeScript("localStorage.setItem('hiway.console.checkpoint', arguments[0])", otherKey);
    loaded = page.loaded("checkpoint");
    browser.findElement(By.id("checkpoint-sign")).click();
    page.awaitLoaded("checkpoint", loaded);
    assertThat(page.attribute("#cp-consistency", "data-status")).isEqualTo("other-key");
    assertThat(page.text("#cp-consistency")).contains("✗");
    index.clear();
    index.sendKeys("" + violation);
    browser.findElement(By.id("inclusion-check")).click();
    assertThat(page.awaitStatus("#checkpoint-inclusion").getAttribute("data-status"))
        .isEqualTo("untrusted");
    ((JavascriptExecutor) browser)
        .executeScript("localStorage.removeItem('hiway.console.checkpoint')");
  }

  @Test
  @Order(6)
  void inclusionWhenCheckedFromAnEntryThenShownWithItsPath() throws Exception {
    page.filter(Map.of("recipient", RESEARCH));
    WebElement row = browser.findElement(By.cssSelector("#events tbody tr"));
    String index = row.getAttribute("data-index");
    row.findElement(By.cssSelector("button.check-inclusion")).click();
    WebElement proof = page.awaitStatus("#inclusion");
    assertThat(proof.getAttribute("data-status")).isEqualTo("ok");
    assertThat(proof.getAttribute("data-index")).isEqualTo(index);
    assertThat(proof.findElements(By.cssSelector("dl.hashes dt"))).hasSizeGreaterThan(2);
    page.screenshot("7-entry-inclusion");
  }

  @Test
  @Order(7)
  void exportWhenCsvAndNdjsonThenTheFilesHoldTheWholeSelection() throws Exception {
    long audited = audits("regulator-export");
    page.filter(Map.of("recipient", CLINIC, "type", "disclosure"));
    int selected =
        regulator("/regulator/events?type=disclosure&recipient=" + CLINIC).path("events").size();
    assertThat(selected).isEqualTo(4);

    browser.findElement(By.id("export-csv")).click();
    List<String> csv = page.download("consent-ledger.csv");
    assertThat(csv.get(0)).startsWith("index,type,time,consentId,patient,recipient");
    assertThat(csv).hasSize(selected + 1);
    assertThat(csv.subList(1, csv.size())).allMatch(l -> l.contains(",disclosure,"));
    assertThat(csv).anyMatch(l -> l.startsWith(violation + ",") && l.contains(UNKNOWN_CONSENT));

    browser.findElement(By.id("export-ndjson")).click();
    List<String> ndjson = page.download("consent-ledger.ndjson");
    assertThat(ndjson).hasSize(selected);
    for (String line : ndjson) {
      JsonNode entry = JSON.readTree(line).path("entry");
      assertThat(entry.path("recipient").asString()).isEqualTo(CLINIC);
      assertThat(entry.path("type").asString()).isEqualTo("disclosure");
    }
    assertThat(audits("regulator-export")).isEqualTo(audited + 2);
    page.screenshot("8-export");
  }

  @Test
  @Order(8)
  void consoleWhenPatientOrRecipientThenRefusedByTheApiAndThePage() throws Exception {
    browser.manage().deleteAllCookies();
    browser.get(BASE + "/console/");
    ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
    browser.navigate().refresh();
    page.visible("#sign-in").click();
    page.signInThroughForm("patient47");
    WebElement notice = page.visible("#notice");
    assertThat(notice.getAttribute("data-kind")).isEqualTo("refused");
    assertThat(notice.getText()).contains("접근이 거부되었습니다").contains("HIW-G004");
    assertThat(browser.findElements(By.cssSelector("#events tbody tr"))).isEmpty();
    page.screenshot("9-refused");
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
    assertThat(page.visible("#notice").getAttribute("data-kind")).isEqualTo("refused");
    assertThat(browser.findElements(By.cssSelector("#violations li"))).isEmpty();

    // A token the API does not take (401): signed out, and the token is not kept for a refresh.
    ((JavascriptExecutor) browser)
        .executeScript(
            "sessionStorage.setItem('hiway.console.session', JSON.stringify("
                + "{token: 'not-a-token', user: 'nobody', expiresAt: Date.now() + 60000}))");
    browser.get(BASE + "/console/#events");
    assertThat(page.visible("#signed-out").getText()).contains("세션이 만료되었습니다");
    assertThat(
            ((JavascriptExecutor) browser)
                .executeScript("return sessionStorage.getItem('hiway.console.session')"))
        .isNull();
    browser.navigate().refresh();
    assertThat(page.visible("#signed-out").isDisplayed()).isTrue();
    assertThat(browser.findElements(By.cssSelector("#events tbody tr"))).isEmpty();
  }

  // ---- the API

  @Test
  @Order(9)
  void integrityWhenAnEntryIsAlteredInTheDatabaseThenBannerAndFullAuditNameIt() throws Exception {
    // The previous test left a patient signed in: start afresh as the regulator.
    browser.manage().deleteAllCookies();
    browser.get(BASE + "/console/");
    ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
    browser.navigate().refresh();
    page.visible("#sign-in").click();
    page.signInThroughForm("regulator");
    page.visible("#view-events");
    page.awaitRows();
    assertThat(browser.findElement(By.id("integrity-banner")).isDisplayed()).isFalse();

    byte[] original =
        jdbc.sql("SELECT leaf_data FROM ledger_leaf WHERE leaf_index = 1")
            .query(byte[].class)
            .single();
    jdbc.sql("UPDATE ledger_leaf SET leaf_data = ? WHERE leaf_index = 1")
        .param("{\"altered\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .update();
    try {
      browser.navigate().refresh();
      WebElement banner = page.visible("#integrity-banner");
      assertThat(banner.getText()).contains("무결성");
      page.open("compliance");
      browser.findElement(By.id("integrity-run")).click();
      // (Selectors that carry the expected values: the view re-renders while it loads.)
      page.visible("#integrity-problems tr.problem[data-index='1'][data-kind='entry']");
      page.visible("#integrity-summary[data-intact='false']");
      // The entry list flags the altered row, and nothing fails on it.
      page.open("events");
      page.visible("#events tbody tr.broken[data-index='1']");
      page.screenshot("9-integrity");
    } finally {
      jdbc.sql("UPDATE ledger_leaf SET leaf_data = ? WHERE leaf_index = 1")
          .param(original)
          .update();
    }
  }

  @Test
  @Order(10)
  void sessionWhenAboutToEndThenSaidWithASignInButtonInsteadOfFailingSilently() throws Exception {
    // The regulator of the previous test is signed in; pretend the token ends in 62 seconds.
    ((JavascriptExecutor) browser)
        .executeScript(
            "const k = 'hiway.console.session';"
                + "const s = JSON.parse(sessionStorage.getItem(k));"
                + "s.expiresAt = Date.now() + 62000;"
                + "sessionStorage.setItem(k, JSON.stringify(s));");
    browser.navigate().refresh();
    WebElement notice = page.visible("#notice[data-kind='expiring']");
    assertThat(notice.getText()).contains("세션이").contains("만료됩니다");
    assertThat(browser.findElement(By.id("renew")).isDisplayed()).isTrue();
  }

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
}
