package kr.hiway.consent.ledger;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where the ledger lives: leaves with their data, the hashes of every completed perfect subtree,
 * the current tree head and the issued checkpoints.
 *
 * <p>Implementations are thread-safe and, for {@link JdbcLedgerStore}, safe across processes
 * sharing one database: appends are sequenced by the store, never by the caller. Arguments must not
 * be null; absent results are empty optionals or missing map keys, never null.
 */
public interface LedgerStore {

  /**
   * Appends the leaves in order, as one atomic step, and returns only once they are durable.
   *
   * @param leafData the data of each new leaf; the list may be empty
   * @return the index and leaf hash of each, in the same order
   */
  List<Appended> append(List<byte[]> leafData);

  /** The current size and root. */
  TreeHead head();

  /**
   * The stored hashes of the given perfect subtrees. Nodes that are not (yet) complete, or are
   * missing from storage, are absent from the result.
   */
  Map<NodeId, byte[]> nodes(Collection<NodeId> ids);

  /** The entries with indexes in {@code [start, end)} that exist, in index order. */
  List<LogEntry> entries(long start, long end);

  /** The smallest index below {@code treeSize} whose leaf hash is {@code leafHash}. */
  OptionalLong indexOf(byte[] leafHash, long treeSize);

  /** Records an issued checkpoint. */
  void saveCheckpoint(SignedCheckpoint checkpoint);

  /** The checkpoint issued last, if any. */
  Optional<SignedCheckpoint> latestCheckpoint();

  /**
   * Issued checkpoints with a tree size of at least {@code minSize}, oldest first, at most {@code
   * limit}.
   */
  List<SignedCheckpoint> checkpoints(long minSize, int limit);
}
