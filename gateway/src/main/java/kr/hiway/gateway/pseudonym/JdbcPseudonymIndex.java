package kr.hiway.gateway.pseudonym;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import kr.hiway.consent.pseudonym.PseudonymIndex;
import kr.hiway.consent.pseudonym.PseudonymMapping;
import kr.hiway.gateway.pii.NationalIdCipher;
import kr.hiway.gateway.pii.NationalIdCipher.Column;
import kr.hiway.gateway.transaction.AfterCommit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The pseudonym index in the {@code pseudonym_index} table, the national identifier sealed ({@link
 * NationalIdCipher}) and bound to its row. A mapping is written once; the rows this instance has
 * written or seen are remembered so that a recipient's repeated releases of one person cost no
 * write. Joins the caller's transaction when there is one. Thread-safe.
 */
@Repository
public class JdbcPseudonymIndex implements PseudonymIndex {

  /** Remembered keys beyond which the memory is cleared rather than grown. */
  private static final int REMEMBERED = 100_000;

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Set<String> known = ConcurrentHashMap.newKeySet();

  private final NationalIdCipher nationalIds;

  JdbcPseudonymIndex(JdbcClient jdbc, Clock clock, NationalIdCipher nationalIds) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.nationalIds = nationalIds;
  }

  @Override
  public void record(PseudonymMapping mapping) {
    String key = mapping.domain() + "\n" + mapping.pseudonym();
    if (known.contains(key)) {
      return;
    }
    // ON CONFLICT, not a caught duplicate-key error: in PostgreSQL an error aborts the caller's
    // whole transaction. H2 accepts the clause in its PostgreSQL mode.
    jdbc.sql(
            "INSERT INTO pseudonym_index (domain, pseudonym, national_id_sealed, first_seen)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
        .params(
            mapping.domain(),
            mapping.pseudonym(),
            nationalIds.seal(
                Column.PSEUDONYM_INDEX,
                NationalIdCipher.indexRow(mapping.domain(), mapping.pseudonym()),
                mapping.nationalId()),
            Timestamp.from(clock.instant()))
        .update();
    // Remembered only once the row is committed: a rolled-back release must write it again.
    AfterCommit.run(() -> remember(key));
  }

  private void remember(String key) {
    if (known.size() >= REMEMBERED) {
      known.clear();
    }
    known.add(key);
  }

  @Override
  public Optional<String> nationalIdOf(String domain, String pseudonym) {
    return jdbc.sql(
            "SELECT national_id_sealed FROM pseudonym_index WHERE domain = ? AND pseudonym = ?")
        .params(domain, pseudonym)
        .query(String.class)
        .optional()
        .map(sealed ->
            nationalIds.open(
                Column.PSEUDONYM_INDEX, NationalIdCipher.indexRow(domain, pseudonym), sealed));
  }
}
