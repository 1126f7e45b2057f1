package kr.hiway.witness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import kr.hiway.consent.ledger.Checkpoint;
import kr.hiway.consent.ledger.Cosigner;
import kr.hiway.consent.ledger.Hashes;
import kr.hiway.consent.ledger.MerkleProofs;
import kr.hiway.consent.ledger.NoteVerificationException;
import kr.hiway.consent.ledger.NoteVerifier;
import kr.hiway.consent.ledger.ProofCheck;

/**
 * The witness protocol (C2SP tlog-witness, {@code add-checkpoint}): a log submits a new signed
 * checkpoint with a consistency proof from the size the witness last cosigned; the witness checks
 * the log's signature, that the old size is the one it holds (else 409 with its size), and the
 * proof (else 422), then records the new checkpoint and returns its cosignature (cosignature/v1,
 * Ed25519). A rolled-back, forked or rewritten log therefore never gets a cosignature again. The
 * check and the update of one log are atomic. Thread-safe.
 */
public final class Witness {

  /** An HTTP answer: status, content type and body. */
  public record Answer(int status, String contentType, String body) {
    static Answer text(int status, String body) {
      return new Answer(
          status, "text/plain; charset=utf-8", body.endsWith("\n") ? body : body + "\n");
    }
  }

  private static final int MAX_PROOF = 63;

  private final Cosigner key;
  private final Map<String, NoteVerifier> logs;
  private final WitnessStore store;
  private final Clock clock;
  private final Path refused;
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  /**
   * @param logs the logs this witness follows: origin to the verifier key of the log's signer
   * @param refused a file where checkpoints signed by a known log but refused are kept, as evidence
   */
  public Witness(
      Cosigner key, Map<String, NoteVerifier> logs, WitnessStore store, Clock clock, Path refused) {
    this.key = key;
    this.logs = Map.copyOf(logs);
    this.store = store;
    this.clock = clock;
    this.refused = refused;
  }

  /** The cosigner's verifier key, for the logs and their clients. */
  public String verifierKey() {
    return key.verifierKey();
  }

  /** Handles the body of {@code POST <prefix>/add-checkpoint}. */
  public Answer addCheckpoint(String body) {
    int blank = body.indexOf("\n\n");
    if (blank < 0) {
      return Answer.text(400, "no empty line between the old size and proof and the checkpoint");
    }
    String[] head = body.substring(0, blank).split("\n", -1);
    String note = body.substring(blank + 2);
    if (head.length == 0 || !head[0].matches("old (0|[1-9][0-9]{0,18})")) {
      return Answer.text(400, "the first line must be 'old <size>'");
    }
    long old;
    try {
      old = Long.parseLong(head[0].substring(4));
    } catch (NumberFormatException e) {
      return Answer.text(400, "old size out of range");
    }
    if (head.length - 1 > MAX_PROOF) {
      return Answer.text(400, "more than " + MAX_PROOF + " consistency proof lines");
    }
    List<byte[]> proof = new ArrayList<>();
    for (int i = 1; i < head.length; i++) {
      byte[] h;
      try {
        h = Base64.getDecoder().decode(head[i]);
      } catch (IllegalArgumentException e) {
        return Answer.text(400, "proof line " + i + " is not base64");
      }
      if (h.length != Hashes.SIZE) {
        return Answer.text(400, "proof line " + i + " is not a 32-byte hash");
      }
      proof.add(h);
    }
    int newline = note.indexOf('\n');
    if (newline <= 0) {
      return Answer.text(400, "no checkpoint");
    }
    String origin = note.substring(0, newline);
    NoteVerifier log = logs.get(origin);
    if (log == null) {
      return Answer.text(404, "unknown log " + origin);
    }
    String text;
    Checkpoint checkpoint;
    try {
      text = log.open(note);
      checkpoint = Checkpoint.parse(text);
    } catch (NoteVerificationException e) {
      return e.reason() == NoteVerificationException.Reason.MALFORMED
          ? Answer.text(400, e.getMessage())
          : Answer.text(403, e.getMessage());
    } catch (IllegalArgumentException e) {
      return Answer.text(400, "not a checkpoint: " + e.getMessage());
    }
    if (old > checkpoint.size()) {
      return Answer.text(400, "old size " + old + " is larger than the checkpoint's");
    }
    synchronized (locks.computeIfAbsent(origin, o -> new Object())) {
      try {
        return check(origin, old, proof, checkpoint, text, note);
      } catch (IOException e) {
        return Answer.text(500, "the witness could not read or write its state");
      }
    }
  }

  private Answer check(
      String origin, long old, List<byte[]> proof, Checkpoint checkpoint, String text, String note)
      throws IOException {
    Optional<WitnessStore.State> latest = store.latest(origin);
    long held = latest.map(WitnessStore.State::size).orElse(0L);
    if (old != held) {
      return new Answer(409, "text/x.tlog.size", held + "\n");
    }
    byte[] root = checkpoint.rootHash();
    if (checkpoint.size() == 0 && !Arrays.equals(root, Hashes.emptyRoot())) {
      return refuse(note, "a checkpoint of size 0 must have the empty tree's root");
    }
    if (old == 0) {
      if (!proof.isEmpty()) {
        return refuse(note, "no consistency proof is needed from size 0");
      }
    } else if (old == checkpoint.size()) {
      if (!proof.isEmpty() || !Arrays.equals(latest.orElseThrow().root(), root)) {
        return refuse(note, "same size as cosigned before, different root hash");
      }
    } else {
      ProofCheck check =
          MerkleProofs.verifyConsistency(
              old, checkpoint.size(), latest.orElseThrow().root(), root, proof);
      if (!check.valid()) {
        return refuse(note, "not consistent with the checkpoint of size " + old + ": " + check);
      }
    }
    store.record(origin, checkpoint.size(), root, note);
    // The whole signed text, extension lines included, as cosignature/v1 asks.
    String cosignature = key.cosign(text, clock.instant().getEpochSecond());
    return new Answer(200, "text/plain; charset=utf-8", cosignature);
  }

  /** 422, keeping the checkpoint (signed by the log) as evidence of its misbehaviour. */
  private Answer refuse(String note, String why) {
    try {
      Files.writeString(
          refused,
          "# " + clock.instant() + " " + why + "\n" + note + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      // The refusal stands; only its copy is lost.
    }
    return Answer.text(422, why);
  }
}
