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

  /** What a full run found, and the tree's right edge to start the next run from. */
  public record Full(Report report, List<byte[]> edge) {}

  /** Entries fetched per request in a full run: the API's page. */
  static final int PAGE = 1000;

  /**
   * Verifies the latest checkpoint (signature, consistency with {@code previous}, cosignatures of
   * at least {@code quorum} of the witnesses) and every entry since {@code previous} (all of them
   * on a first run): each entry's data is hashed again, checked against its served hash and built
   * into the tree, whose root must be the checkpoint's.
   *
   * @param previousEdge the right edge the last run ended with ({@link Full#edge}), or null to
   *     start from the first entry
   * @param witnessKeys the cosigner verifier keys of the trusted witnesses
   */
  public static Full verifyAll(
      LedgerSource source,
      String verifierKey,
      Checkpoint previous,
      List<byte[]> previousEdge,
      List<String> witnessKeys,
      int quorum) {
    Report base = verify(source, verifierKey, previous, size -> List.of());
    if (base.checkpoint().isEmpty() || !base.ok()) {
      return new Full(base, previousEdge);
    }
    Checkpoint latest = base.checkpoint().get();
    List<Finding> findings = new ArrayList<>(base.findings());
    if (quorum > 0) {
      int cosigned = 0;
      for (String k : witnessKeys) {
        try {
          if (kr.hiway.consent.ledger.CosignatureVerifier.of(k).verify(base.note()).isPresent()) {
            cosigned++;
          }
        } catch (NoteVerificationException e) {
          findings.add(
              new Finding.SignatureRejected(
                  "a witness cosignature does not verify: " + e.getMessage(),
                  e.reason(),
                  base.note()));
        }
      }
      findings.add(
          cosigned >= quorum
              ? new Finding.Passed(
                  cosigned + " of " + witnessKeys.size() + " witnesses cosigned it")
              : new Finding.NoQuorum(
                  "only " + cosigned + " of the " + quorum + " witness cosignatures required",
                  cosigned,
                  quorum));
    }
    kr.hiway.consent.ledger.TreeBuilder tree =
        previous != null && previousEdge != null
            ? kr.hiway.consent.ledger.TreeBuilder.of(previous.size(), previousEdge)
            : kr.hiway.consent.ledger.TreeBuilder.empty();
    long first = tree.size();
    int bad = 0;
    try {
      for (long start = first; start < latest.size(); start += PAGE) {
        long end = Math.min(latest.size(), start + PAGE);
        List<LogEntry> page = source.entries(start, end);
        long expected = start;
        for (LogEntry e : page) {
          if (e.index() != expected) {
            findings.add(
                new Finding.WrongTree(
                    "entry " + expected + " was not served (got " + e.index() + ")", latest, null));
            return new Full(new Report(Optional.of(latest), base.note(), findings), previousEdge);
          }
          byte[] leaf = Hashes.leaf(e.data());
          if (!java.util.Arrays.equals(leaf, e.leafHash()) && bad++ < 1000) {
            findings.add(
                new Finding.BadEntry(
                    "entry " + e.index() + ": the served leaf hash is not the hash of its data",
                    e));
          }
          tree.add(leaf);
          expected++;
        }
        if (expected != end) {
          findings.add(
              new Finding.WrongTree(
                  "entries " + expected + " to " + (end - 1) + " were not served", latest, null));
          return new Full(new Report(Optional.of(latest), base.note(), findings), previousEdge);
        }
      }
    } catch (IOException e) {
      findings.add(new Finding.Unavailable("could not fetch the entries: " + e.getMessage()));
      return new Full(new Report(Optional.of(latest), base.note(), findings), previousEdge);
    }
    if (!java.util.Arrays.equals(tree.root(), latest.rootHash())) {
      findings.add(
          new Finding.WrongTree(
              "the "
                  + (latest.size() - first)
                  + " entries from "
                  + first
                  + " do not make the checkpoint's tree: an entry was changed, swapped, added or"
                  + " removed",
              latest,
              tree.root()));
    } else {
      findings.add(
          new Finding.Passed(
              "every entry from "
                  + first
                  + " to "
                  + (latest.size() - 1)
                  + " hashed again: they make the checkpoint's tree"));
    }
    return new Full(new Report(Optional.of(latest), base.note(), findings), tree.edge());
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
