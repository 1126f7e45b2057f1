package kr.hiway.gateway.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.hiway.consent.ledger.Checkpoint;
import kr.hiway.consent.ledger.Hashes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A full audit of the ledger for regulators: every stored entry read back and hashed again, the
 * whole tree recomputed from those hashes and compared with every stored inner node and with the
 * latest checkpoint the witnesses cosigned. It lists each entry whose content and stored hash
 * disagree (index, stored hash, recomputed hash), each missing position, and each stored node that
 * the entries beneath it do not produce (the entries it covers: a swap or a change whose hashes
 * were recomputed shows there). Whoever rewrites every hash and node as well is still caught by the
 * cosigned root, which only the witnesses vouch for. Thread-safe; reads in batches.
 */
@Component
public class FullAudit {

  /** At most this many problems are listed; all are counted. */
  static final int MAX_LISTED = 1_000;

  private static final int BATCH = 10_000;

  /** One finding. */
  public record Problem(
      String kind, long index, long lastIndex, String storedHash, String recomputedHash) {}

  /** The result. */
  public record Report(
      Instant checked,
      Duration took,
      long entries,
      long cosignedSize,
      Boolean matchesCosigned,
      boolean intact,
      long problemCount,
      List<Problem> problems) {}

  private final JdbcClient jdbc;
  private final java.util.function.Supplier<Optional<Checkpoints.Cosigned>> cosignedCheckpoint;
  private final Clock clock;
  private volatile Report last;

  @org.springframework.beans.factory.annotation.Autowired
  FullAudit(JdbcClient jdbc, Checkpoints checkpoints, Clock clock) {
    this(jdbc, checkpoints::latestCosigned, clock);
  }

  private FullAudit(
      JdbcClient jdbc,
      java.util.function.Supplier<Optional<Checkpoints.Cosigned>> cosigned,
      Clock clock) {
    this.jdbc = jdbc;
    this.cosignedCheckpoint = cosigned;
    this.clock = clock;
  }

  /** A full audit against {@code cosigned}'s checkpoint, outside the application (benchmarks). */
  public static FullAudit of(
      JdbcClient jdbc,
      java.util.function.Supplier<Optional<Checkpoints.Cosigned>> cosigned,
      Clock clock) {
    return new FullAudit(jdbc, cosigned, clock);
  }

  /** The last full audit's report, if one ran since start. */
  public Optional<Report> last() {
    return Optional.ofNullable(last);
  }

  /** Runs a full audit now. */
  public Report run() {
    long start = System.nanoTime();
    Instant now = clock.instant();
    List<Problem> problems = new ArrayList<>();
    long[] count = {0};
    long size =
        jdbc.sql("SELECT COALESCE(MAX(leaf_index) + 1, 0) FROM ledger_leaf")
            .query(Long.class)
            .single();
    byte[][] leaves = new byte[(int) size][];
    for (long from = 0; from < size; from += BATCH) {
      jdbc.sql(
              "SELECT leaf_index, leaf_hash, leaf_data FROM ledger_leaf"
                  + " WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index")
          .params(from, Math.min(size, from + BATCH))
          .query(rs -> {
            long index = rs.getLong(1);
            byte[] stored = rs.getBytes(2);
            byte[] recomputed = Hashes.leaf(rs.getBytes(3));
            leaves[(int) index] = recomputed;
            if (!Arrays.equals(stored, recomputed)) {
              add(
                  problems,
                  count,
                  new Problem("entry", index, index, b64(stored), b64(recomputed)));
            }
          });
    }
    for (int i = 0; i < leaves.length; i++) {
      if (leaves[i] == null) {
        add(problems, count, new Problem("missing", i, i, null, null));
      }
    }
    // Complete subtrees, level by level, against the stored inner nodes.
    Map<Long, byte[]> stored = new HashMap<>();
    byte[][] level = leaves;
    for (int l = 1; level.length > 1; l++) {
      final int lv = l;
      stored.clear();
      jdbc.sql("SELECT node_index, hash FROM ledger_node WHERE node_level = ?")
          .param(lv)
          .query(rs -> {
            stored.put(rs.getLong(1), rs.getBytes(2));
          });
      byte[][] up = new byte[level.length / 2][];
      for (int i = 0; i < up.length; i++) {
        byte[] left = level[2 * i];
        byte[] right = level[2 * i + 1];
        up[i] = left == null || right == null ? null : Hashes.node(left, right);
        byte[] have = stored.get((long) i);
        if (up[i] != null && have != null && !Arrays.equals(have, up[i])) {
          long first = (long) i << lv;
          add(
              problems,
              count,
              new Problem("node", first, first + (1L << lv) - 1, b64(have), b64(up[i])));
        }
      }
      level = up;
    }
    Optional<Checkpoints.Cosigned> cosigned = cosignedCheckpoint.get();
    Boolean matches = null;
    long cosignedSize = -1;
    if (cosigned.isPresent()) {
      Checkpoint c = cosigned.get().checkpoint();
      cosignedSize = c.size();
      matches =
          c.size() <= size
              && Arrays.stream(leaves, 0, (int) c.size()).allMatch(java.util.Objects::nonNull)
              && Arrays.equals(root(leaves, 0, (int) c.size()), c.rootHash());
      if (!matches) {
        add(
            problems,
            count,
            new Problem(
                "cosigned-root",
                0,
                c.size() - 1,
                b64(c.rootHash()),
                c.size() <= size ? b64(root(leaves, 0, (int) c.size())) : null));
      }
    }
    Report report =
        new Report(
            now,
            Duration.ofNanos(System.nanoTime() - start),
            size,
            cosignedSize,
            matches,
            count[0] == 0,
            count[0],
            List.copyOf(problems));
    last = report;
    return report;
  }

  private static void add(List<Problem> problems, long[] count, Problem p) {
    count[0]++;
    if (problems.size() < MAX_LISTED) {
      problems.add(p);
    }
  }

  /** RFC 6962's tree hash of leaves [lo, hi); a missing leaf gives a root that matches nothing. */
  private static byte[] root(byte[][] leaves, int lo, int hi) {
    if (hi - lo == 0) {
      return Hashes.emptyRoot();
    }
    if (hi - lo == 1) {
      return leaves[lo] == null ? new byte[Hashes.SIZE] : leaves[lo];
    }
    int k = Integer.highestOneBit(hi - lo - 1);
    return Hashes.node(root(leaves, lo, lo + k), root(leaves, lo + k, hi));
  }

  private static String b64(byte[] h) {
    return h == null ? null : Base64.getEncoder().encodeToString(h);
  }
}
