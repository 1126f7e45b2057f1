package kr.hiway.consent.ledger;

import java.util.List;

/**
 * The store lacks hashes that a tree of a size it has already reached must have: rows were deleted
 * or the database was tampered with. It names the missing nodes as evidence.
 *
 * <p>Immutable.
 */
public final class LedgerCorruptionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<NodeId> missing;

  public LedgerCorruptionException(String message, List<NodeId> missing) {
    super(message);
    this.missing = List.copyOf(missing);
  }

  /** The nodes that should be stored and are not. */
  public List<NodeId> missing() {
    return missing;
  }
}
