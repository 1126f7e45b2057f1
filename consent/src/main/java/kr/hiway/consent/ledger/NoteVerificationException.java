package kr.hiway.consent.ledger;

/**
 * A signed note was refused: malformed, signed by no key the verifier knows, or with a signature
 * that does not verify. It carries the note as received, as evidence.
 *
 * <p>Immutable.
 */
public final class NoteVerificationException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why a note was refused. */
  public enum Reason {
    /** Not a well-formed signed note, or its body is not a well-formed checkpoint. */
    MALFORMED,
    /** No signature line names the verifier's key (name and key hash). */
    UNKNOWN_KEY,
    /** A signature by the verifier's key does not verify over the text. */
    BAD_SIGNATURE
  }

  private final Reason reason;
  private final String note;

  public NoteVerificationException(Reason reason, String message, String note) {
    super(message);
    this.reason = reason;
    this.note = note == null ? "" : note;
  }

  public Reason reason() {
    return reason;
  }

  /** The note text as received. */
  public String note() {
    return note;
  }
}
