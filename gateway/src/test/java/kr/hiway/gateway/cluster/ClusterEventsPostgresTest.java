package kr.hiway.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import kr.hiway.consent.testing.PostgresDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two instances' event channels on one PostgreSQL database, as two gateway instances have them:
 * what one publishes, the other hears, only once the transaction commits, never after a rollback,
 * and after its listening connection is cut it hears a reset and then events again.
 */
class ClusterEventsPostgresTest {

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  private final List<AutoCloseable> closing = new java.util.ArrayList<>();
  private Instance a;
  private Instance b;

  /** One instance: its own pool-less data source, transactions and event channel. */
  private record Instance(
      PostgresClusterEvents events, TransactionTemplate tx, JdbcTemplate jdbc) {}

  @BeforeEach
  void start() throws Exception {
    a = instance();
    b = instance();
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  private Instance instance() throws Exception {
    SingleConnectionDataSource ds =
        new SingleConnectionDataSource(db.jdbcUrl(), db.user(), "", true);
    closing.add(ds::destroy);
    JdbcTemplate jdbc = new JdbcTemplate(ds);
    PostgresClusterEvents events =
        new PostgresClusterEvents(
            jdbc, () -> DriverManager.getConnection(db.jdbcUrl(), db.user(), ""));
    events.start();
    closing.add(events);
    return new Instance(
        events, new TransactionTemplate(new DataSourceTransactionManager(ds)), jdbc);
  }

  private static BlockingQueue<String> heard(Instance instance, Topic topic) {
    BlockingQueue<String> keys = new LinkedBlockingQueue<>();
    instance.events().subscribe(topic, keys::add);
    return keys;
  }

  @Test
  void publishWhenTransactionCommitsThenOtherInstanceHearsOnlyAfterCommit() throws Exception {
    BlockingQueue<String> atB = heard(b, Topic.REVOKED);
    a.tx()
        .executeWithoutResult(status -> {
          a.events().publish(Topic.REVOKED, "grant:g1");
          try {
            assertThat(atB.poll(300, TimeUnit.MILLISECONDS)).isNull();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
    long start = System.nanoTime();
    assertThat(atB.poll(5, TimeUnit.SECONDS)).isEqualTo("grant:g1");
    System.out.printf(
        "cluster event heard by the other instance %.2f ms after commit%n",
        (System.nanoTime() - start) / 1e6);
  }

  @Test
  void publishWhenTransactionRollsBackThenNobodyHears() throws Exception {
    BlockingQueue<String> atA = heard(a, Topic.REGISTRY);
    BlockingQueue<String> atB = heard(b, Topic.REGISTRY);
    a.tx()
        .executeWithoutResult(status -> {
          a.events().publish(Topic.REGISTRY, "snuh");
          status.setRollbackOnly();
        });
    assertThat(atB.poll(1, TimeUnit.SECONDS)).isNull();
    assertThat(atA.poll(10, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void publishWhenOutsideTransactionThenPublisherHearsAtOnceAndOtherSoon() throws Exception {
    BlockingQueue<String> atA = heard(a, Topic.CERTIFICATES);
    BlockingQueue<String> atB = heard(b, Topic.CERTIFICATES);
    a.events().publish(Topic.CERTIFICATES, "kuh");
    assertThat(atA.poll()).isEqualTo("kuh"); // delivered before publish returned
    assertThat(atB.poll(5, TimeUnit.SECONDS)).isEqualTo("kuh");
  }

  @Test
  void publishWhenCommittedThenItReturnsOnlyOnceTheDatabaseHasSentTheEventToListeners()
      throws Exception {
    // The publisher's caller answers its client right after publish returns; the client's next
    // request may go to another instance, which must know by then. PostgreSQL signals every
    // listening session at commit, so the publisher waits for its own listener to hear it.
    for (int i = 0; i < 20; i++) {
      long before = a.events().received();
      String key = "grant:echo-" + i;
      a.tx().executeWithoutResult(status -> a.events().publish(Topic.REVOKED, key));
      assertThat(a.events().received()).isGreaterThan(before);
    }
    long before = a.events().received();
    a.events().publish(Topic.REVOKED, "grant:echo-outside");
    assertThat(a.events().received()).isGreaterThan(before);
  }

  @Test
  void listenWhenConnectionCutThenResetThenEventsAgain() throws Exception {
    BlockingQueue<String> resets = heard(b, Topic.RESET);
    BlockingQueue<String> atB = heard(b, Topic.REVOKED);
    // Cut every listening connection but the publisher's own pool: the database side of B's.
    a.jdbc()
        .query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND query LIKE 'LISTEN%'",
            rs -> null);
    assertThat(resets.poll(20, TimeUnit.SECONDS)).isEqualTo("");
    // A reset reaches every subscriber, with an empty key: a cache drops everything it keeps.
    assertThat(atB.poll(5, TimeUnit.SECONDS)).isEmpty();
    a.events().publish(Topic.REVOKED, "grant:after-reset");
    String next = atB.poll(5, TimeUnit.SECONDS);
    while ("".equals(next)) { // a second reset, should the listener have reconnected twice
      next = atB.poll(5, TimeUnit.SECONDS);
    }
    assertThat(next).isEqualTo("grant:after-reset");
  }
}
