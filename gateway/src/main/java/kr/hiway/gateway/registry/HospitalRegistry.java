package kr.hiway.gateway.registry;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import kr.hiway.gateway.cluster.ClusterEvents;
import kr.hiway.gateway.cluster.Topic;
import kr.hiway.vocabulary.Hospital;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The hospitals the gateway connects to, kept in the {@code hospital} table. Thread-safe. */
@Repository
public class HospitalRegistry {

  private final JdbcClient jdbc;
  private final ClusterEvents events;
  private final AtomicLong changes = new AtomicLong();

  HospitalRegistry(JdbcClient jdbc, ClusterEvents events) {
    this.jdbc = jdbc;
    this.events = events;
    // Any instance's change (or a missed one, after a reset) moves the count caches follow.
    events.subscribe(Topic.REGISTRY, code -> changes.incrementAndGet());
  }

  /** Adds a hospital, or updates its names, place and address if it is already registered. */
  @Transactional
  public void register(Hospital h, URI baseUrl) {
    int updated =
        jdbc.sql(
                "UPDATE hospital SET name_ko = ?, name_en = ?, province = ?, city = ?,"
                    + " base_url = ? WHERE code = ?")
            .params(h.nameKo(), h.nameEn(), h.province(), h.city(), baseUrl.toString(), h.code())
            .update();
    if (updated == 0) {
      jdbc.sql(
              "INSERT INTO hospital (code, name_ko, name_en, province, city, base_url, enabled,"
                  + " registered_at) VALUES (?, ?, ?, ?, ?, ?, TRUE, ?)")
          .params(
              h.code(),
              h.nameKo(),
              h.nameEn(),
              h.province(),
              h.city(),
              baseUrl.toString(),
              Timestamp.from(Instant.now()))
          .update();
    }
    changed(h.code());
  }

  /**
   * Enables or disables a hospital; a disabled one is not called.
   *
   * @return false if no hospital has that code
   */
  @Transactional
  public boolean setEnabled(String code, boolean enabled) {
    int updated =
        jdbc.sql("UPDATE hospital SET enabled = ? WHERE code = ?").params(enabled, code).update();
    if (updated == 1) {
      changed(code);
    }
    return updated == 1;
  }

  /** The hospital with that code, if registered. */
  public Optional<RegisteredHospital> byCode(String code) {
    return all().stream().filter(h -> h.code().equals(code)).findFirst();
  }

  private void changed(String code) {
    // Heard once committed, here and on every other instance, so that a cache reloading on the
    // new count sees the new row.
    events.publish(Topic.REGISTRY, code);
  }

  /** A number that moves whenever any instance changes the registry, for caches to follow. */
  long changeCount() {
    return changes.get();
  }

  /** Every registered hospital, in code order. */
  public List<RegisteredHospital> all() {
    return jdbc.sql(
            "SELECT code, name_ko, name_en, province, city, base_url, enabled FROM hospital"
                + " ORDER BY code")
        .query((rs, n) ->
            new RegisteredHospital(
                new Hospital(
                    rs.getString("code"),
                    rs.getString("name_ko"),
                    rs.getString("name_en"),
                    rs.getString("province"),
                    rs.getString("city")),
                URI.create(rs.getString("base_url")),
                rs.getBoolean("enabled")))
        .list();
  }
}
