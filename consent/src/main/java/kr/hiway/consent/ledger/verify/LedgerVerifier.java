package kr.hiway.consent.ledger.verify;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.LongFunction;
import kr.hiway.consent.ledger.CanonicalJson;
import kr.hiway.consent.ledger.Checkpoint;
import kr.hiway.consent.ledger.ConsistencyProof;
import kr.hiway.consent.ledger.Hashes;
import kr.hiway.consent.ledger.InclusionProof;
import kr.hiway.consent.ledger.LogEntry;
import kr.hiway.consent.ledger.MerkleProofs;
import kr.hiway.consent.ledger.NoteVerificationException;
import kr.hiway.consent.ledger.NoteVerifier;
import kr.hiway.consent.ledger.ProofCheck;

/**
 * Verifies the consent ledger from the outside, trusting only a verifier key: the latest
 * checkpoint's signature, its consistency with a checkpoint seen earlier, and the inclusion of
 * chosen entries (recomputing each leaf hash from the entry's data).
 *
 * <p>Use {@link #verify} directly (tests, the regulator's tools) or run {@link #main} as a command
 * line tool against the HTTP API documented on {@link HttpLedgerSource}:
 *
 * <pre>
 * java kr.hiway.consent.ledger.verify.LedgerVerifier --url BASE --key VERIFIER_KEY
 *     [--state FILE] [--check I,J,...] [--sample N] [--timeout SECONDS]
 * </pre>
 *
 * <p>{@code --state} keeps the last accepted checkpoint (a signed note): the new one must be
 * consistent with it, and replaces it only when every check passed. Without {@code --check}, eight
 * random entries and the newest are checked. Exit status 0 verified, 1 a check failed, 2 bad usage
 * or unreadable state. Stateless and thread-safe; arguments must not be null except {@code
 * previous}, which is null on a first run.
 */
public final class LedgerVerifier {

  private LedgerVerifier() {}

  /** Runs the command line verifier; see {@link VerifierCli} for its arguments. */
  public static void main(String[] args) {
    System.exit(VerifierCli.run(args, System.out, System.err));
  }

  /**
   * Verifies the source's latest checkpoint and the inclusion of the given entries.
   *
   * @param verifierKey the log's note verifier key, {@code name+hash+base64}
   * @param previous a checkpoint verified earlier, or null
   * @throws IllegalArgumentException if the verifier key is malformed
   */
  public static Report verify(
      LedgerSource source, String verifierKey, Checkpoint previous, Collection<Long> indexes) {
    List<Long> chosen = List.copyOf(indexes);
    return verify(source, verifierKey, previous, size -> chosen);
  }

  /** As {@link #verify(LedgerSource, String, Checkpoint, Collection)}, choosing entries by size. */
  public static Report verify(
      LedgerSource source,
      String verifierKey,
      Checkpoint previous,
      LongFunction<Collection<Long>> chooseIndexes) {
    NoteVerifier verifier = NoteVerifier.of(verifierKey);
    List<Finding> findings = new ArrayList<>();
    String note;
    try {
      note = source.latestCheckpoint();
    } catch (IOException e) {
      findings.add(new Finding.Unavailable("could not fetch the checkpoint: " + e.getMessage()));
      return new Report(Optional.empty(), "", findings);
    }
    Checkpoint latest;
    try {
      latest = verifier.openCheckpoint(note);
    } catch (NoteVerificationException e) {
      findings.add(
          new Finding.SignatureRejected(
              "checkpoint signature invalid: " + e.getMessage(), e.reason(), note));
      return new Report(Optional.empty(), note, findings);
    }
    findings.add(
        new Finding.Passed(
            "checkpoint of size "
                + latest.size()
                + " signed by "
                + verifier.keyId()
                + " (origin "
                + latest.origin()
                + ")"));
    if (previous != null) {
      findings.add(consistency(source, previous, latest));
    }
    for (long index : new TreeSet<>(chooseIndexes.apply(latest.size()))) {
      findings.addAll(inclusion(source, latest, index));
    }
    return new Report(Optional.of(latest), note, findings);
  }

  static Finding consistency(LedgerSource source, Checkpoint earlier, Checkpoint latest) {
    String failure =
        "checkpoint "
            + latest.size()
            + " is not consistent with earlier checkpoint "
            + earlier.size()
            + ": ";
    if (!earlier.origin().equals(latest.origin())) {
      return new Finding.Inconsistent(
          failure + "origin changed from " + earlier.origin() + " to " + latest.origin(),
          earlier,
          latest,
          null);
    }
    if (latest.size() < earlier.size()) {
      return new Finding.Inconsistent(failure + "the log shrank (rollback)", earlier, latest, null);
    }
    ConsistencyProof proof;
    if (latest.size() == earlier.size()) {
      proof = new ConsistencyProof(earlier.size(), latest.size(), List.of());
    } else {
      try {
        proof = source.consistencyProof(earlier.size(), latest.size());
      } catch (IOException e) {
        return new Finding.Inconsistent(
            failure + "no consistency proof (" + e.getMessage() + ")", earlier, latest, null);
      }
      if (proof.first() != earlier.size() || proof.second() != latest.size()) {
        return new Finding.Inconsistent(
            failure + "the proof is for sizes " + proof.first() + " and " + proof.second(),
            earlier,
            latest,
            proof);
      }
    }
    ProofCheck check =
        MerkleProofs.verifyConsistency(
            earlier.size(), latest.size(), earlier.rootHash(), latest.rootHash(), proof.path());
    if (check instanceof ProofCheck.Invalid(String reason)) {
      return new Finding.Inconsistent(failure + reason, earlier, latest, proof);
    }
    return new Finding.Passed(
        "checkpoint " + latest.size() + " is consistent with earlier checkpoint " + earlier.size());
  }

  static List<Finding> inclusion(LedgerSource source, Checkpoint checkpoint, long index) {
    String failure = "entry " + index + " not included in tree of size " + checkpoint.size() + ": ";
    if (index < 0 || index >= checkpoint.size()) {
      return List.of(
          new Finding.NotIncluded(failure + "beyond the tree", index, checkpoint, null, null));
    }
    LogEntry entry;
    try {
      entry =
          source.entries(index, index + 1).stream()
              .filter(e -> e.index() == index)
              .findFirst()
              .orElse(null);
    } catch (IOException e) {
      return List.of(
          new Finding.Unavailable("could not fetch entry " + index + ": " + e.getMessage()));
    }
    if (entry == null) {
      return List.of(
          new Finding.NotIncluded(
              failure + "the log does not serve it", index, checkpoint, null, null));
    }
    List<Finding> out = new ArrayList<>(2);
    byte[] leafHash = Hashes.leaf(entry.data());
    if (!java.util.Arrays.equals(leafHash, entry.leafHash())) {
      out.add(
          new Finding.BadEntry(
              "entry " + index + ": the served leaf hash is not the hash of its data", entry));
    }
    if (!CanonicalJson.isCanonical(entry.data())) {
      out.add(new Finding.BadEntry("entry " + index + ": data is not canonical JSON", entry));
    }
    InclusionProof proof;
    try {
      proof = source.inclusionProof(index, checkpoint.size());
    } catch (IOException e) {
      out.add(
          new Finding.NotIncluded(
              failure + "no inclusion proof (" + e.getMessage() + ")",
              index,
              checkpoint,
              entry,
              null));
      return out;
    }
    ProofCheck check =
        proof.leafIndex() != index || proof.treeSize() != checkpoint.size()
            ? new ProofCheck.Invalid(
                "the proof is for entry " + proof.leafIndex() + " of size " + proof.treeSize())
            : MerkleProofs.verifyInclusion(
                index, checkpoint.size(), leafHash, proof.path(), checkpoint.rootHash());
    if (check instanceof ProofCheck.Invalid(String reason)) {
      out.add(new Finding.NotIncluded(failure + reason, index, checkpoint, entry, proof));
    } else {
      out.add(
          new Finding.Passed("entry " + index + " included in tree of size " + checkpoint.size()));
    }
    return out;
  }
}
