package kr.hiway.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import kr.hiway.consent.testing.PostgresDatabase;
import kr.hiway.gateway.GatewayApplication;
import kr.hiway.gateway.pki.HospitalTls;
import kr.hiway.gateway.registry.HospitalRegistry;
import kr.hiway.gateway.registry.LinkageKeyring;
import kr.hiway.gateway.registry.RegisteredHospital;
import kr.hiway.gateway.testing.GatewayHttp;
import kr.hiway.gateway.testing.SmartLogin;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two gateway instances on one PostgreSQL database, each with the demo network that {@link
 * NetworkMain} runs apart, as {@code scripts/cluster.sh} starts them: the second instance's start
 * registers nothing twice, and each reaches every hospital with the file's addresses, certificates
 * and linkage keys.
 */
class NetworkMainInstancesPostgresTest {

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  @TempDir static Path dir;

  static NetworkMain.Running network;

  @BeforeAll
  static void startNetwork() throws Exception {
    network =
        NetworkMain.start(
            new NetworkMain.Options(
                dir.resolve("network.json"), dir.resolve("pki"), 20240101, 300, 0, 0, 0, true));
  }

  @AfterAll
  static void stopNetwork() throws Exception {
    if (network != null) {
      network.close();
    }
  }

  @Test
  void startWhenTwoInstancesReadTheNetworkFileThenRegisteredOnceAndBothReachEveryHospital()
      throws Exception {
    NetworkFile file = NetworkFile.read(dir.resolve("network.json"));
    try (ConfigurableApplicationContext first = instance();
        ConfigurableApplicationContext second = instance()) {
      JdbcClient jdbc = second.getBean(JdbcClient.class);
      Map<String, URI> registered =
          second.getBean(HospitalRegistry.class).all().stream()
              .collect(Collectors.toMap(RegisteredHospital::code, RegisteredHospital::baseUrl));
      Map<String, URI> inFile =
          file.hospitals().stream()
              .collect(Collectors.toMap(NetworkFile.Entry::code, NetworkFile.Entry::baseUrl));
      assertThat(registered).hasSize(47).isEqualTo(inFile);
      // One certificate per hospital, the file's, not revoked by the second start.
      List<String> serials =
          jdbc.sql("SELECT serial FROM hospital_certificate WHERE revoked_at IS NULL")
              .query(String.class)
              .list();
      assertThat(serials)
          .containsExactlyInAnyOrderElementsOf(
              file.hospitals().stream().map(e -> e.x509().getSerialNumber().toString(16)).toList());
      assertThat(jdbc.sql("SELECT count(*) FROM hospital_certificate").query(Long.class).single())
          .isEqualTo(47);

      for (ConfigurableApplicationContext instance : List.of(first, second)) {
        LinkageKeyring keyring = instance.getBean(LinkageKeyring.class);
        for (NetworkFile.Entry e : file.hospitals()) {
          assertThat(keyring.forHospital(e.code()))
              .as(e.code())
              .hasValueSatisfying(k ->
                  assertThat(k.of("900101-1234567")).isEqualTo(e.linkage().of("900101-1234567")));
        }
        assertEveryHospitalAnswersOverMutualTls(instance, file);
      }
      assertEverythingFromEveryHospital(second);
    }
  }

  /** An instance as the script starts one: with command-line settings, over application.yml's. */
  private static ConfigurableApplicationContext instance() {
    return new SpringApplicationBuilder(GatewayApplication.class)
        .run(
            "--server.port=0",
            "--spring.datasource.url=" + db.jdbcUrl(),
            "--spring.datasource.username=" + db.user(),
            "--spring.datasource.password=",
            "--hiway.demo.network-file=" + dir.resolve("network.json"),
            "--hiway.pki.demo-folder=" + dir.resolve("pki"),
            "--hiway.demo.recipient-keys=" + dir.resolve("recipients"));
  }

  private static void assertEveryHospitalAnswersOverMutualTls(
      ConfigurableApplicationContext instance, NetworkFile file) throws Exception {
    try (HttpClient http =
        HttpClient.newBuilder().sslContext(instance.getBean(HospitalTls.class).context()).build()) {
      for (NetworkFile.Entry e : file.hospitals()) {
        HttpResponse<String> metadata =
            http.send(
                HttpRequest.newBuilder(URI.create(e.baseUrl() + "/metadata")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metadata.statusCode()).as(e.code()).isEqualTo(200);
      }
    }
  }

  /** The demo person's account is bound to the network's person 0: records at all 47. */
  private static void assertEverythingFromEveryHospital(ConfigurableApplicationContext instance)
      throws Exception {
    String base =
        "http://localhost:"
            + instance.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    SmartLogin.Tokens tokens =
        new SmartLogin(base).signIn("patient47", "patient47", "launch/patient patient/*.rs");
    String patient = tokens.body().path("patient").asString();
    GatewayHttp api = new GatewayHttp(base);
    // A cold instance's first answer parses 47 at once: on a slow machine some may miss the
    // deadline (named in the outcome). This is about what is answered: warm up first.
    api.get("Patient/" + patient + "/$everything?_count=1", tokens.accessToken());
    GatewayHttp.Answer answer =
        api.get("Patient/" + patient + "/$everything?_count=1000", tokens.accessToken());
    assertThat(answer.status()).isEqualTo(200);
    Bundle bundle = answer.bundle();
    Set<String> sources = new HashSet<>();
    for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
      Resource r = entry.getResource();
      assertThat(r.fhirType()).as(answer.body()).isNotEqualTo("OperationOutcome");
      if (!r.fhirType().equals("Patient")) {
        sources.add(r.getMeta().getSource());
      }
    }
    assertThat(sources).hasSize(47);
  }
}
