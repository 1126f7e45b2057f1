package kr.hiway.gateway.regulator;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import kr.hiway.consent.ledger.CohortExported;
import kr.hiway.consent.ledger.ConsentExpired;
import kr.hiway.consent.ledger.ConsentGranted;
import kr.hiway.consent.ledger.ConsentRevoked;
import kr.hiway.consent.ledger.Disclosure;
import kr.hiway.consent.ledger.Ledger;
import kr.hiway.consent.ledger.LedgerEntry;
import kr.hiway.consent.ledger.LogEntry;
import kr.hiway.consent.ledger.Reidentification;
import kr.hiway.consent.ledger.ReidentificationRequested;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The searchable copy of the ledger in {@code ledger_event}: filled from the log itself ({@link
 * #catchUp()} before every search), so it holds exactly the committed entries, in log order, and
 * can be rebuilt at any time. Searches read the entries' own leaf data back, never the copy's
 * columns. Thread-safe; several gateway instances may catch up at once.
 */
@Component
public class LedgerEvents {

  /** The most events one search returns. */
  public static final int MAX_PAGE = 1000;

  /** An event from {@code leaf_index, leaf_hash, leaf_data}: always the log's own leaf data. */
  private static final RowMapper<LedgerEvent> EVENT =
      (rs, n) -> {
        byte[] hash = rs.getBytes(2);
        byte[] data = rs.getBytes(3);
        LedgerEntry entry;
        try {
          entry = LedgerEntry.fromCanonicalJson(data);
        } catch (RuntimeException altered) {
          // Someone changed the row in the database: show it as such, never fail the request.
          entry = null;
        }
        return new LedgerEvent(
            rs.getLong(1),
            hash,
            entry,
            java.util.Arrays.equals(kr.hiway.consent.ledger.Hashes.leaf(data), hash));
      };

  private final Ledger ledger;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final ReentrantLock catchingUp = new ReentrantLock();

  LedgerEvents(Ledger ledger, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.ledger = ledger;
    this.jdbc = jdbc;
    this.tx = new TransactionTemplate(transactions);
  }

  /** Copies every committed entry not copied yet. */
  public void catchUp() {
    catchingUp.lock();
    try {
      long size = ledger.head().size();
      long next = copied();
      while (next < size) {
        List<LogEntry> batch = ledger.entries(next, size);
        try {
          tx.executeWithoutResult(status -> insert(batch));
          next += batch.size();
        } catch (DuplicateKeyException e) {
          next = copied(); // another instance copied some of them first
        }
      }
    } finally {
      catchingUp.unlock();
    }
  }

  /**
   * Events matching the filter with index above {@code after}, in log order, at most {@code limit}.
   */
  public List<LedgerEvent> search(EventFilter f, long after, int limit) {
    catchUp();
    return find(f, after, limit);
  }

  /** {@link #search} without catching up first: for callers that just did. */
  List<LedgerEvent> find(EventFilter f, long after, int limit) {
    List<Object> args = new ArrayList<>();
    StringBuilder sql =
        new StringBuilder(
            "SELECT l.leaf_index, l.leaf_hash, l.leaf_data FROM ledger_event e"
                + " JOIN ledger_leaf l ON l.leaf_index = e.leaf_index WHERE e.leaf_index > ?");
    args.add(after);
    if (f.type() != null) {
      sql.append(" AND e.entry_type = ?");
      args.add(f.type());
    }
    if (f.from() != null) {
      sql.append(" AND e.event_time >= ?");
      args.add(Timestamp.from(f.from()));
    }
    if (f.to() != null) {
      sql.append(" AND e.event_time < ?");
      args.add(Timestamp.from(f.to()));
    }
    if (f.hospital() != null) {
      sql.append(
          " AND (e.hospitals = '*' OR EXISTS (SELECT 1 FROM ledger_event_hospital h"
              + " WHERE h.leaf_index = e.leaf_index AND h.hospital = ?))");
      args.add(f.hospital());
    }
    if (f.recipient() != null) {
      sql.append(" AND e.recipient = ?");
      args.add(f.recipient());
    }
    if (f.purpose() != null) {
      sql.append(" AND (' ' || e.purposes || ' ') LIKE ?");
      args.add("% " + f.purpose().replace("%", "").replace("_", "") + " %");
    }
    if (f.consentId() != null) {
      sql.append(" AND e.consent_id = ?");
      args.add(f.consentId());
    }
    if (f.patient() != null) {
      sql.append(" AND e.patient = ?");
      args.add(f.patient());
    }
    sql.append(" ORDER BY e.leaf_index LIMIT ?");
    args.add(Math.min(limit, MAX_PAGE));
    return jdbc.query(sql.toString(), EVENT, args.toArray());
  }

  /**
   * A consent's own entries, in log order: its grant, revocation and expiry, never the disclosures
   * made under it (there may be any number of those). As copied so far: call {@link #catchUp()}
   * first.
   */
  List<LedgerEvent> history(String consentId) {
    return jdbc.query(
        "SELECT l.leaf_index, l.leaf_hash, l.leaf_data FROM ledger_event e"
            + " JOIN ledger_leaf l ON l.leaf_index = e.leaf_index WHERE e.consent_id = ?"
            + " AND e.entry_type IN ('consent-granted', 'consent-revoked', 'consent-expired')"
            + " ORDER BY e.leaf_index",
        EVENT,
        consentId);
  }

  private long copied() {
    Long max = jdbc.queryForObject("SELECT MAX(leaf_index) FROM ledger_event", Long.class);
    return max == null ? 0 : max + 1;
  }

  private void insert(List<LogEntry> batch) {
    List<Object[]> events = new ArrayList<>(batch.size());
    List<Object[]> hospitals = new ArrayList<>();
    for (LogEntry e : batch) {
      Row row = Row.of(LedgerEntry.fromCanonicalJson(e.data()));
      events.add(
          new Object[] {
            e.index(),
            row.type,
            Timestamp.from(row.time),
            row.consentId,
            row.patient,
            row.recipient,
            row.purposes,
            row.types,
            row.allHospitals ? "*" : String.join(" ", row.hospitals)
          });
      for (String h : row.hospitals) {
        hospitals.add(new Object[] {e.index(), h});
      }
    }
    jdbc.batchUpdate(
        "INSERT INTO ledger_event (leaf_index, entry_type, event_time, consent_id, patient,"
            + " recipient, purposes, resource_types, hospitals) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        events);
    if (!hospitals.isEmpty()) {
      jdbc.batchUpdate(
          "INSERT INTO ledger_event_hospital (leaf_index, hospital) VALUES (?, ?)", hospitals);
    }
  }

  /** The searchable columns of one entry. */
  private record Row(
      String type,
      Instant time,
      String consentId,
      String patient,
      String recipient,
      String purposes,
      String types,
      List<String> hospitals,
      boolean allHospitals) {

    static Row of(LedgerEntry entry) {
      return switch (entry) {
        case ConsentGranted g ->
            new Row(
                g.type(),
                g.time(),
                g.consentId(),
                g.patientPseudonym(),
                g.recipient(),
                String.join(" ", g.purposes()),
                String.join(" ", g.resourceTypes()),
                g.hospitalCodes(),
                g.hospitalCodes().isEmpty());
        case ConsentRevoked r ->
            new Row(
                r.type(),
                r.time(),
                r.consentId(),
                r.patientPseudonym(),
                null,
                null,
                null,
                List.of(),
                false);
        case ConsentExpired x ->
            new Row(
                x.type(),
                x.time(),
                x.consentId(),
                x.patientPseudonym(),
                null,
                null,
                null,
                List.of(),
                false);
        case Disclosure d ->
            new Row(
                d.type(),
                d.time(),
                d.consentId(),
                d.patientPseudonym(),
                d.recipient(),
                d.purpose(),
                String.join(" ", d.resourceTypes()),
                d.hospitalCodes(),
                false);
        case Reidentification r ->
            new Row(
                r.type(),
                r.time(),
                null,
                r.patientPseudonym(),
                r.actor(),
                null,
                null,
                List.of(),
                false);
        case CohortExported c ->
            new Row(
                c.type(),
                c.time(),
                null,
                null,
                c.recipient(),
                null,
                String.join(" ", c.resourceTypes()),
                List.of(),
                false);
        case ReidentificationRequested r ->
            new Row(
                r.type(),
                r.time(),
                null,
                r.patientPseudonym(),
                r.actor(),
                null,
                null,
                List.of(),
                false);
      };
    }
  }
}
