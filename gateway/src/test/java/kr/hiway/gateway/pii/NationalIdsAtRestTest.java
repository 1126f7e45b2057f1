package kr.hiway.gateway.pii;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import kr.hiway.demo.network.DemoNetwork;
import kr.hiway.gateway.GatewayApplication;
import kr.hiway.gateway.account.PatientAccounts;
import kr.hiway.gateway.testing.Consents;
import kr.hiway.gateway.testing.GatewayHttp;
import kr.hiway.gateway.testing.SmartLogin;
import kr.hiway.gateway.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The demo as a newcomer starts it, on its embedded H2 file database: once patients have signed in,
 * consented and been released to a research recipient, no file of the data folder holds any demo
 * account's resident registration number in clear, and every file there is its owner's only.
 */
class NationalIdsAtRestTest {

  static final String RESEARCH = "research-atrest";

  @TempDir Path temp;

  @Test
  void demoWhenPatientsSignedInConsentedAndReleasedThenNoNationalIdInAnyDataFile()
      throws Exception {
    Path data = temp.resolve("data");
    List<String> nationalIds = new ArrayList<>();
    ConfigurableApplicationContext gateway =
        new SpringApplication(GatewayApplication.class)
            .run(
                "--spring.datasource.url=jdbc:h2:file:"
                    + data.resolve("hiway")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "--server.port=0",
                "--hiway.demo.persons=300",
                // The demo's own key, made into its data folder, as without any configuration.
                "--hiway.pii.key=",
                "--hiway.pii.demo-key-file=" + data.resolve("pii.key"),
                "--hiway.pseudonym.demo-key-file=" + data.resolve("pseudonym-master.key"),
                "--hiway.ledger.demo-key-file=" + data.resolve("ledger-signing.key"),
                "--hiway.demo.jwks-file=" + data.resolve("jwks.json"),
                "--hiway.pki.demo-folder=" + data.resolve("pki"));
    try {
      DemoNetwork network = gateway.getBean(DemoNetwork.class);
      for (int i = 0; i <= 9; i++) {
        nationalIds.add(network.population().person(i).nationalId());
      }
      String base = "http://localhost:" + gateway.getEnvironment().getProperty("local.server.port");
      GatewayHttp api = new GatewayHttp(base);
      SmartLogin.Tokens patient =
          new SmartLogin(base)
              .signIn(
                  "patient47", "patient47", "launch/patient patient/*.rs patient/Consent.cruds");
      String patientId = patient.body().path("patient").asString();
      // Sign-in linked the account: its records come from the hospitals by its national id.
      assertThat(api.get("Patient/" + patientId + "/$everything", patient.accessToken()).status())
          .isEqualTo(200);
      Consents.registerRecipients(gateway.getBean(RegisteredClientRepository.class), RESEARCH);
      GatewayHttp.Answer granted =
          api.send(
              "POST",
              "Consent",
              patient.accessToken(),
              Consents.json(patientId, RESEARCH, "HRESCH", List.of("Observation"), List.of(), ""));
      assertThat(granted.status()).as(granted.body()).isEqualTo(201);
      GatewayHttp.Answer released =
          api.get(
              "Patient/" + patientId + "/$everything?_count=1000",
              TestTokens.recipient(gateway.getBean(RSAKey.class), RESEARCH, "HRESCH").signed());
      assertThat(released.status()).isEqualTo(200);

      JdbcClient jdbc = gateway.getBean(JdbcClient.class);
      assertThat(jdbc.sql("SELECT count(*) FROM patient_account").query(Long.class).single())
          .isEqualTo(10);
      assertThat(jdbc.sql("SELECT count(*) FROM pseudonym_index").query(Long.class).single())
          .isGreaterThanOrEqualTo(2);
      // Found by the keyed hash, with or without the hyphen.
      PatientAccounts accounts = gateway.getBean(PatientAccounts.class);
      assertThat(accounts.byNationalId(nationalIds.get(0)).orElseThrow().patientId())
          .isEqualTo(patientId);
      assertThat(
              accounts.byNationalId(nationalIds.get(0).replace("-", "")).orElseThrow().username())
          .isEqualTo("patient47");
    } finally {
      gateway.close();
    }

    List<Path> files;
    try (Stream<Path> all = Files.walk(data)) {
      files = all.filter(Files::isRegularFile).toList();
    }
    assertThat(files).anyMatch(f -> f.getFileName().toString().endsWith(".mv.db"));
    // The scan can see what is stored in clear: the usernames are.
    byte[] database = Files.readAllBytes(data.resolve("hiway.mv.db"));
    assertThat(AtRestScan.count(database, "patient47".getBytes(StandardCharsets.UTF_8)))
        .isPositive();
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      for (String nationalId : nationalIds) {
        for (byte[] needle : AtRestScan.needles(nationalId)) {
          assertThat(AtRestScan.count(bytes, needle)).as(file.toString()).isZero();
        }
      }
      assertThat(Files.getPosixFilePermissions(file))
          .as(file.toString())
          .doesNotContain(
              PosixFilePermission.GROUP_READ,
              PosixFilePermission.GROUP_WRITE,
              PosixFilePermission.OTHERS_READ,
              PosixFilePermission.OTHERS_WRITE);
    }
    assertThat(Files.getPosixFilePermissions(data))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(Files.getPosixFilePermissions(data.resolve("pii.key")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }
}
