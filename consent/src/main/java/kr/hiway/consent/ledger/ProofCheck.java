package kr.hiway.consent.ledger;

/**
 * The outcome of checking a Merkle proof: {@link Valid}, or {@link Invalid} with the reason.
 *
 * <p>Immutable and thread-safe; the reason is never null.
 */
public sealed interface ProofCheck {

  /** Whether the proof held. */
  default boolean valid() {
    return this instanceof Valid;
  }

  /** The proof held. */
  record Valid() implements ProofCheck {}

  /** The proof did not hold, and why, e.g. {@code "root mismatch"}. */
  record Invalid(String reason) implements ProofCheck {
    public Invalid {
      if (reason == null || reason.isBlank()) {
        throw new IllegalArgumentException("an invalid proof needs a reason");
      }
    }
  }

  static ProofCheck ok() {
    return new Valid();
  }

  static ProofCheck fail(String reason) {
    return new Invalid(reason);
  }
}
