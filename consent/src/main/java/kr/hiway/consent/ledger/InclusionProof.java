package kr.hiway.consent.ledger;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An RFC 9162 inclusion proof (audit path): the sibling hashes, bottom first, that lead from leaf
 * {@code leafIndex} to the root of the tree of {@code treeSize} leaves.
 *
 * <p>Immutable: the path and its hashes are copied in and out, so the record is thread-safe. No
 * component may be null. Records compare arrays by identity, so compare proofs with {@link
 * #samePath}.
 */
public record InclusionProof(long leafIndex, long treeSize, List<byte[]> path) {

  public InclusionProof {
    if (leafIndex < 0 || treeSize < 0) {
      throw new IllegalArgumentException("negative leaf index or tree size");
    }
    path = copyOf(path);
  }

  @Override
  public List<byte[]> path() {
    return copyOf(path);
  }

  /** Whether both paths hold the same hashes in the same order. */
  public boolean samePath(List<byte[]> other) {
    return equalPaths(path, other);
  }

  static List<byte[]> copyOf(List<byte[]> path) {
    List<byte[]> copy = new ArrayList<>(path.size());
    for (byte[] h : path) {
      if (h == null) {
        throw new IllegalArgumentException("null hash in a proof");
      }
      copy.add(h.clone());
    }
    return Collections.unmodifiableList(copy);
  }

  static boolean equalPaths(List<byte[]> a, List<byte[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!java.util.Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Compares the hash bytes, not array identity. */
  @Override
  public boolean equals(Object o) {
    return o instanceof InclusionProof other
        && leafIndex == other.leafIndex
        && treeSize == other.treeSize
        && equalPaths(path, other.path);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        leafIndex, treeSize, path.stream().mapToInt(java.util.Arrays::hashCode).sum());
  }
}
