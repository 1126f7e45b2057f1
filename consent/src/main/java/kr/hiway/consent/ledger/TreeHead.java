package kr.hiway.consent.ledger;

/**
 * The size and root hash of the log at one moment. The empty log has size 0 and {@link
 * Hashes#emptyRoot()}.
 *
 * <p>Immutable and thread-safe; the hash is copied in and out and is never null.
 */
public record TreeHead(long size, byte[] rootHash) {

  public TreeHead {
    if (size < 0 || !Hashes.isHash(rootHash)) {
      throw new IllegalArgumentException("a tree head needs a size >= 0 and a 32-byte root");
    }
    rootHash = rootHash.clone();
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  static TreeHead empty() {
    return new TreeHead(0, Hashes.emptyRoot());
  }

  @Override
  public String toString() {
    return "TreeHead[size=" + size + ", root=" + Hashes.hex(rootHash) + "]";
  }

  /** Compares the hash bytes, not array identity. */
  @Override
  public boolean equals(Object o) {
    return o instanceof TreeHead other
        && size == other.size
        && java.util.Arrays.equals(rootHash, other.rootHash);
  }

  @Override
  public int hashCode() {
    return 31 * Long.hashCode(size) + java.util.Arrays.hashCode(rootHash);
  }
}
