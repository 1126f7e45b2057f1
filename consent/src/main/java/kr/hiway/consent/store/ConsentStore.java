package kr.hiway.consent.store;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import kr.hiway.consent.model.ConsentFhir;
import kr.hiway.consent.model.ConsentGrant;
import kr.hiway.consent.model.ConsentStatus;
import kr.hiway.consent.model.ConsentTerms;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Patients' consents in PostgreSQL or H2 (tables {@code consent} and {@code consent_version},
 * migration {@code V110__consent.sql}).
 *
 * <p>Every version is kept and none is ever changed: a revocation writes the next version with
 * status inactive. Each write is one transaction, so nothing is half-written; writers of one
 * consent lock its {@code consent} row and take turns, and the primary key {@code (id, version)}
 * makes a duplicate version impossible even so.
 *
 * <p>Nothing is cached: every read is one statement over committed rows, so a revocation binds
 * every request that reads after it commits. The gateway reads a patient's consents once per
 * request ({@link #activeFor}) and decides that request's records from that list.
 *
 * <p>Thread-safe. Arguments must not be null unless stated. Database failures surface as Spring's
 * {@code DataAccessException}. Ownership is the caller's to check on reads ({@link
 * ConsentTerms#patientId()}); {@link #revoke} checks it itself.
 */
public final class ConsentStore {

  private static final String CURRENT =
      "SELECT v.fhir_json FROM consent c JOIN consent_version v"
          + " ON v.id = c.id AND v.version = c.current_version ";

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final ConsentFhir fhir;
  private final Clock clock;

  /**
   * @param dataSource the database, migrated with {@code classpath:db/migration}
   * @param fhir the mapper for the stored JSON
   * @param clock the source of {@code createdAt}; the gateway's, never the client's
   */
  public ConsentStore(DataSource dataSource, ConsentFhir fhir, Clock clock) {
    Objects.requireNonNull(dataSource, "dataSource");
    this.jdbc = JdbcClient.create(dataSource);
    this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.fhir = Objects.requireNonNull(fhir, "fhir");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Stores a new consent as version 1, active, with a new random id. */
  public ConsentTerms create(ConsentGrant grant) {
    Objects.requireNonNull(grant, "grant");
    ConsentTerms terms =
        grant.toTerms(UUID.randomUUID().toString(), 1, ConsentStatus.ACTIVE, now());
    return tx.execute(status -> {
      jdbc.sql(
              "INSERT INTO consent (id, patient_id, current_version, created_at)"
                  + " VALUES (?, ?, 1, ?)")
          .params(terms.id(), terms.patientId(), timestamp(terms.createdAt()))
          .update();
      insertVersion(terms);
      return terms;
    });
  }

  /** The current version of a consent; empty if there is none with that id. */
  public Optional<ConsentTerms> read(String id) {
    Objects.requireNonNull(id, "id");
    return jdbc.sql(CURRENT + "WHERE c.id = ?")
        .param(id)
        .query(String.class)
        .optional()
        .map(this::terms);
  }

  /** One version of a consent; empty if there is no such version. */
  public Optional<ConsentTerms> readVersion(String id, int version) {
    Objects.requireNonNull(id, "id");
    return jdbc.sql("SELECT fhir_json FROM consent_version WHERE id = ? AND version = ?")
        .params(id, version)
        .query(String.class)
        .optional()
        .map(this::terms);
  }

  /** The current version of each of the patient's consents, oldest consent first. */
  public List<ConsentTerms> listByPatient(String patientId) {
    Objects.requireNonNull(patientId, "patientId");
    return jdbc
        .sql(CURRENT + "WHERE c.patient_id = ? ORDER BY c.created_at, c.id")
        .param(patientId)
        .query(String.class)
        .list()
        .stream()
        .map(this::terms)
        .toList();
  }

  /** As {@link #listByPatient(String)}, only those whose current version has that status. */
  public List<ConsentTerms> listByPatient(String patientId, ConsentStatus status) {
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(status, "status");
    return jdbc
        .sql(CURRENT + "WHERE c.patient_id = ? AND v.status = ? ORDER BY c.created_at, c.id")
        .params(patientId, status.code())
        .query(String.class)
        .list()
        .stream()
        .map(this::terms)
        .toList();
  }

  /**
   * The patient's consents for this recipient that are in force at the instant: current version
   * active, validity containing it. What the gateway fetches once per third-party request.
   */
  public List<ConsentTerms> activeFor(String patientId, String recipient, Instant instant) {
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(recipient, "recipient");
    OffsetDateTime at = timestamp(Objects.requireNonNull(instant, "instant"));
    return jdbc
        .sql(
            CURRENT
                + "WHERE c.patient_id = ? AND v.recipient = ? AND v.status = 'active'"
                + " AND v.valid_from <= ? AND v.valid_to > ? ORDER BY c.created_at, c.id")
        .params(patientId, recipient, at, at)
        .query(String.class)
        .list()
        .stream()
        .map(this::terms)
        .toList();
  }

  /**
   * The patients with at least one consent for this recipient in force at the instant (any purpose:
   * the request's purpose is decided per patient, as for one patient's request), in id order. A
   * research recipient's cohort.
   */
  public List<String> patientsWithActive(String recipient, Instant instant) {
    Objects.requireNonNull(recipient, "recipient");
    OffsetDateTime at = timestamp(Objects.requireNonNull(instant, "instant"));
    return jdbc.sql(
            "SELECT DISTINCT c.patient_id FROM consent c JOIN consent_version v"
                + " ON v.id = c.id AND v.version = c.current_version"
                + " WHERE v.recipient = ? AND v.status = 'active'"
                + " AND v.valid_from <= ? AND v.valid_to > ? ORDER BY c.patient_id")
        .params(recipient, at, at)
        .query(String.class)
        .list();
  }

  /** Every version of a consent, first to current; empty if there is none with that id. */
  public List<ConsentTerms> history(String id) {
    Objects.requireNonNull(id, "id");
    return jdbc
        .sql("SELECT fhir_json FROM consent_version WHERE id = ? ORDER BY version")
        .param(id)
        .query(String.class)
        .list()
        .stream()
        .map(this::terms)
        .toList();
  }

  /**
   * Revokes a consent: writes its next version, inactive, unless it is inactive already, in which
   * case the current version is returned and nothing is written (revoking twice is harmless).
   *
   * @return the current version after the call
   * @throws ConsentNotFoundException if the patient has no consent with that id
   */
  public ConsentTerms revoke(String id, String patientId) {
    return revoke(id, patientId, revoked -> {});
  }

  /**
   * As {@link #revoke(String, String)}; {@code onRevoked} runs in the same transaction, under the
   * row lock, with the new version, only when this call revoked the consent (not when it was
   * inactive already): what it throws undoes the revocation.
   */
  public ConsentTerms revoke(String id, String patientId, Consumer<ConsentTerms> onRevoked) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(onRevoked, "onRevoked");
    return tx.execute(status -> {
      // The row lock makes concurrent revocations of one consent take turns; the second sees
      // the first's version and finds nothing left to do.
      long current =
          jdbc.sql(
                  "SELECT current_version FROM consent WHERE id = ? AND patient_id = ?"
                      + " FOR UPDATE")
              .params(id, patientId)
              .query(Long.class)
              .optional()
              .orElseThrow(ConsentNotFoundException::new);
      ConsentTerms terms = readVersion(id, Math.toIntExact(current)).orElseThrow();
      if (terms.status() == ConsentStatus.INACTIVE) {
        return terms;
      }
      ConsentTerms revoked = terms.revokedAt(now());
      insertVersion(revoked);
      int updated =
          jdbc.sql("UPDATE consent SET current_version = ? WHERE id = ? AND current_version = ?")
              .params(revoked.version(), id, current)
              .update();
      if (updated != 1) {
        throw new IllegalStateException("consent changed while locked");
      }
      onRevoked.accept(revoked);
      return revoked;
    });
  }

  private void insertVersion(ConsentTerms t) {
    jdbc.sql(
            "INSERT INTO consent_version (id, version, patient_id, recipient, status, valid_from,"
                + " valid_to, created_at, fhir_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            t.id(),
            t.version(),
            t.patientId(),
            t.recipient(),
            t.status().code(),
            timestamp(t.validity().start()),
            timestamp(t.validity().end()),
            timestamp(t.createdAt()),
            fhir.toJson(t))
        .update();
  }

  private ConsentTerms terms(String json) {
    return fhir.parseStored(json);
  }

  private Instant now() {
    // Milliseconds: what FHIR's lastUpdated carries, so that stored JSON and columns agree.
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static OffsetDateTime timestamp(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }
}
