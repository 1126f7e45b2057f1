package kr.hiway.adapter.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import kr.hiway.adapter.conformance.Report;
import kr.hiway.adapter.conformance.TestAdapters;
import kr.hiway.adapter.example.jdbc.SampleEmrSourceFactory;
import kr.hiway.adapter.testing.TestPki;
import kr.hiway.vocabulary.LinkageToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The adapter host as a hospital runs it: files and a properties file only. Over mutual TLS it
 * passes the conformance kit with the gateway's client certificate and refuses every other client;
 * a bad setting stops it with one line naming the setting and status 2.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdapterHostMainTest {

  static final String PASSWORD_VARIABLE = "ADAPTER_P12_PASSWORD";
  static final Map<String, String> ENV = Map.of(PASSWORD_VARIABLE, "changeit");

  Path dir;
  TestPki gatewayCa;
  TestPki.Issued gateway;
  TestPki.Issued revoked;

  @BeforeAll
  void files(@TempDir Path dir) throws Exception {
    this.dir = dir;
    gatewayCa = TestPki.create("Test gateway CA");
    gateway = gatewayCa.client("hiway-gateway");
    revoked = gatewayCa.client("hiway-gateway-old");
    TestPki.Issued server = gatewayCa.server("sample-emr", "127.0.0.1");
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(
        "adapter", server.keys().getPrivate(), "changeit".toCharArray(), server.chain());
    try (var out = Files.newOutputStream(dir.resolve("adapter.p12"))) {
      store.store(out, "changeit".toCharArray());
    }
    Files.writeString(dir.resolve("gateway-ca.pem"), gatewayCa.caPem());
    Instant now = Instant.now();
    Files.write(
        dir.resolve("gateway.crl"),
        gatewayCa.crl(now.minusSeconds(60), now.plus(Duration.ofDays(1)), revoked.certificate()));
    Files.write(
        dir.resolve("stale.crl"),
        gatewayCa.crl(now.minusSeconds(7200), now.minusSeconds(60), revoked.certificate()));
    TestPki other = TestPki.create("Another CA");
    Files.write(
        dir.resolve("foreign.crl"),
        other.crl(now, now.plus(Duration.ofDays(1)), revoked.certificate()));
    Files.writeString(
        dir.resolve("linkage.key"), Base64.getEncoder().encodeToString(TestAdapters.linkageKey()));
    Files.writeString(dir.resolve("short.key"), Base64.getEncoder().encodeToString(new byte[16]));
  }

  /** The configuration a hospital writes, serving the sample EMR on any free port. */
  static Map<String, String> good() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("hospital.code", "sample-emr");
    p.put("server.address", "127.0.0.1");
    p.put("server.port", "0");
    p.put("tls.key-store", "adapter.p12");
    p.put("tls.key-store-password-env", PASSWORD_VARIABLE);
    p.put("tls.gateway-ca", "gateway-ca.pem");
    p.put("tls.crl", "gateway.crl");
    p.put("linkage.key-file", "linkage.key");
    p.put("source.factory", SampleEmrSourceFactory.class.getName());
    return p;
  }

  @Test
  void startWhenTlsConfigurationThenKitPassesWithGatewayCertificate() throws Exception {
    AdapterHostMain.Started started = start(good(), ENV, getClass().getClassLoader(), System.err);
    try (var host = started.host()) {
      assertThat(started.exitStatus()).isZero();
      assertThat(started.baseUrl().getScheme()).isEqualTo("https");

      Report report =
          TestAdapters.kit()
              .run(
                  TestAdapters.target(started.baseUrl(), TestAdapters.BUDGET)
                      .withClientTls(TestPki.clientContext(gateway, gatewayCa.caCertificate())));
      System.out.print(report.render());

      assertThat(report.failures()).isEmpty();
      assertThat(report.check("linkage.found").orElseThrow().message())
          .isEqualTo("found Patient/10000001");
    }
  }

  @Test
  void startWhenTlsConfigurationThenClientWithoutCertificateOrRevokedByCrlFileRefused()
      throws Exception {
    AdapterHostMain.Started started = start(good(), ENV, getClass().getClassLoader(), System.err);
    try (var host = started.host()) {
      URI metadata = URI.create(started.baseUrl() + "/metadata");
      assertThat(get(metadata, TestPki.clientContext(gateway, gatewayCa.caCertificate())))
          .isEqualTo(200);
      assertThatThrownBy(
              () -> get(metadata, TestPki.clientContext(null, gatewayCa.caCertificate())))
          .isInstanceOf(IOException.class);
      assertThatThrownBy(
              () -> get(metadata, TestPki.clientContext(revoked, gatewayCa.caCertificate())))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void startWhenNoFactorySettingThenServiceLoaderFindsTheSourceOnTheClassPath(@TempDir Path jar)
      throws Exception {
    Path services = jar.resolve("META-INF/services/" + SourceFactory.class.getName());
    Files.createDirectories(services.getParent());
    Files.writeString(services, SampleEmrSourceFactory.class.getName() + "\n");
    Map<String, String> config = good();
    config.remove("source.factory");
    try (URLClassLoader loader =
        new URLClassLoader(new java.net.URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
      AdapterHostMain.Started started = start(config, ENV, loader, System.err);
      try (var host = started.host()) {
        assertThat(started.exitStatus()).isZero();
        String token = LinkageToken.withKey(TestAdapters.linkageKey()).of("580312-1972147");
        URI lookup =
            URI.create(
                started.baseUrl()
                    + "/Patient?identifier="
                    + java.net.URLEncoder.encode(
                        LinkageToken.SYSTEM + "|" + token, StandardCharsets.UTF_8));
        assertThat(body(lookup, TestPki.clientContext(gateway, gatewayCa.caCertificate())))
            .contains("\"total\":1")
            .contains("10000001");
      }
    }
  }

  static Stream<Arguments> badSettings() {
    return Stream.of(
        bad("hospital.code", null, "hospital.code: required"),
        bad("hospital.code", "snuh/1", "hospital.code: letters"),
        bad("server.port", "https", "server.port: a port number"),
        bad("tls.key-store", "missing.p12", "tls.key-store: no readable file"),
        bad("tls.key-store", "linkage.key", "tls.key-store: not a PKCS#12 key store"),
        bad("tls.key-store-password-env", "NOT_SET", "tls.key-store-password-env: the environment"),
        bad("tls.key-store-password", "changeit", "tls.key-store-password: set this or"),
        bad("tls.gateway-ca", "gateway.crl", "tls.gateway-ca: not a certificate"),
        bad("tls.crl", null, "tls.crl: required"),
        bad("tls.crl", "foreign.crl", "tls.crl: not a CRL of the gateway CA"),
        bad("tls.crl", "stale.crl", "tls.crl: the CRL is past its next update"),
        bad("tls.enabled", "false", "tls.enabled: false only with a loopback"),
        bad("tls.enabled", "yes", "tls.enabled: true or false"),
        bad("linkage.key-file", "short.key", "linkage.key-file: not a linkage key"),
        bad("linkage.key-file", null, "linkage.key-file: set this or linkage.key-env"),
        bad("tls.keystore", "adapter.p12", "tls.keystore: unknown setting"),
        bad("source.factory", "java.lang.String", "source.factory: java.lang.String does not"),
        bad("source.factory", "com.example.Nowhere", "source.factory: no class"),
        bad("source.factory", null, "source.factory: not set, and no SourceFactory"));
  }

  static Arguments bad(String setting, String value, String line) {
    return Arguments.of(setting, value, line);
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("badSettings")
  void startWhenSettingBadThenOneLineNamingItAndStatus2(String setting, String value, String line)
      throws Exception {
    Map<String, String> config = good();
    if (value == null) {
      config.remove(setting);
    } else {
      config.put(setting, value);
    }
    if (setting.equals("tls.enabled")) {
      config.put("server.address", "0.0.0.0");
    }
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    AdapterHostMain.Started started =
        start(config, ENV, getClass().getClassLoader(), new PrintStream(err, true, "UTF-8"));

    assertThat(started.exitStatus()).isEqualTo(2);
    assertThat(started.host()).isNull();
    String output = err.toString(StandardCharsets.UTF_8);
    assertThat(output.lines()).hasSize(1);
    assertThat(output).startsWith("adapter.properties: " + line);
  }

  @Test
  void startWhenNoConfigArgumentThenUsageAndStatus2() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    AdapterHostMain.Started started =
        AdapterHostMain.start(
            new String[0], ENV::get, getClass().getClassLoader(), new PrintStream(err, true));
    assertThat(started.exitStatus()).isEqualTo(2);
    assertThat(err.toString()).contains("--config");
  }

  private AdapterHostMain.Started start(
      Map<String, String> settings, Map<String, String> env, ClassLoader loader, PrintStream err)
      throws IOException {
    Properties p = new Properties();
    p.putAll(settings);
    Path file = dir.resolve("adapter.properties");
    try (var out = Files.newOutputStream(file)) {
      p.store(out, null);
    }
    return AdapterHostMain.start(new String[] {"--config", file.toString()}, env::get, loader, err);
  }

  private static int get(URI uri, SSLContext tls) throws Exception {
    return send(uri, tls).statusCode();
  }

  private static String body(URI uri, SSLContext tls) throws Exception {
    return send(uri, tls).body();
  }

  private static HttpResponse<String> send(URI uri, SSLContext tls) throws Exception {
    try (HttpClient client =
        HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build()) {
      return client.send(
          HttpRequest.newBuilder(uri)
              .header("Accept", "application/fhir+json")
              .timeout(Duration.ofSeconds(10))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }
}
