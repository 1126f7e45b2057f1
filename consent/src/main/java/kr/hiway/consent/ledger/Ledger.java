package kr.hiway.consent.ledger;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The consent ledger: appends entries and serves what the HTTP layer hands to verifiers, namely
 * entries, inclusion proofs and consistency proofs, assembled from stored perfect-subtree hashes in
 * O(log n) reads (one query for the hashes).
 *
 * <p>Thread-safe when its store is. Arguments must not be null; tree sizes and indexes out of range
 * give {@link IllegalArgumentException}, and hashes the store should have but lacks give {@link
 * LedgerCorruptionException}.
 */
public final class Ledger {

  /** The most entries one {@link #entries} call returns. */
  public static final int MAX_ENTRIES = 1000;

  private final LedgerStore store;

  public Ledger(LedgerStore store) {
    this.store = store;
  }

  public LedgerStore store() {
    return store;
  }

  /** Appends one entry; returns once it is committed. */
  public Appended append(LedgerEntry entry) {
    return store.append(List.of(entry.canonicalJson())).get(0);
  }

  /** Appends entries in one transaction, in order; returns once they are committed. */
  public List<Appended> appendAll(List<? extends LedgerEntry> entries) {
    return store.append(entries.stream().map(LedgerEntry::canonicalJson).toList());
  }

  /** The current size and root. */
  public TreeHead head() {
    return store.head();
  }

  /** The root hash of the tree of the first {@code size} entries. */
  public byte[] rootAt(long size) {
    if (size == 0) {
      return Hashes.emptyRoot();
    }
    List<NodeId> ids = TreeMath.frontier(size);
    return TreeMath.fold(hashes(ids, fetch(ids, size)));
  }

  /** Entries with indexes in {@code [start, end)}, at most {@link #MAX_ENTRIES} of them. */
  public List<LogEntry> entries(long start, long end) {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad entry range [" + start + ", " + end + ")");
    }
    return store.entries(start, Math.min(end, start + MAX_ENTRIES));
  }

  /** The inclusion proof of entry {@code index} in the tree of size {@code treeSize}. */
  public InclusionProof inclusionProof(long index, long treeSize) {
    if (index < 0 || index >= treeSize) {
      throw new IllegalArgumentException(
          "entry " + index + " is not in a tree of size " + treeSize);
    }
    return new InclusionProof(
        index, treeSize, assemble(TreeMath.inclusion(index, treeSize), treeSize));
  }

  /**
   * The inclusion proof of the first entry with {@code leafHash} below {@code treeSize}, if any.
   */
  public Optional<InclusionProof> inclusionProofByLeafHash(byte[] leafHash, long treeSize) {
    if (!Hashes.isHash(leafHash)) {
      throw new IllegalArgumentException("a leaf hash is 32 bytes");
    }
    OptionalLong index = store.indexOf(leafHash, treeSize);
    return index.isPresent()
        ? Optional.of(inclusionProof(index.getAsLong(), treeSize))
        : Optional.empty();
  }

  /**
   * The consistency proof from the tree of size {@code first} to the one of size {@code second}.
   */
  public ConsistencyProof consistencyProof(long first, long second) {
    if (first < 0 || first > second) {
      throw new IllegalArgumentException(
          "no consistency proof from size " + first + " to size " + second);
    }
    return new ConsistencyProof(
        first, second, assemble(TreeMath.consistency(first, second), second));
  }

  private List<byte[]> assemble(List<TreeMath.Range> ranges, long treeSize) {
    List<List<NodeId>> covers = new ArrayList<>(ranges.size());
    Set<NodeId> all = new LinkedHashSet<>();
    for (TreeMath.Range r : ranges) {
      List<NodeId> cover = TreeMath.cover(r);
      covers.add(cover);
      all.addAll(cover);
    }
    Map<NodeId, byte[]> stored = fetch(all, treeSize);
    List<byte[]> path = new ArrayList<>(ranges.size());
    for (List<NodeId> cover : covers) {
      path.add(TreeMath.fold(hashes(cover, stored)));
    }
    return path;
  }

  private Map<NodeId, byte[]> fetch(java.util.Collection<NodeId> ids, long treeSize) {
    Map<NodeId, byte[]> stored = store.nodes(ids);
    if (stored.size() < new LinkedHashSet<>(ids).size()) {
      // Only now ask for the head: the common case needs one query, not two.
      long size = store.head().size();
      if (treeSize > size) {
        throw new IllegalArgumentException(
            "tree size " + treeSize + " is beyond the log's size " + size);
      }
      List<NodeId> missing = ids.stream().filter(id -> !stored.containsKey(id)).toList();
      throw new LedgerCorruptionException(
          "the log of size " + size + " lacks hashes " + missing, missing);
    }
    return stored;
  }

  private static List<byte[]> hashes(List<NodeId> ids, Map<NodeId, byte[]> stored) {
    return ids.stream().map(stored::get).toList();
  }
}
