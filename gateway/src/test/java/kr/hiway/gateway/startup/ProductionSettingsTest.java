package kr.hiway.gateway.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kr.hiway.consent.ledger.CheckpointSigner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

/** Production's settings, one at a time: each missing or bad one is one line that names it. */
class ProductionSettingsTest {

  @TempDir static Path dir;
  static Path jwks;
  static Path keystore;
  static Path caCertificate;
  static Path caKey;

  @BeforeAll
  static void files() throws IOException {
    // Only their presence is checked at start; the configurations that read them parse them.
    jwks = Files.writeString(dir.resolve("jwks.json"), "{\"keys\":[]}");
    keystore = Files.write(dir.resolve("ca.p12"), new byte[] {1});
    caCertificate = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----");
    caKey = Files.writeString(dir.resolve("ca-key.pem"), "-----BEGIN PRIVATE KEY-----");
  }

  /** Everything production needs, valid. */
  static Map<String, String> complete() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put(ProductionSettings.DATASOURCE_URL, "jdbc:postgresql://db.internal:5432/hiway");
    s.put(ProductionSettings.ISSUER, "https://hiway.example.kr");
    s.put(ProductionSettings.JWKS, jwks.toString());
    s.put(ProductionSettings.PAGING_KEY, base64(32));
    s.put(ProductionSettings.PSEUDONYM_MASTER_KEY, base64(48));
    s.put(ProductionSettings.PII_KEY, base64(32));
    s.put(
        ProductionSettings.LEDGER_SIGNING_KEY,
        CheckpointSigner.generate("hiway.example.kr/consent-ledger").privateKey());
    s.put(ProductionSettings.PKI_KEYSTORE, keystore.toString());
    s.put(ProductionSettings.PKI_KEYSTORE_PASSWORD, "changeit");
    return s;
  }

  static List<String> problems(Map<String, String> settings) {
    MockEnvironment env = new MockEnvironment();
    settings.forEach(env::setProperty);
    return ProductionSettings.problems(Binder.get(env));
  }

  @Test
  void problemsWhenEverySettingValidThenNone() {
    assertThat(problems(complete())).isEmpty();
  }

  @Test
  void problemsWhenCaGivenAsPemFilesInsteadOfKeyStoreThenNone() {
    Map<String, String> s = complete();
    s.remove(ProductionSettings.PKI_KEYSTORE);
    s.remove(ProductionSettings.PKI_KEYSTORE_PASSWORD);
    s.put(ProductionSettings.PKI_CA_CERTIFICATE, caCertificate.toString());
    s.put(ProductionSettings.PKI_CA_KEY, caKey.toString());
    assertThat(problems(s)).isEmpty();
  }

  static Stream<String> required() {
    return Stream.of(
        ProductionSettings.DATASOURCE_URL,
        ProductionSettings.ISSUER,
        ProductionSettings.JWKS,
        ProductionSettings.PAGING_KEY,
        ProductionSettings.PSEUDONYM_MASTER_KEY,
        ProductionSettings.PII_KEY,
        ProductionSettings.LEDGER_SIGNING_KEY,
        ProductionSettings.PKI_KEYSTORE,
        ProductionSettings.PKI_KEYSTORE_PASSWORD);
  }

  @ParameterizedTest
  @MethodSource("required")
  void problemsWhenOneSettingMissingThenOneLineNamesIt(String setting) {
    Map<String, String> s = complete();
    s.remove(setting);
    assertThat(problems(s)).singleElement().asString().startsWith(setting + ": not set");
  }

  @ParameterizedTest
  @MethodSource("required")
  void problemsWhenOneSettingBlankThenOneLineNamesIt(String setting) {
    Map<String, String> s = complete();
    s.put(setting, "  \n");
    assertThat(problems(s)).singleElement().asString().startsWith(setting + ": not set");
  }

  static Stream<Arguments> unusable() {
    return Stream.of(
        Arguments.of(
            ProductionSettings.DATASOURCE_URL,
            "jdbc:h2:file:./data/hiway;MODE=PostgreSQL",
            "is a jdbc:h2 URL"),
        Arguments.of(ProductionSettings.ISSUER, "/gateway", "must be an absolute http(s) URL"),
        Arguments.of(ProductionSettings.ISSUER, "ftp://hiway.example.kr", "must be an absolute"),
        Arguments.of(ProductionSettings.ISSUER, "https://hiway.example.kr/?a=b", "no query"),
        Arguments.of(ProductionSettings.ISSUER, "https://exa mple", "is not a URL"),
        Arguments.of(ProductionSettings.JWKS, "/nonexistent/jwks.json", "not a readable file"),
        Arguments.of(ProductionSettings.PAGING_KEY, base64(16), "is 16 bytes; it must be 32"),
        Arguments.of(ProductionSettings.PAGING_KEY, base64(64), "is 64 bytes; it must be 32"),
        Arguments.of(ProductionSettings.PAGING_KEY, "not base64!", "is not base64"),
        Arguments.of(
            ProductionSettings.PSEUDONYM_MASTER_KEY, base64(16), "it must be at least 32 bytes"),
        Arguments.of(ProductionSettings.PII_KEY, base64(16), "is 16 bytes; it must be 32"),
        Arguments.of(ProductionSettings.LEDGER_SIGNING_KEY, "PRIVATE+KEY+x", "is not usable"),
        Arguments.of(ProductionSettings.LEDGER_SIGNING_KEY, base64(32), "not a note private key"),
        Arguments.of(ProductionSettings.PKI_KEYSTORE, "/nonexistent/ca.p12", "not a readable"));
  }

  @ParameterizedTest
  @MethodSource("unusable")
  void problemsWhenOneSettingUnusableThenOneLineNamesItAndWhy(
      String setting, String value, String why) {
    Map<String, String> s = complete();
    s.put(setting, value);
    assertThat(problems(s)).singleElement().asString().startsWith(setting + ": ").contains(why);
  }

  @Test
  void problemsWhenDatasourceUrlCarriesPasswordThenTheLineDoesNotShowIt() {
    Map<String, String> s = complete();
    s.put(ProductionSettings.DATASOURCE_URL, "jdbc:mysql://db/hiway?password=hunter2");
    assertThat(problems(s)).singleElement().asString().doesNotContain("hunter2");
  }

  @Test
  void problemsWhenCaCertificateWithoutItsKeyThenTheLineNamesTheKey() {
    Map<String, String> s = complete();
    s.remove(ProductionSettings.PKI_KEYSTORE);
    s.remove(ProductionSettings.PKI_KEYSTORE_PASSWORD);
    s.put(ProductionSettings.PKI_CA_CERTIFICATE, caCertificate.toString());
    assertThat(problems(s))
        .singleElement()
        .asString()
        .startsWith(ProductionSettings.PKI_CA_KEY + ": not set");
  }

  @Test
  void problemsWhenNothingSetThenOneLinePerSettingInOrder() {
    assertThat(problems(Map.of()))
        .extracting(line -> line.substring(0, line.indexOf(": ")))
        .containsExactly(
            ProductionSettings.DATASOURCE_URL,
            ProductionSettings.ISSUER,
            ProductionSettings.JWKS,
            ProductionSettings.PAGING_KEY,
            ProductionSettings.PSEUDONYM_MASTER_KEY,
            ProductionSettings.PII_KEY,
            ProductionSettings.LEDGER_SIGNING_KEY,
            ProductionSettings.PKI_KEYSTORE);
  }

  @Test
  void problemsWhenAtRestKeyIsThePseudonymMasterKeyThenOneLineSaysSo() {
    Map<String, String> s = complete();
    String shared = base64(32);
    s.put(ProductionSettings.PSEUDONYM_MASTER_KEY, shared);
    s.put(ProductionSettings.PII_KEY, shared);
    assertThat(problems(s))
        .singleElement()
        .asString()
        .startsWith(ProductionSettings.PII_KEY + ": ")
        .contains("a key of its own")
        .doesNotContain(shared);
  }

  @Test
  void problemsWhenKeyComesFromEnvironmentVariableThenItCounts() {
    // Kubernetes hands secrets over as HIWAY_PSEUDONYM_MASTERKEY and the like.
    Map<String, String> s = complete();
    String key = s.remove(ProductionSettings.PSEUDONYM_MASTER_KEY);
    MockEnvironment env = new MockEnvironment();
    s.forEach(env::setProperty);
    env.getPropertySources()
        .addLast(
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("HIWAY_PSEUDONYM_MASTERKEY", key)));
    assertThat(ProductionSettings.problems(Binder.get(env))).isEmpty();
  }

  @Test
  void postProcessWhenDemoOnThenNothingIsRequired() {
    MockEnvironment env = new MockEnvironment();
    assertThatNoException()
        .isThrownBy(() ->
            new ProductionSettingsCheck().postProcessEnvironment(env, new SpringApplication()));
  }

  @Test
  void postProcessWhenDemoOffAndCheckTurnedOffThenNothingIsRequired() {
    MockEnvironment env =
        new MockEnvironment()
            .withProperty("hiway.demo.enabled", "false")
            .withProperty("hiway.startup.production-check", "false");
    assertThatNoException()
        .isThrownBy(() ->
            new ProductionSettingsCheck().postProcessEnvironment(env, new SpringApplication()));
  }

  @Test
  void postProcessWhenDemoOffAndSettingMissingThenThrowsWithEachLine() {
    Map<String, String> s = complete();
    s.remove(ProductionSettings.JWKS);
    MockEnvironment env = new MockEnvironment().withProperty("hiway.demo.enabled", "false");
    s.forEach(env::setProperty);
    assertThatThrownBy(() ->
            new ProductionSettingsCheck().postProcessEnvironment(env, new SpringApplication()))
        .isInstanceOf(MissingProductionSettingsException.class)
        .hasMessageContaining("\n  " + ProductionSettings.JWKS + ": not set");
  }

  @Test
  void postProcessWhenDemoOffAndEverythingSetThenStarts() {
    MockEnvironment env = new MockEnvironment().withProperty("hiway.demo.enabled", "false");
    complete().forEach(env::setProperty);
    assertThatNoException()
        .isThrownBy(() ->
            new ProductionSettingsCheck().postProcessEnvironment(env, new SpringApplication()));
  }

  private static String base64(int bytes) {
    byte[] raw = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      raw[i] = (byte) (i * 7 + 1);
    }
    return Base64.getEncoder().encodeToString(raw);
  }
}
