package kr.hiway.gateway.pii;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import kr.hiway.consent.pseudonym.PseudonymIndex;
import kr.hiway.consent.testing.PostgresDatabase;
import kr.hiway.demo.network.DemoNetwork;
import kr.hiway.gateway.account.PatientAccounts;
import kr.hiway.gateway.testing.Consents;
import kr.hiway.gateway.testing.GatewayDatabase;
import kr.hiway.gateway.testing.GatewayHttp;
import kr.hiway.gateway.testing.SmartLogin;
import kr.hiway.gateway.testing.TestTokens;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * National identifiers on PostgreSQL: rows stored in clear before the at-rest migration are sealed
 * by it and still found; after sign-in, consent and a research release, no table holds a demo
 * person's national identifier in clear; look-ups by the keyed hash find the right account.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"hiway.demo.persons=300"})
class NationalIdsAtRestPostgresTest {

  static final String RESEARCH = "research-atrest-pg";
  static final String LEGACY_ID = "850101-1234567";

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  @DynamicPropertySource
  static void datasource(DynamicPropertyRegistry registry) throws Exception {
    GatewayDatabase.register(db, registry);
    // A deployment from before the at-rest migration, with a row in clear in each table.
    Flyway.configure().dataSource(db.jdbcUrl(), db.user(), "").target("113").load().migrate();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), "");
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO patient_account (username, password_hash, patient_id, national_id,"
              + " created_at) VALUES ('legacy', '{noop}x', 'pt-legacy', '"
              + LEGACY_ID
              + "', now())");
      s.execute(
          "INSERT INTO pseudonym_index (domain, pseudonym, national_id, first_seen)"
              + " VALUES ('legacy-domain', 'ps-legacy', '"
              + LEGACY_ID
              + "', now())");
    }
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired DemoNetwork network;
  @Autowired PatientAccounts accounts;
  @Autowired PseudonymIndex index;
  @Autowired RegisteredClientRepository clients;
  @Autowired RSAKey signingKey;

  @Test
  void migrationWhenRowsWereInClearThenSealedAndStillFound() {
    assertThat(accounts.byNationalId(LEGACY_ID).orElseThrow().patientId()).isEqualTo("pt-legacy");
    assertThat(accounts.byNationalId("8501011234567").orElseThrow().username()).isEqualTo("legacy");
    assertThat(index.nationalIdOf("legacy-domain", "ps-legacy")).contains(LEGACY_ID);
    assertThat(
            jdbc.sql("SELECT national_id_sealed FROM patient_account WHERE username = 'legacy'")
                .query(String.class)
                .single())
        .startsWith("v1.")
        .doesNotContain("850101");
  }

  @Test
  void tablesWhenPatientsSignedInConsentedAndReleasedThenNoNationalIdInClear() throws Exception {
    String base = "http://localhost:" + port;
    GatewayHttp api = new GatewayHttp(base);
    SmartLogin.Tokens patient =
        new SmartLogin(base)
            .signIn("patient47", "patient47", "launch/patient patient/*.rs patient/Consent.cruds");
    String patientId = patient.body().path("patient").asString();
    Consents.registerRecipients(clients, RESEARCH);
    GatewayHttp.Answer granted =
        api.send(
            "POST",
            "Consent",
            patient.accessToken(),
            Consents.json(patientId, RESEARCH, "HRESCH", List.of("Observation"), List.of(), ""));
    assertThat(granted.status()).as(granted.body()).isEqualTo(201);
    assertThat(
            api.get(
                    "Patient/" + patientId + "/$everything?_count=1000",
                    TestTokens.recipient(signingKey, RESEARCH, "HRESCH").signed())
                .status())
        .isEqualTo(200);
    String nationalId = network.population().person(0).nationalId();
    assertThat(accounts.byNationalId(nationalId).orElseThrow().patientId()).isEqualTo(patientId);
    assertThat(jdbc.sql("SELECT count(*) FROM pseudonym_index").query(Long.class).single())
        .isGreaterThanOrEqualTo(3);

    List<String> clear = new ArrayList<>(List.of(LEGACY_ID, LEGACY_ID.replace("-", "")));
    for (int i = 0; i <= 9; i++) {
      String id = network.population().person(i).nationalId();
      clear.add(id);
      clear.add(id.replace("-", ""));
    }
    List<String> tables =
        jdbc.sql(
                "SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")
            .query(String.class)
            .list();
    assertThat(tables).contains("patient_account", "pseudonym_index", "audit_event", "ledger_leaf");
    long rows = 0;
    for (String table : tables) {
      List<String> texts =
          jdbc.sql("SELECT CAST(t AS text) FROM \"" + table + "\" t").query(String.class).list();
      rows += texts.size();
      for (String text : texts) {
        for (String id : clear) {
          assertThat(text).as(table).doesNotContain(id);
        }
      }
    }
    assertThat(rows).isGreaterThan(10);
  }
}
