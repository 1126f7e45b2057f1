package kr.hiway.consent.ledger;

/**
 * Two checkpoints of one log cannot both be true: the later tree does not extend the earlier one.
 * It holds both checkpoints, the consistency proof that failed (null if none could be produced) and
 * the reason, which is the evidence a regulator needs.
 *
 * <p>Immutable.
 */
public final class InconsistentLogException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Checkpoint earlier;
  private final transient Checkpoint later;
  private final transient ConsistencyProof proof;
  private final String reason;

  public InconsistentLogException(
      Checkpoint earlier, Checkpoint later, ConsistencyProof proof, String reason) {
    super(
        "checkpoint "
            + later.size()
            + " is not consistent with earlier checkpoint "
            + earlier.size()
            + ": "
            + reason);
    this.earlier = earlier;
    this.later = later;
    this.proof = proof;
    this.reason = reason;
  }

  public Checkpoint earlier() {
    return earlier;
  }

  public Checkpoint later() {
    return later;
  }

  /** The proof that failed to verify, or null when none could be produced. */
  public ConsistencyProof proof() {
    return proof;
  }

  public String reason() {
    return reason;
  }
}
