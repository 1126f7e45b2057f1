package kr.hiway.consent.ledger;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Issues signed checkpoints of the ledger and keeps them in the store.
 *
 * <p>Before signing, it audits its own log cheaply (O(log n) hashes): the head's root must equal
 * the root assembled from stored subtree hashes, and the new tree must be consistent with the last
 * checkpoint issued. A tampered database therefore makes issuing fail loudly instead of putting the
 * operator's signature on a forked history.
 *
 * <p>Thread-safe. Arguments must not be null. Concurrent {@link #issue()} calls from several
 * instances are harmless: each signs a true head.
 */
public final class Checkpointer {

  private final Ledger ledger;
  private final CheckpointSigner signer;
  private final String origin;
  private final Clock clock;

  /**
   * @param origin the log's origin line, conventionally a schema-less URL such as {@code
   *     hiway.example.kr/consent-ledger}
   */
  public Checkpointer(Ledger ledger, CheckpointSigner signer, String origin, Clock clock) {
    this.ledger = ledger;
    this.signer = signer;
    this.origin = origin;
    this.clock = clock;
    new Checkpoint(origin, 0, Hashes.emptyRoot()); // validates the origin now, not at first use
  }

  /**
   * Signs the current head, stores and returns it. The issue time is kept to microseconds, the
   * resolution of the database.
   *
   * @throws LedgerCorruptionException if stored hashes are missing or disagree with the head
   * @throws InconsistentLogException if the head does not extend the last issued checkpoint
   */
  public SignedCheckpoint issue() {
    TreeHead head = ledger.head();
    Checkpoint next = new Checkpoint(origin, head.size(), head.rootHash());
    if (!Hashes.same(ledger.rootAt(head.size()), head.rootHash())) {
      throw new LedgerCorruptionException(
          "the stored head root of size " + head.size() + " disagrees with the stored tree",
          java.util.List.of());
    }
    Optional<SignedCheckpoint> last = ledger.store().latestCheckpoint();
    if (last.isPresent()) {
      checkExtends(last.get().checkpoint(), next);
    }
    SignedCheckpoint signed =
        new SignedCheckpoint(
            next, signer.sign(next), clock.instant().truncatedTo(ChronoUnit.MICROS));
    ledger.store().saveCheckpoint(signed);
    return signed;
  }

  /** The checkpoint issued last, if any. */
  public Optional<SignedCheckpoint> latest() {
    return ledger.store().latestCheckpoint();
  }

  private void checkExtends(Checkpoint earlier, Checkpoint next) {
    if (!earlier.origin().equals(next.origin())) {
      return; // another log's checkpoint (the origin changed): nothing to compare against
    }
    if (next.size() < earlier.size()) {
      throw new InconsistentLogException(earlier, next, null, "the log shrank");
    }
    ConsistencyProof proof;
    try {
      proof = ledger.consistencyProof(earlier.size(), next.size());
    } catch (LedgerCorruptionException e) {
      throw new InconsistentLogException(earlier, next, null, e.getMessage());
    }
    ProofCheck check =
        MerkleProofs.verifyConsistency(
            earlier.size(), next.size(), earlier.rootHash(), next.rootHash(), proof.path());
    if (check instanceof ProofCheck.Invalid(String reason)) {
      throw new InconsistentLogException(earlier, next, proof, reason);
    }
  }
}
