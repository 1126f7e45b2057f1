package kr.hiway.gateway.audit;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import kr.hiway.consent.ledger.CanonicalJson;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The audit log: every access decision and every disclosure, written before anything is released. A
 * write that fails is reported as {@link AuditUnavailableException}, and the caller releases
 * nothing. Thread-safe.
 */
@Component
public class AuditTrail {

  private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final FhirContext fhir;
  private final Clock clock;

  public AuditTrail(JdbcClient jdbc, JdbcTemplate batch, FhirContext fhir, Clock clock) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.fhir = fhir;
    this.clock = clock;
  }

  /** Writes one event now, in its own transaction (or the caller's); returns its id. */
  public String record(AuditRecord record) {
    Row row = row(record, false);
    try {
      jdbc.sql(INSERT).params(row.params()).update();
      return row.id();
    } catch (DataAccessException e) {
      // No detail to the client; the operator needs to know at once.
      log.error("audit event could not be written; the request is refused", e);
      throw new AuditUnavailableException();
    }
  }

  /**
   * One event as the row that will hold it, not yet written: for {@link #insertAll}. A pending row
   * records an access whose outcome {@link #completeAll} fills in later.
   */
  public Row row(AuditRecord record, boolean pending) {
    Instant now = clock.instant();
    return new Row(timeOrderedId(now), now, record, pending);
  }

  /**
   * Writes rows in one JDBC batch, in the caller's transaction: one statement prepared once, and on
   * PostgreSQL ({@code reWriteBatchedInserts}) multi-row inserts, so many rows cost one round trip.
   *
   * @throws AuditUnavailableException if they could not be written
   */
  public void insertAll(List<Row> rows) {
    if (rows.isEmpty()) {
      return;
    }
    try {
      batch.batchUpdate(INSERT, rows, rows.size(), (ps, row) -> row.bind(ps));
    } catch (DataAccessException e) {
      log.error("audit events could not be written; their requests are refused", e);
      throw new AuditUnavailableException();
    }
  }

  /**
   * Writes the outcomes of pending rows, in one JDBC batch in the caller's transaction (multi-row
   * inserts on PostgreSQL). The pending rows themselves are never changed: an outcome is a row of
   * its own ({@code audit_outcome}), so the audit trail is only ever appended to.
   */
  public void completeAll(List<Completion> completions) {
    if (completions.isEmpty()) {
      return;
    }
    Timestamp now = Timestamp.from(clock.instant());
    batch.batchUpdate(
        "INSERT INTO audit_outcome (event_id, completed, outcome, record) VALUES (?, ?, ?, ?)",
        completions,
        completions.size(),
        (ps, c) -> {
          ps.setString(1, c.id());
          ps.setTimestamp(2, now);
          ps.setString(3, outcome(c.record()));
          ps.setString(4, json(c.record()));
        });
  }

  /**
   * Lets the current transaction commit without waiting for PostgreSQL to flush its log ({@code
   * synchronous_commit = off}, this transaction only; nothing on other databases). Only for a
   * transaction that nothing released waits on, such as completions: if the server crashes before
   * the flush, the completed rows stay pending, which they are read as (outcome incomplete), and
   * the access they record was durable before its release. It saves the writer a log flush per
   * completion.
   */
  public void notWaitingForTheLog() {
    if (postgres()) {
      batch.execute("SET LOCAL synchronous_commit TO OFF");
    }
  }

  private volatile Boolean postgres;

  /**
   * Whether the database is PostgreSQL, where a durable commit costs a log flush and round trips
   * (0.16–0.25 ms measured on the development machine; on the demo's embedded H2 0.03 ms).
   */
  public boolean onPostgres() {
    return postgres();
  }

  private boolean postgres() {
    Boolean p = postgres;
    if (p == null) {
      p =
          batch.execute(
              (org.springframework.jdbc.core.ConnectionCallback<Boolean>)
                  c -> c.getMetaData().getDatabaseProductName().equals("PostgreSQL"));
      postgres = p;
    }
    return p;
  }

  private static final String INSERT =
      "INSERT INTO audit_event (id, recorded, patient_id, client_id, action, outcome, purpose,"
          + " record, pending) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** An event's row: its id, when it was recorded, what it says, and whether it is pending. */
  public record Row(String id, Instant recorded, AuditRecord record, boolean pending) {

    Object[] params() {
      return new Object[] {
        id,
        Timestamp.from(recorded),
        text(record.patientId()),
        text(record.clientId()),
        record.action().code(),
        outcome(record),
        text(record.purpose()),
        json(record),
        pending
      };
    }

    void bind(java.sql.PreparedStatement ps) throws SQLException {
      ps.setString(1, id);
      ps.setTimestamp(2, Timestamp.from(recorded));
      ps.setString(3, record.patientId());
      ps.setString(4, record.clientId());
      ps.setString(5, record.action().code());
      ps.setString(6, outcome(record));
      ps.setString(7, record.purpose());
      ps.setString(8, json(record));
      ps.setBoolean(9, pending);
    }
  }

  /** The outcome of the pending event {@code id}: its whole record, now with what was released. */
  public record Completion(String id, AuditRecord record) {}

  private static String outcome(AuditRecord record) {
    return record.success() ? "0" : "4";
  }

  private static String json(AuditRecord record) {
    return new String(CanonicalJson.encode(record.toJson()), StandardCharsets.UTF_8);
  }

  /**
   * A UUID of version 7 (RFC 9562): the time in milliseconds, then 74 random bits. New ids sort
   * after older ones, so the primary key's index grows at its right edge instead of taking each
   * insert at a random place (on PostgreSQL a random key dirties a random page per insert; on H2 it
   * was a tenth of a read's cost). The ids need to be unique, not secret.
   */
  static String timeOrderedId(Instant now) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (now.toEpochMilli() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }

  /**
   * A text parameter that may be null, typed: for an untyped null the driver is asked for the
   * statement's parameter types on every insert.
   */
  private static SqlParameterValue text(String value) {
    return new SqlParameterValue(Types.VARCHAR, value);
  }

  /** When {@code clientId} last asked about the patient (from the audit: every access is there). */
  public java.util.Optional<Instant> lastAccess(String patientId, String clientId) {
    return java.util.Optional.ofNullable(
            jdbc.sql("SELECT max(recorded) FROM audit_event WHERE patient_id = ? AND client_id = ?")
                .params(patientId, clientId)
                .query(Timestamp.class)
                .optional()
                .orElse(null))
        .map(Timestamp::toInstant);
  }

  /**
   * Where a page of a patient's events starts: after the event with this time and id, in the order
   * newest first (ties by id).
   */
  public record Cursor(Instant recorded, String id) {
    public Cursor {
      Objects.requireNonNull(recorded, "recorded");
      Objects.requireNonNull(id, "id");
    }
  }

  /**
   * One page of a patient's events.
   *
   * @param next where the next page starts, or null if this is the last
   */
  public record EventPage(List<AuditEvent> events, Cursor next) {}

  /**
   * Up to {@code limit} events about one patient, newest first, from {@code after} (null for the
   * newest). Keyset paging over the index on (patient, time): a page costs the same however deep it
   * is, and events written meanwhile never shift a later page.
   */
  public EventPage aboutPatient(String patientId, int limit, Cursor after) {
    String where = " WHERE e.patient_id = ?";
    List<Object> params = new ArrayList<>(List.of(patientId));
    if (after != null) {
      Timestamp at = Timestamp.from(after.recorded());
      where += " AND (e.recorded < ? OR (e.recorded = ? AND e.id > ?))";
      params.addAll(List.of(at, at, after.id()));
    }
    params.add(limit + 1);
    List<Found> rows = select(where, params);
    if (rows.size() <= limit) {
      return new EventPage(rows.stream().map(Found::event).toList(), null);
    }
    Found last = rows.get(limit - 1);
    return new EventPage(
        rows.subList(0, limit).stream().map(Found::event).toList(),
        new Cursor(last.recorded(), last.id()));
  }

  /** How many events there are about one patient. */
  public int countAboutPatient(String patientId) {
    return jdbc.sql("SELECT count(*) FROM audit_event WHERE patient_id = ?")
        .params(patientId)
        .query(Integer.class)
        .single();
  }

  private record Found(AuditEvent event, Instant recorded, String id) {}

  /** The newest events of one action, newest first: for operators and tests. */
  public List<AuditEvent> newest(AuditAction action, int limit) {
    return newestWhere("action", action.code(), limit);
  }

  /** The newest events, newest first. */
  public List<AuditEvent> newest(int limit) {
    return newestWhere(null, null, limit);
  }

  /** {@code column = value} if a column is given, else every event. */
  private List<AuditEvent> newestWhere(String column, String value, int limit) {
    String where = column == null ? "" : " WHERE e." + column + " = ?";
    List<Object> params = column == null ? List.of(limit) : List.of(value, limit);
    return select(where, params).stream().map(Found::event).toList();
  }

  /** The events matching {@code where}, newest first; the last parameter is the limit. */
  private List<Found> select(String where, List<Object> params) {
    return jdbc.sql(
            "SELECT e.id, e.recorded, e.resource, COALESCE(o.record, e.record) AS record,"
                + " e.pending AND o.event_id IS NULL AS incomplete FROM audit_event e"
                + " LEFT JOIN audit_outcome o ON o.event_id = e.id"
                + where
                + " ORDER BY e.recorded DESC, e.id LIMIT ?")
        .params(params)
        .query((rs, row) ->
            new Found(event(rs, row), rs.getTimestamp("recorded").toInstant(), rs.getString("id")))
        .list();
  }

  private AuditEvent event(ResultSet rs, int row) throws SQLException {
    String resource = rs.getString("resource");
    if (resource != null) {
      return fhir.newJsonParser().parseResource(AuditEvent.class, resource);
    }
    return BalpEvents.of(
        rs.getString("id"),
        rs.getTimestamp("recorded").toInstant(),
        AuditRecord.fromJson(rs.getString("record")),
        rs.getBoolean("incomplete"));
  }
}
