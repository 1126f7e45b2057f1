package kr.hiway.consent.ledger;

/**
 * One entry as the log holds it: its index, its leaf hash as stored, and its leaf data (canonical
 * JSON of a {@link LedgerEntry}).
 *
 * <p>Immutable and thread-safe; arrays are copied in and out and are never null. The stored hash is
 * what the operator claims: a verifier recomputes it from {@link #data()}.
 */
public record LogEntry(long index, byte[] leafHash, byte[] data) {

  public LogEntry {
    if (index < 0 || leafHash == null || data == null) {
      throw new IllegalArgumentException("an entry needs an index >= 0, a hash and data");
    }
    leafHash = leafHash.clone();
    data = data.clone();
  }

  @Override
  public byte[] leafHash() {
    return leafHash.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public String toString() {
    return "LogEntry[index=" + index + ", leafHash=" + Hashes.hex(leafHash) + "]";
  }

  /** Compares the hash bytes, not array identity. */
  @Override
  public boolean equals(Object o) {
    return o instanceof LogEntry other
        && index == other.index
        && java.util.Arrays.equals(leafHash, other.leafHash)
        && java.util.Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        index, java.util.Arrays.hashCode(leafHash), java.util.Arrays.hashCode(data));
  }
}
