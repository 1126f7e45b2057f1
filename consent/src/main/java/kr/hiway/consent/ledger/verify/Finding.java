package kr.hiway.consent.ledger.verify;

import kr.hiway.consent.ledger.Checkpoint;
import kr.hiway.consent.ledger.ConsistencyProof;
import kr.hiway.consent.ledger.InclusionProof;
import kr.hiway.consent.ledger.LogEntry;
import kr.hiway.consent.ledger.NoteVerificationException;

/**
 * One result of a verification run: a check that passed, or a failure with its evidence.
 *
 * <p>Immutable and thread-safe. {@link #message()} is never null; evidence components are null only
 * where documented (when the source could not produce them).
 */
public sealed interface Finding {

  /** One line saying what was checked and what came of it. */
  String message();

  /** Whether this is a failure. */
  default boolean failed() {
    return !(this instanceof Passed);
  }

  /** A check that held. */
  record Passed(String message) implements Finding {}

  /** The source could not be asked at all (network, server error). */
  record Unavailable(String message) implements Finding {}

  /** The checkpoint note was refused; {@code note} is what the source served. */
  record SignatureRejected(String message, NoteVerificationException.Reason reason, String note)
      implements Finding {}

  /**
   * The latest checkpoint does not extend the earlier one. {@code proof} is null when the source
   * produced none.
   */
  record Inconsistent(String message, Checkpoint earlier, Checkpoint latest, ConsistencyProof proof)
      implements Finding {}

  /**
   * An entry could not be shown to be in the checkpoint's tree. {@code entry} is null when the
   * source did not serve it and {@code proof} when it served no proof.
   */
  record NotIncluded(
      String message, long index, Checkpoint checkpoint, LogEntry entry, InclusionProof proof)
      implements Finding {}

  /**
   * An entry as served is wrong in itself: its leaf hash is not the hash of its data, or its data
   * is not canonical JSON.
   */
  record BadEntry(String message, LogEntry entry) implements Finding {}

  /**
   * The entries served, hashed again and built into a tree, do not make the checkpoint's root: an
   * entry was changed (with its hash), swapped, inserted or removed.
   */
  record WrongTree(String message, Checkpoint checkpoint, byte[] recomputedRoot)
      implements Finding {}

  /** The checkpoint does not carry the cosignatures of enough of the trusted witnesses. */
  record NoQuorum(String message, int cosigned, int required) implements Finding {}
}
