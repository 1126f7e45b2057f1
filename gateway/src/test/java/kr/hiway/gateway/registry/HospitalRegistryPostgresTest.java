package kr.hiway.gateway.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import kr.hiway.consent.testing.PostgresDatabase;
import kr.hiway.gateway.account.StaffAccounts;
import kr.hiway.gateway.account.StaffRole;
import kr.hiway.gateway.cluster.ClusterEvents;
import kr.hiway.gateway.cluster.TestClusterEvents;
import kr.hiway.gateway.testing.GatewayDatabase;
import kr.hiway.gateway.testing.TestJwks;
import kr.hiway.vocabulary.Hospital;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The migrations and the registry on a real PostgreSQL. */
@SpringBootTest(properties = "hiway.demo.enabled=false")
class HospitalRegistryPostgresTest {

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  @DynamicPropertySource
  static void datasource(DynamicPropertyRegistry registry) {
    GatewayDatabase.register(db, registry);
    TestJwks.register(registry);
  }

  @Autowired HospitalRegistry registry;
  @Autowired JdbcClient jdbc;
  @Autowired StaffAccounts staff;

  @Test
  void migrateWhenOperatorAccountCreatedThenTheWidenedRoleCheckAcceptsIt() {
    staff.createIfAbsent("pg-operator", "pg-operator", StaffRole.OPERATOR);
    assertThat(staff.roleOf("pg-operator")).contains(StaffRole.OPERATOR);
  }

  @Test
  void setEnabledWhenDisabledThenStoredAndUnknownCodeThenFalse() {
    Hospital h = new Hospital("test-off", "꺼진병원", "Off Hospital", "Seoul", "Seoul");
    registry.register(h, URI.create("https://127.0.0.1:3/fhir"));
    assertThat(registry.setEnabled("test-off", false)).isTrue();
    assertThat(registry.byCode("test-off"))
        .hasValueSatisfying(r -> assertThat(r.enabled()).isFalse());
    assertThat(registry.setEnabled("no-such", false)).isFalse();
  }

  @Test
  void migrateWhenStartedOnPostgresThenSchemaIsThere() {
    String product = jdbc.sql("SELECT version()").query(String.class).single();
    assertThat(product).startsWith("PostgreSQL");
    assertThat(
            jdbc.sql("SELECT count(*) FROM flyway_schema_history WHERE success")
                .query(Integer.class)
                .single())
        .isPositive();
  }

  @Test
  void registerWhenCalledTwiceThenOneRowWithTheNewAddress() {
    Hospital h = new Hospital("test-h", "시험병원", "Test Hospital", "Seoul", "Seoul");
    registry.register(h, URI.create("http://127.0.0.1:1/fhir"));
    registry.register(h, URI.create("http://127.0.0.1:2/fhir"));
    assertThat(registry.all())
        .filteredOn(r -> r.code().equals("test-h"))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:2/fhir"));
          assertThat(r.enabled()).isTrue();
          assertThat(r.hospital().nameKo()).isEqualTo("시험병원");
        });
  }

  @Test
  void setEnabledWhenChangedOnOneInstanceThenAnotherInstanceFollowsAtOnce() throws Exception {
    Hospital h = new Hospital("test-fleet", "함대병원", "Fleet Hospital", "Seoul", "Seoul");
    registry.register(h, URI.create("https://127.0.0.1:4/fhir"));
    SingleConnectionDataSource ds =
        new SingleConnectionDataSource(db.jdbcUrl(), db.user(), "", true);
    ClusterEvents events = TestClusterEvents.postgres(ds, db.jdbcUrl(), db.user());
    try {
      HospitalRegistry other = new HospitalRegistry(JdbcClient.create(ds), events);
      long before = other.changeCount();
      registry.setEnabled("test-fleet", false); // through this instance, the Spring one
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (other.changeCount() == before) {
        assertThat(System.nanoTime()).as("heard within 5 s").isLessThan(deadline);
        Thread.sleep(1);
      }
      assertThat(other.byCode("test-fleet"))
          .hasValueSatisfying(r -> assertThat(r.enabled()).isFalse());
    } finally {
      ((AutoCloseable) events).close();
      ds.destroy();
    }
  }
}
