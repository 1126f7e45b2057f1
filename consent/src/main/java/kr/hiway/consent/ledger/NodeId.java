package kr.hiway.consent.ledger;

/**
 * A complete ("perfect") subtree of the log: the {@code index}-th run of {@code 2^level} leaves,
 * covering leaf indexes {@code [index * 2^level, (index + 1) * 2^level)}. Level 0 is a leaf.
 *
 * <p>Once the log has {@link #end()} leaves the hash of such a subtree never changes, which is why
 * it can be stored once, when it completes, and read by every later proof.
 */
public record NodeId(int level, long index) {

  public NodeId {
    if (level < 0 || level > 62 || index < 0 || index > (Long.MAX_VALUE >> level) - 1) {
      throw new IllegalArgumentException("no such node: level " + level + ", index " + index);
    }
  }

  /** The first leaf index it covers. */
  public long start() {
    return index << level;
  }

  /** One past the last leaf index it covers. */
  public long end() {
    return (index + 1) << level;
  }

  /** The parent node, whose left or right child this is. */
  NodeId parent() {
    return new NodeId(level + 1, index >> 1);
  }
}
