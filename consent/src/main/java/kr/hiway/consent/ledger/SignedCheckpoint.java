package kr.hiway.consent.ledger;

import java.time.Instant;

/**
 * A checkpoint as issued: the parsed checkpoint, the full signed note text that is served, and when
 * it was issued.
 *
 * <p>Immutable and thread-safe; no component may be null.
 */
public record SignedCheckpoint(Checkpoint checkpoint, String note, Instant issuedAt) {

  public SignedCheckpoint {
    if (checkpoint == null || note == null || issuedAt == null) {
      throw new IllegalArgumentException("a signed checkpoint needs all of its parts");
    }
    if (!note.startsWith(checkpoint.body() + "\n")) {
      throw new IllegalArgumentException("the note does not carry this checkpoint");
    }
  }
}
