package kr.hiway.gateway.audit;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import kr.hiway.consent.ledger.CanonicalJson;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
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
  private final FhirContext fhir;
  private final Clock clock;

  AuditTrail(JdbcClient jdbc, FhirContext fhir, Clock clock) {
    this.jdbc = jdbc;
    this.fhir = fhir;
    this.clock = clock;
  }

  /** Writes one event; returns its id. */
  public String record(AuditRecord record) {
    Instant now = clock.instant();
    String id = timeOrderedId(now);
    try {
      jdbc.sql(
              "INSERT INTO audit_event (id, recorded, patient_id, client_id, action, outcome,"
                  + " purpose, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
          .params(
              id,
              Timestamp.from(now),
              text(record.patientId()),
              text(record.clientId()),
              record.action().code(),
              record.success() ? "0" : "4",
              text(record.purpose()),
              new String(CanonicalJson.encode(record.toJson()), StandardCharsets.UTF_8))
          .update();
      return id;
    } catch (DataAccessException e) {
      // No detail to the client; the operator needs to know at once.
      log.error("audit event could not be written; the request is refused", e);
      throw new AuditUnavailableException();
    }
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

  /** The events about one patient, newest first. */
  public List<AuditEvent> aboutPatient(String patientId, int limit) {
    return newestWhere("patient_id", patientId, limit);
  }

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
    String where = column == null ? "" : " WHERE " + column + " = ?";
    List<Object> params = column == null ? List.of(limit) : List.of(value, limit);
    return jdbc.sql(
            "SELECT id, recorded, resource, record FROM audit_event"
                + where
                + " ORDER BY recorded DESC, id LIMIT ?")
        .params(params)
        .query(this::event)
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
        AuditRecord.fromJson(rs.getString("record")));
  }
}
