package kr.hiway.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import kr.hiway.consent.testing.PostgresDatabase;
import kr.hiway.gateway.cluster.ClusterEvents;
import kr.hiway.gateway.cluster.TestClusterEvents;
import kr.hiway.gateway.cluster.Topic;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Revocation as two instances on one database see it: revoked on one, refused by the other at once
 * (as soon as the database's notification arrives), and known to an instance started later.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RevokedGrantsPostgresTest {

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  private final List<AutoCloseable> closing = new ArrayList<>();

  @BeforeAll
  void migrate() {
    Flyway.configure().dataSource(db.jdbcUrl(), db.user(), "").load().migrate();
  }

  @AfterAll
  void stop() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  private RevokedGrants instance() throws Exception {
    SingleConnectionDataSource ds =
        new SingleConnectionDataSource(db.jdbcUrl(), db.user(), "", true);
    closing.add(ds::destroy);
    ClusterEvents events = TestClusterEvents.postgres(ds, db.jdbcUrl(), db.user());
    closing.add((AutoCloseable) events);
    return new RevokedGrants(JdbcClient.create(ds), events, Clock.systemUTC());
  }

  @Test
  void revokeWhenOnOneInstanceThenRefusedOnTheOtherAndOnOneStartedLater() throws Exception {
    RevokedGrants a = instance();
    RevokedGrants b = instance();
    assertThat(b.isRevoked("g-1", "h-1")).isFalse();

    a.revoke(RevokedGrants.grantKey("g-1"), Instant.now().plusSeconds(300));
    assertThat(a.isRevoked("g-1", "other-token")).isTrue(); // the revoking instance: at once
    long start = System.nanoTime();
    awaitTrue(() -> b.isRevoked("g-1", "other-token"));
    System.out.printf(
        "revocation seen by the other instance after %.2f ms%n", (System.nanoTime() - start) / 1e6);
    assertThat(b.isRevoked("g-2", "other-token")).isFalse();

    a.revoke(RevokedGrants.tokenKey("h-9"), Instant.now().plusSeconds(300));
    awaitTrue(() -> b.isRevoked(null, "h-9"));

    RevokedGrants later = instance();
    assertThat(later.isRevoked("g-1", "x")).isTrue();
    assertThat(later.isRevoked(null, "h-9")).isTrue();
  }

  @Test
  void heardWhenTheEventCarriesItsExpiryThenRefusedWithoutLookingUpItsRow() throws Exception {
    RevokedGrants b = instance();
    SingleConnectionDataSource ds =
        new SingleConnectionDataSource(db.jdbcUrl(), db.user(), "", true);
    closing.add(ds::destroy);
    ClusterEvents publisher = TestClusterEvents.postgres(ds, db.jdbcUrl(), db.user());
    closing.add((AutoCloseable) publisher);
    long expires = Instant.now().plusSeconds(300).getEpochSecond();

    // No row for this key: only the event's own expiry can make it known.
    publisher.publish(Topic.REVOKED, RevokedGrants.grantKey("g-rowless") + "|expires=" + expires);
    awaitTrue(() -> b.isRevoked("g-rowless", "x"));

    // An instance of an earlier version announces the key alone; its row has the expiry.
    JdbcClient.create(ds)
        .sql("INSERT INTO revoked_grant (revoked_key, revoked_at, expires_at) VALUES (?, ?, ?)")
        .params(
            RevokedGrants.grantKey("g-old"),
            Timestamp.from(Instant.now()),
            Timestamp.from(Instant.ofEpochSecond(expires)))
        .update();
    publisher.publish(Topic.REVOKED, RevokedGrants.grantKey("g-old"));
    awaitTrue(() -> b.isRevoked("g-old", "x"));
  }

  @Test
  void revokeWhenExpiredThenForgottenByLaterInstances() throws Exception {
    RevokedGrants a = instance();
    a.revoke(RevokedGrants.grantKey("old"), Instant.now().minusSeconds(1));
    assertThat(instance().isRevoked("old", "x")).isFalse();
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("within 5 s").isLessThan(deadline);
      Thread.sleep(1);
    }
  }
}
