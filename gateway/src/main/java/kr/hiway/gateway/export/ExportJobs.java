package kr.hiway.gateway.export;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The export jobs and their output in PostgreSQL, so that any instance answers a job's status and
 * serves its files. Thread-safe.
 */
@Component
class ExportJobs {

  /** A running job whose instance has not beaten for this long is taken to have died. */
  static final Duration STALE = Duration.ofMinutes(5);

  private final JdbcClient jdbc;
  private final Clock clock;

  ExportJobs(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Creates a running job for the recipient.
   *
   * @return false if the recipient already has one running
   */
  boolean create(String id, String recipient, String request, List<String> types, Duration ttl) {
    sweep();
    Instant now = clock.instant();
    try {
      jdbc.sql("INSERT INTO export_running (recipient, job_id) VALUES (?, ?)")
          .params(recipient, id)
          .update();
    } catch (DuplicateKeyException e) {
      return false;
    }
    jdbc.sql(
            "INSERT INTO export_job (id, recipient, state, request, types, created_at,"
                + " updated_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            id,
            recipient,
            ExportState.IN_PROGRESS.code(),
            request,
            String.join(",", types),
            at(now),
            at(now),
            at(now.plus(ttl)))
        .update();
    return true;
  }

  /** The job, unless it expired (then it is deleted). */
  Optional<ExportJob> find(String id) {
    sweep();
    return jdbc.sql("SELECT * FROM export_job WHERE id = ?").param(id).query(this::job).optional();
  }

  /** Jobs of a state, oldest first (for the reviewers' list). */
  List<ExportJob> inState(ExportState state) {
    return jdbc.sql("SELECT * FROM export_job WHERE state = ? ORDER BY created_at")
        .param(state.code())
        .query(this::job)
        .list();
  }

  void progress(String id, int total, int done) {
    jdbc.sql(
            "UPDATE export_job SET persons_total = ?, persons_done = ?, updated_at = ?"
                + " WHERE id = ?")
        .params(total, done, at(clock.instant()), id)
        .update();
  }

  /**
   * Moves the job from {@code from} to {@code to}, with its risk report and reviewer if given.
   *
   * @return false if it was not in {@code from} (deleted, or decided by someone else)
   */
  boolean move(
      String id, ExportState from, ExportState to, String risk, String reviewer, String error) {
    if (from == ExportState.IN_PROGRESS && to != from) {
      jdbc.sql("DELETE FROM export_running WHERE job_id = ?").param(id).update();
    }
    return jdbc.sql(
                "UPDATE export_job SET state = ?, risk = COALESCE(?, risk),"
                    + " reviewer = COALESCE(?, reviewer), error = COALESCE(?, error),"
                    + " updated_at = ? WHERE id = ? AND state = ?")
            .params(to.code(), risk, reviewer, error, at(clock.instant()), id, from.code())
            .update()
        == 1;
  }

  /** Deletes the job and its files; false if there was none. */
  boolean delete(String id) {
    jdbc.sql("DELETE FROM export_running WHERE job_id = ?").param(id).update();
    return jdbc.sql("DELETE FROM export_job WHERE id = ?").param(id).update() == 1;
  }

  /** Adds one person's lines of one type. */
  void addPart(String id, int seq, String type, String lines, int count) {
    jdbc.sql("INSERT INTO export_part (job_id, seq, type, lines, count) VALUES (?, ?, ?, ?, ?)")
        .params(id, seq, type, lines, count)
        .update();
  }

  /** Marks every part of these persons suppressed. */
  void suppress(String id, List<Integer> seqs) {
    if (seqs.isEmpty()) {
      return;
    }
    // Numbers only, so the list is written into the statement; in slices, to keep it short.
    for (int from = 0; from < seqs.size(); from += 500) {
      String in =
          String.join(
              ",",
              seqs.subList(from, Math.min(seqs.size(), from + 500)).stream()
                  .map(String::valueOf)
                  .toList());
      jdbc.sql("UPDATE export_part SET suppressed = TRUE WHERE job_id = ? AND seq IN (" + in + ")")
          .param(id)
          .update();
    }
  }

  /** Drops every part: a rejected export keeps nothing. */
  void dropParts(String id) {
    jdbc.sql("DELETE FROM export_part WHERE job_id = ?").param(id).update();
  }

  /** The released count per type (suppressed parts left out), types in name order. */
  List<TypeCount> counts(String id) {
    return jdbc.sql(
            "SELECT type, SUM(count) AS n FROM export_part WHERE job_id = ? AND NOT suppressed"
                + " GROUP BY type ORDER BY type")
        .param(id)
        .query((rs, n) -> new TypeCount(rs.getString("type"), rs.getLong("n")))
        .list();
  }

  /** The resources of the suppressed persons. */
  long suppressedResources(String id) {
    return jdbc.sql(
            "SELECT COALESCE(SUM(count), 0) FROM export_part WHERE job_id = ? AND suppressed")
        .param(id)
        .query(Long.class)
        .single();
  }

  /** Streams a type's released lines to {@code sink}, person by person. */
  void lines(String id, String type, Consumer<String> sink) {
    try (Stream<String> parts =
        jdbc
            .sql(
                "SELECT lines FROM export_part WHERE job_id = ? AND type = ? AND NOT suppressed"
                    + " ORDER BY seq")
            .params(id, type)
            .query(String.class)
            .stream()) {
      parts.forEach(sink);
    }
  }

  record TypeCount(String type, long count) {}

  /** Deletes expired jobs, and fails running ones whose instance stopped beating. */
  private void sweep() {
    Instant now = clock.instant();
    jdbc.sql(
            "DELETE FROM export_running WHERE job_id IN (SELECT id FROM export_job"
                + " WHERE expires_at < ? OR updated_at < ?)")
        .params(at(now), at(now.minus(STALE)))
        .update();
    jdbc.sql("DELETE FROM export_job WHERE expires_at < ?").param(at(now)).update();
    jdbc.sql("UPDATE export_job SET state = ?, error = ? WHERE state = ? AND updated_at < ?")
        .params(
            ExportState.FAILED.code(),
            "the instance running the export stopped; start it again",
            ExportState.IN_PROGRESS.code(),
            at(now.minus(STALE)))
        .update();
  }

  private ExportJob job(ResultSet rs, int row) throws SQLException {
    return new ExportJob(
        rs.getString("id"),
        rs.getString("recipient"),
        ExportState.of(rs.getString("state")),
        rs.getString("request"),
        Arrays.stream(rs.getString("types").split(",")).filter(t -> !t.isEmpty()).toList(),
        instant(rs.getTimestamp("created_at")),
        instant(rs.getTimestamp("updated_at")),
        instant(rs.getTimestamp("expires_at")),
        rs.getInt("persons_total"),
        rs.getInt("persons_done"),
        rs.getString("risk"),
        rs.getString("reviewer"),
        rs.getString("error"));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  private static OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
