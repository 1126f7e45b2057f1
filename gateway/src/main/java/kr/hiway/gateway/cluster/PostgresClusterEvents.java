package kr.hiway.gateway.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import kr.hiway.gateway.transaction.AfterCommit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Events over PostgreSQL's {@code LISTEN}/{@code NOTIFY}: the database every instance shares
 * already orders them with the transactions that cause them ({@code NOTIFY} is sent at commit, and
 * never for a rollback), so no broker has to be run beside it.
 *
 * <p>Each instance listens on one connection of its own, outside the pool (a pooled connection
 * could be handed to a request, and the pool closes idle ones). If that connection breaks, the
 * listener reconnects with backoff and then delivers {@link Topic#RESET}: what was sent while it
 * was away is lost, so every cache starts afresh. The publishing instance also delivers to itself
 * right after commit, so that its own next request never waits for the round trip; and it then
 * waits (at most {@link #ECHO_WAIT}) until the database has sent the event back to its own
 * listener. PostgreSQL signals every listening session at the same commit, so by then the other
 * instances have it too, and a client's next request, to whichever instance, finds it known.
 * Thread-safe.
 */
final class PostgresClusterEvents implements ClusterEvents, AutoCloseable {

  static final String CHANNEL = "hiway_events";
  private static final Logger log = LoggerFactory.getLogger(PostgresClusterEvents.class);
  private static final int POLL_MILLIS = 5_000;
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  /** The longest a publisher waits for its event's echo (a lost listener does not hold it up). */
  static final Duration ECHO_WAIT = Duration.ofMillis(500);

  /** Opens a new connection to the shared database, outside any pool. */
  @FunctionalInterface
  interface Connector {
    Connection open() throws SQLException;
  }

  private final JdbcTemplate jdbc;
  private final Connector connector;
  private final Subscribers subscribers = new Subscribers();
  private final AtomicLong received = new AtomicLong();

  /** Payloads published here whose echo from the database is awaited. */
  private final Map<String, CountDownLatch> echoes = new ConcurrentHashMap<>();

  private final Thread listener;
  private volatile boolean running = true;
  private volatile Connection connection;

  PostgresClusterEvents(JdbcTemplate jdbc, Connector connector) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    this.connector = Objects.requireNonNull(connector, "connector");
    this.listener = Thread.ofPlatform().daemon().name("cluster-events").unstarted(this::listen);
  }

  /** Connects and starts listening; returns once the first {@code LISTEN} is in place. */
  void start() throws SQLException {
    connection = connectAndListen();
    listener.start();
  }

  @Override
  public void publish(Topic topic, String key) {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(key, "key");
    String payload = topic.name() + ":" + key;
    // Waited for after commit; made first, so that an echo however quick finds it.
    CountDownLatch echo = echoes.computeIfAbsent(payload, p -> new CountDownLatch(1));
    try {
      // Inside a transaction this runs on its connection, so PostgreSQL sends it at commit.
      jdbc.query("SELECT pg_notify(?, ?)", rs -> null, CHANNEL, payload);
    } catch (RuntimeException e) {
      echoes.remove(payload, echo);
      throw e;
    }
    AfterCommit.run(
        () -> {
          subscribers.deliver(topic, key);
          awaitEcho(payload, echo);
        },
        () -> echoes.remove(payload, echo)); // rolled back: nothing was sent
  }

  private void awaitEcho(String payload, CountDownLatch echo) {
    try {
      if (Thread.currentThread() == listener) {
        return; // published by a subscriber: the listener cannot wait for what only it receives
      }
      echo.await(ECHO_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      echoes.remove(payload, echo);
    }
  }

  @Override
  public void subscribe(Topic topic, Consumer<String> subscriber) {
    subscribers.add(Objects.requireNonNull(topic), Objects.requireNonNull(subscriber));
  }

  /** Notifications received from the database so far (tests and metrics). */
  long received() {
    return received.get();
  }

  private Connection connectAndListen() throws SQLException {
    Connection c = connector.open();
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      s.execute("LISTEN " + CHANNEL);
    }
    return c;
  }

  private void listen() {
    Duration backoff = Duration.ofMillis(200);
    while (running) {
      try {
        if (connection == null) {
          connection = connectAndListen();
          log.info("cluster events: listening again; every cache starts afresh");
          subscribers.deliver(Topic.RESET, "");
          backoff = Duration.ofMillis(200);
        }
        PGNotification[] notes =
            connection.unwrap(PGConnection.class).getNotifications(POLL_MILLIS);
        if (notes != null) {
          for (PGNotification n : notes) {
            received.incrementAndGet();
            deliver(n.getParameter());
            CountDownLatch echo = echoes.get(n.getParameter());
            if (echo != null) {
              echo.countDown();
            }
          }
        }
      } catch (SQLException e) {
        if (!running) {
          return;
        }
        log.warn(
            "cluster events: the listening connection failed ({}); reconnecting", e.getMessage());
        closeQuietly();
        sleep(backoff);
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                ? MAX_BACKOFF
                : backoff.multipliedBy(2);
      }
    }
  }

  private void deliver(String payload) {
    int colon = payload.indexOf(':');
    if (colon < 0) {
      return;
    }
    Topic topic;
    try {
      topic = Topic.valueOf(payload.substring(0, colon));
    } catch (IllegalArgumentException e) {
      return; // a newer instance's topic: nothing here keeps it
    }
    subscribers.deliver(topic, payload.substring(colon + 1));
  }

  private void closeQuietly() {
    Connection c = connection;
    connection = null;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // already broken
      }
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    listener.interrupt();
    closeQuietly();
  }
}
