package kr.hiway.consent.ledger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads and writes hashes of perfect subtrees. Level 0 is the leaf hash in {@code ledger_leaf};
 * higher levels are rows of {@code ledger_node}. A proof's O(log n) hashes are one statement.
 */
final class NodeQueries {

  private final JdbcTemplate jdbc;

  NodeQueries(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  Map<NodeId, byte[]> read(Collection<NodeId> ids) {
    Map<NodeId, byte[]> out = new HashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    List<Long> leaves = new ArrayList<>();
    List<NodeId> interior = new ArrayList<>();
    for (NodeId id : new LinkedHashSet<>(ids)) {
      if (id.level() == 0) {
        leaves.add(id.index());
      } else {
        interior.add(id);
      }
    }
    List<String> parts = new ArrayList<>(2);
    List<Object> args = new ArrayList<>(leaves.size() + 2 * interior.size());
    if (!leaves.isEmpty()) {
      parts.add(
          "SELECT 0 AS node_level, leaf_index AS node_index, leaf_hash AS hash FROM ledger_leaf"
              + " WHERE leaf_index IN ("
              + "?, ".repeat(leaves.size() - 1)
              + "?)");
      args.addAll(leaves);
    }
    if (!interior.isEmpty()) {
      StringBuilder where = new StringBuilder();
      for (NodeId id : interior) {
        where.append(where.isEmpty() ? "" : " OR ").append("(node_level = ? AND node_index = ?)");
        args.add(id.level());
        args.add(id.index());
      }
      parts.add("SELECT node_level, node_index, hash FROM ledger_node WHERE " + where);
    }
    jdbc.query(
        String.join(" UNION ALL ", parts),
        rs -> {
          out.put(new NodeId(rs.getInt(1), rs.getLong(2)), rs.getBytes(3));
        },
        args.toArray());
    return out;
  }

  /** One JDBC batch of a statement prepared once (multi-row on PostgreSQL: see the store). */
  void insertNodes(List<Frontier.Node> nodes, int chunk) {
    jdbc.batchUpdate(
        "INSERT INTO ledger_node (node_level, node_index, hash) VALUES (?, ?, ?)",
        nodes,
        chunk,
        (ps, n) -> {
          ps.setInt(1, n.id().level());
          ps.setLong(2, n.id().index());
          ps.setBytes(3, n.hash());
        });
  }
}
