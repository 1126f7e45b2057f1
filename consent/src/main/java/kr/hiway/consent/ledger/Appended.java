package kr.hiway.consent.ledger;

/**
 * An acknowledged append: the entry is committed at {@code index} with {@code leafHash}, and stays
 * there for good.
 *
 * <p>Immutable and thread-safe; the hash is copied in and out and is never null.
 */
public record Appended(long index, byte[] leafHash) {

  public Appended {
    if (index < 0 || !Hashes.isHash(leafHash)) {
      throw new IllegalArgumentException("an append needs an index >= 0 and a 32-byte leaf hash");
    }
    leafHash = leafHash.clone();
  }

  @Override
  public byte[] leafHash() {
    return leafHash.clone();
  }

  @Override
  public String toString() {
    return "Appended[index=" + index + ", leafHash=" + Hashes.hex(leafHash) + "]";
  }

  /** Compares the hash bytes, not array identity. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Appended other
        && index == other.index
        && java.util.Arrays.equals(leafHash, other.leafHash);
  }

  @Override
  public int hashCode() {
    return 31 * Long.hashCode(index) + java.util.Arrays.hashCode(leafHash);
  }
}
