package kr.hiway.consent.ledger;

import java.util.List;

/**
 * An RFC 9162 consistency proof: the hashes that show the tree of {@code first} leaves is a prefix
 * of the tree of {@code second} leaves.
 *
 * <p>Immutable and thread-safe (hashes are copied in and out). No component may be null; compare
 * proofs with {@link #samePath}.
 */
public record ConsistencyProof(long first, long second, List<byte[]> path) {

  public ConsistencyProof {
    if (first < 0 || second < 0) {
      throw new IllegalArgumentException("negative tree size");
    }
    path = InclusionProof.copyOf(path);
  }

  @Override
  public List<byte[]> path() {
    return InclusionProof.copyOf(path);
  }

  /** Whether both paths hold the same hashes in the same order. */
  public boolean samePath(List<byte[]> other) {
    return InclusionProof.equalPaths(path, other);
  }

  /** Compares the hash bytes, not array identity. */
  @Override
  public boolean equals(Object o) {
    return o instanceof ConsistencyProof other
        && first == other.first
        && second == other.second
        && InclusionProof.equalPaths(path, other.path);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        first, second, path.stream().mapToInt(java.util.Arrays::hashCode).sum());
  }
}
