package kr.hiway.gateway.regulator;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Counts over the searchable copy of the ledger for the regulator's charts: disclosures per day
 * (UTC), per hospital and per purpose; consents granted, revoked and expired per day. Counted in
 * the database after {@link LedgerEvents#catchUp()}, so they cover every committed entry.
 *
 * <p>A revocation or an expiry records only the consent and the patient, so the recipient, purpose
 * and hospital filters apply to it through its consent's grant. Thread-safe.
 */
@Component
class LedgerStats {

  private final LedgerEvents events;
  private final JdbcTemplate jdbc;

  LedgerStats(LedgerEvents events, JdbcTemplate jdbc) {
    this.events = events;
    this.jdbc = jdbc;
  }

  /**
   * Which events are counted; every component may be null (no restriction).
   *
   * @param from events at or after this instant
   * @param to events before this instant
   * @param hospital a hospital code; grants covering every hospital match any code
   * @param recipient a recipient
   * @param purpose a purpose of use code
   */
  record Filter(Instant from, Instant to, String hospital, String recipient, String purpose) {}

  record DayCount(String day, long count) {}

  record HospitalCount(String hospital, long count) {}

  record PurposeCount(String purpose, long count) {}

  record ConsentDay(String day, long granted, long revoked, long expired) {}

  /**
   * The counts. A disclosure from several hospitals counts once in {@code total} and once for each
   * of its hospitals in {@code perHospital}.
   */
  record Disclosures(
      long total,
      List<DayCount> perDay,
      List<HospitalCount> perHospital,
      List<PurposeCount> perPurpose,
      List<RecipientCount> perRecipient) {}

  /** Disclosures to one recipient. */
  record RecipientCount(String recipient, long count) {}

  record Consents(long granted, long revoked, long expired, List<ConsentDay> perDay) {}

  record Stats(Disclosures disclosures, Consents consents) {}

  Stats count(Filter f) {
    events.catchUp();
    return new Stats(disclosures(f), consents(f));
  }

  private Disclosures disclosures(Filter f) {
    Where all = disclosureWhere(f, true);
    List<DayCount> perDay =
        jdbc.query(
            "SELECT utc_day, COUNT(*) FROM (SELECT "
                + utcDay("e")
                + " AS utc_day FROM ledger_event e"
                + all.sql
                + ") d GROUP BY utc_day ORDER BY utc_day",
            (rs, n) -> new DayCount(LocalDate.ofEpochDay(rs.getLong(1)).toString(), rs.getLong(2)),
            all.args.toArray());
    List<PurposeCount> perPurpose =
        jdbc.query(
            "SELECT e.purposes, COUNT(*) FROM ledger_event e"
                + all.sql
                + " GROUP BY e.purposes ORDER BY COUNT(*) DESC, e.purposes",
            (rs, n) -> new PurposeCount(rs.getString(1), rs.getLong(2)),
            all.args.toArray());
    // Per hospital: the hospital filter becomes a condition on the joined row, so that a
    // disclosure from several hospitals counts only for the one asked about.
    Where some = disclosureWhere(f, false);
    if (f.hospital() != null) {
      some.and("h.hospital = ?", f.hospital());
    }
    List<HospitalCount> perHospital =
        jdbc.query(
            "SELECT h.hospital, COUNT(*) FROM ledger_event e JOIN ledger_event_hospital h"
                + " ON h.leaf_index = e.leaf_index"
                + some.sql
                + " GROUP BY h.hospital ORDER BY COUNT(*) DESC, h.hospital",
            (rs, n) -> new HospitalCount(rs.getString(1), rs.getLong(2)),
            some.args.toArray());
    List<RecipientCount> perRecipient =
        jdbc.query(
            "SELECT e.recipient, COUNT(*) FROM ledger_event e"
                + all.sql
                + " GROUP BY e.recipient ORDER BY COUNT(*) DESC, e.recipient",
            (rs, n) -> new RecipientCount(rs.getString(1), rs.getLong(2)),
            all.args.toArray());
    long total = perDay.stream().mapToLong(DayCount::count).sum();
    return new Disclosures(total, perDay, perHospital, perPurpose, perRecipient);
  }

  private Consents consents(Filter f) {
    Where w = new Where();
    w.and("e.entry_type IN ('consent-granted', 'consent-revoked', 'consent-expired')");
    times(w, f);
    if (f.hospital() != null || f.recipient() != null || f.purpose() != null) {
      Where grant = new Where();
      grant.and("g.consent_id = e.consent_id");
      grant.and("g.entry_type = 'consent-granted'");
      recipientAndPurpose(grant, "g", f);
      if (f.hospital() != null) {
        grant.and("(g.hospitals = '*' OR " + hospitalExists("g") + ")", f.hospital());
      }
      w.and("EXISTS (SELECT 1 FROM ledger_event g" + grant.sql + ")", grant.args.toArray());
    }
    Map<String, long[]> days = new TreeMap<>();
    jdbc.query(
        "SELECT utc_day, kind, COUNT(*) FROM (SELECT "
            + utcDay("e")
            + " AS utc_day, e.entry_type AS kind"
            + " FROM ledger_event e"
            + w.sql
            + ") d GROUP BY utc_day, kind",
        rs -> {
          long[] counts =
              days.computeIfAbsent(
                  LocalDate.ofEpochDay(rs.getLong(1)).toString(), d -> new long[3]);
          int slot =
              switch (rs.getString(2)) {
                case "consent-granted" -> 0;
                case "consent-revoked" -> 1;
                default -> 2;
              };
          counts[slot] += rs.getLong(3);
        },
        w.args.toArray());
    List<ConsentDay> perDay = new ArrayList<>(days.size());
    long[] totals = new long[3];
    days.forEach((day, c) -> {
      perDay.add(new ConsentDay(day, c[0], c[1], c[2]));
      for (int i = 0; i < 3; i++) {
        totals[i] += c[i];
      }
    });
    return new Consents(totals[0], totals[1], totals[2], perDay);
  }

  private static Where disclosureWhere(Filter f, boolean withHospital) {
    Where w = new Where();
    w.and("e.entry_type = 'disclosure'");
    times(w, f);
    recipientAndPurpose(w, "e", f);
    if (withHospital && f.hospital() != null) {
      w.and(hospitalExists("e"), f.hospital());
    }
    return w;
  }

  private static void times(Where w, Filter f) {
    if (f.from() != null) {
      w.and("e.event_time >= ?", Timestamp.from(f.from()));
    }
    if (f.to() != null) {
      w.and("e.event_time < ?", Timestamp.from(f.to()));
    }
  }

  private static void recipientAndPurpose(Where w, String alias, Filter f) {
    if (f.recipient() != null) {
      w.and(alias + ".recipient = ?", f.recipient());
    }
    if (f.purpose() != null) {
      // The same match as the event search: purposes is a space-separated list of codes.
      w.and(
          "(' ' || " + alias + ".purposes || ' ') LIKE ?",
          "% " + f.purpose().replace("%", "").replace("_", "") + " %");
    }
  }

  private static String hospitalExists(String alias) {
    return "EXISTS (SELECT 1 FROM ledger_event_hospital h WHERE h.leaf_index = "
        + alias
        + ".leaf_index AND h.hospital = ?)";
  }

  /**
   * The UTC calendar day of an event as days since 1970-01-01: the same on PostgreSQL and on H2
   * whatever the session's time zone (a cast to DATE would take the session's).
   */
  private static String utcDay(String alias) {
    return "CAST(FLOOR(EXTRACT(EPOCH FROM " + alias + ".event_time) / 86400) AS BIGINT)";
  }

  /** A WHERE clause built from conditions joined with AND, and its arguments in order. */
  private static final class Where {
    private final StringBuilder sql = new StringBuilder();
    private final List<Object> args = new ArrayList<>();

    void and(String condition, Object... values) {
      sql.append(sql.isEmpty() ? " WHERE " : " AND ").append(condition);
      args.addAll(List.of(values));
    }
  }
}
