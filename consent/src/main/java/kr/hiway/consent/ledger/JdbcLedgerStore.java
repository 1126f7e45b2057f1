package kr.hiway.consent.ledger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger in a relational database (PostgreSQL, or H2 in PostgreSQL mode), in the tables of
 * migration {@code V100__ledger.sql}: {@code ledger_head} (one row: size and root, and the lock
 * that sequences appends), {@code ledger_leaf} (index, leaf hash, leaf data), {@code ledger_node}
 * (hashes of completed perfect subtrees above the leaves, by level and index) and {@code
 * ledger_checkpoint} (issued signed checkpoints).
 *
 * <p>An append locks the head row ({@code SELECT ... FOR UPDATE}), so any number of stores in any
 * number of processes on one database write one linear log; leaves, new node hashes and the new
 * head are written in that one transaction and the call returns after commit. It reads O(log n)
 * hashes (none when this store made the previous append) and proofs read O(log n) rows.
 *
 * <p>Thread-safe. Arguments must not be null. Database errors surface as Spring's {@code
 * DataAccessException}.
 */
public final class JdbcLedgerStore implements LedgerStore {

  /** Rows per multi-row INSERT: well below PostgreSQL's 65,535 bind parameters. */
  private static final int INSERT_CHUNK = 1000;

  private final JdbcTemplate jdbc;
  private final JdbcClient client;
  private final TransactionTemplate tx;
  private final NodeQueries queries;

  /** The right edge after this store's last append; reused when nobody appended since. */
  private volatile Frontier cached = Frontier.empty();

  public JdbcLedgerStore(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.client = JdbcClient.create(jdbc);
    this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.queries = new NodeQueries(jdbc);
  }

  @Override
  public List<Appended> append(List<byte[]> leafData) {
    if (leafData.isEmpty()) {
      return List.of();
    }
    // Hash before taking the lock: the lock is the one thing all instances share.
    List<byte[]> hashes = leafData.stream().map(Hashes::leaf).toList();
    List<Appended> appended = new ArrayList<>(hashes.size());
    Frontier next =
        tx.execute(status -> {
          TreeHead head =
              jdbc.queryForObject(
                  "SELECT tree_size, root_hash FROM ledger_head WHERE id = 1 FOR UPDATE",
                  (rs, n) -> head(rs.getLong(1), rs.getBytes(2)));
          Frontier frontier = frontierFor(head);
          Frontier.Growth growth = frontier.extend(hashes);
          long first = head.size();
          insertLeaves(first, hashes, leafData);
          queries.insertNodes(growth.completed(), INSERT_CHUNK);
          jdbc.update(
              "UPDATE ledger_head SET tree_size = ?, root_hash = ?, updated_at = ? WHERE id = 1",
              growth.next().size(),
              growth.next().root(),
              OffsetDateTime.now(ZoneOffset.UTC));
          for (int i = 0; i < hashes.size(); i++) {
            appended.add(new Appended(first + i, hashes.get(i)));
          }
          return growth.next();
        });
    cached = next;
    return appended;
  }

  @Override
  public TreeHead head() {
    return jdbc.queryForObject(
        "SELECT tree_size, root_hash FROM ledger_head WHERE id = 1",
        (rs, n) -> head(rs.getLong(1), rs.getBytes(2)));
  }

  @Override
  public Map<NodeId, byte[]> nodes(Collection<NodeId> ids) {
    return queries.read(ids);
  }

  @Override
  public List<LogEntry> entries(long start, long end) {
    return client
        .sql(
            "SELECT leaf_index, leaf_hash, leaf_data FROM ledger_leaf"
                + " WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index")
        .params(start, end)
        .query((rs, n) -> new LogEntry(rs.getLong(1), rs.getBytes(2), rs.getBytes(3)))
        .list();
  }

  @Override
  public OptionalLong indexOf(byte[] leafHash, long treeSize) {
    List<Long> found =
        client
            .sql(
                "SELECT leaf_index FROM ledger_leaf WHERE leaf_hash = ? AND leaf_index < ?"
                    + " ORDER BY leaf_index LIMIT 1")
            .params(leafHash, treeSize)
            .query(Long.class)
            .list();
    return found.isEmpty() ? OptionalLong.empty() : OptionalLong.of(found.get(0));
  }

  @Override
  public void saveCheckpoint(SignedCheckpoint c) {
    client
        .sql(
            "INSERT INTO ledger_checkpoint (origin, tree_size, root_hash, signed_note, issued_at)"
                + " VALUES (?, ?, ?, ?, ?)")
        .params(
            c.checkpoint().origin(),
            c.checkpoint().size(),
            c.checkpoint().rootHash(),
            c.note(),
            c.issuedAt().atOffset(ZoneOffset.UTC))
        .update();
  }

  @Override
  public Optional<SignedCheckpoint> latestCheckpoint() {
    return client
        .sql(
            "SELECT origin, tree_size, root_hash, signed_note, issued_at FROM ledger_checkpoint"
                + " ORDER BY id DESC LIMIT 1")
        .query((rs, n) -> checkpoint(rs))
        .optional();
  }

  @Override
  public List<SignedCheckpoint> checkpoints(long minSize, int limit) {
    return client
        .sql(
            "SELECT origin, tree_size, root_hash, signed_note, issued_at FROM ledger_checkpoint"
                + " WHERE tree_size >= ? ORDER BY id LIMIT ?")
        .params(minSize, limit)
        .query((rs, n) -> checkpoint(rs))
        .list();
  }

  private Frontier frontierFor(TreeHead head) {
    Frontier f = cached;
    if (f.size() == head.size() && Arrays.equals(f.root(), head.rootHash())) {
      return f;
    }
    return Frontier.of(head.size(), queries.read(TreeMath.frontier(head.size())));
  }

  /**
   * One JDBC batch of a statement prepared once: on PostgreSQL with {@code reWriteBatchedInserts}
   * the driver sends it as multi-row inserts, in one round trip however many rows.
   */
  private void insertLeaves(long first, List<byte[]> hashes, List<byte[]> data) {
    List<Integer> rows = java.util.stream.IntStream.range(0, hashes.size()).boxed().toList();
    jdbc.batchUpdate(
        "INSERT INTO ledger_leaf (leaf_index, leaf_hash, leaf_data) VALUES (?, ?, ?)",
        rows,
        INSERT_CHUNK,
        (ps, i) -> {
          ps.setLong(1, first + i);
          ps.setBytes(2, hashes.get(i));
          ps.setBytes(3, data.get(i));
        });
  }

  private static TreeHead head(long size, byte[] root) {
    // The migration cannot write the empty-tree hash portably, so size 0 has no root.
    return size == 0 ? TreeHead.empty() : new TreeHead(size, root);
  }

  private static SignedCheckpoint checkpoint(java.sql.ResultSet rs) throws java.sql.SQLException {
    Checkpoint c = new Checkpoint(rs.getString(1), rs.getLong(2), rs.getBytes(3));
    return new SignedCheckpoint(
        c, rs.getString(4), rs.getObject(5, OffsetDateTime.class).toInstant());
  }
}
