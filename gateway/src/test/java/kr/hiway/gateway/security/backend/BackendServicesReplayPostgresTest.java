package kr.hiway.gateway.security.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import kr.hiway.consent.testing.PostgresDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Replay protection on a real PostgreSQL, as several gateway instances share it: the table's
 * primary key lets exactly one use of a jti through, however many race for it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackendServicesReplayPostgresTest {

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  JdbcClient jdbc;

  @BeforeAll
  void migrate() throws Exception {
    jdbc = JdbcClient.create(new DriverManagerDataSource(db.jdbcUrl(), db.user(), ""));
    String ddl =
        new ClassPathResource("db/migration/V3__client_assertion_jti.sql")
            .getContentAsString(StandardCharsets.UTF_8);
    for (String statement : ddl.replaceAll("(?m)^--.*$", "").split(";")) {
      if (!statement.isBlank()) {
        jdbc.sql(statement).update();
      }
    }
  }

  @Test
  void firstUseWhenInstancesRaceForOneJtiThenExactlyOneWins() throws Exception {
    String jti = UUID.randomUUID().toString();
    Instant keepUntil = Instant.now().plusSeconds(300);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      // Eight "instances", each with its own store on the same database.
      var attempts =
          IntStream.range(0, 8)
              .mapToObj(i -> new UsedAssertionIds(jdbc, Clock.systemUTC()))
              .map(store -> (Callable<Boolean>) () -> store.firstUse("clinic-x", jti, keepUntil))
              .toList();
      long winners = 0;
      for (Future<Boolean> f : pool.invokeAll(attempts)) {
        winners += f.get() ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void purgeWhenExpiredThenForgottenAndUnexpiredKept() {
    Instant now = Instant.parse("2030-01-01T00:00:00Z");
    UsedAssertionIds used = new UsedAssertionIds(jdbc, Clock.fixed(now, ZoneOffset.UTC));
    String old = UUID.randomUUID().toString();
    String fresh = UUID.randomUUID().toString();
    assertThat(used.firstUse("clinic-x", old, now.minusSeconds(1))).isTrue();
    assertThat(used.firstUse("clinic-x", fresh, now.plusSeconds(60))).isTrue();
    used.purgeExpired();
    assertThat(used.firstUse("clinic-x", old, now.plusSeconds(60))).isTrue();
    assertThat(used.firstUse("clinic-x", fresh, now.plusSeconds(60))).isFalse();
  }
}
