package kr.hiway.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import kr.hiway.consent.ledger.Checkpoint;
import kr.hiway.consent.ledger.CheckpointSigner;
import kr.hiway.consent.ledger.CosignatureVerifier;
import kr.hiway.consent.ledger.Cosigner;
import kr.hiway.consent.ledger.Hashes;
import kr.hiway.consent.ledger.NoteVerifier;
import kr.hiway.consent.ledger.ReferenceMerkleTree;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The witness as a log and a dishonest log would meet it: each rule of C2SP tlog-witness's
 * add-checkpoint, with real Merkle trees, signatures and consistency proofs.
 */
class WitnessTest {

  static final String ORIGIN = "hiway.test/consent-ledger";
  static final CheckpointSigner LOG = CheckpointSigner.generate(ORIGIN);
  static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");

  @TempDir Path folder;
  Cosigner key;
  Witness witness;
  List<byte[]> leaves;

  @BeforeEach
  void setUp() throws Exception {
    key = Cosigner.generate("witness.test/w1");
    witness =
        new Witness(
            key,
            Map.of(ORIGIN, NoteVerifier.of(LOG.verifierKey())),
            new WitnessStore(folder.resolve("logs")),
            Clock.fixed(NOW, ZoneOffset.UTC),
            folder.resolve("refused.log"));
    leaves = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      leaves.add(Hashes.leaf(("entry " + i).getBytes(StandardCharsets.UTF_8)));
    }
  }

  String note(List<byte[]> tree, int size) {
    return LOG.sign(new Checkpoint(ORIGIN, size, ReferenceMerkleTree.root(tree.subList(0, size))));
  }

  String request(long old, List<byte[]> proof, String note) {
    StringBuilder b = new StringBuilder("old ").append(old).append('\n');
    for (byte[] h : proof) {
      b.append(Base64.getEncoder().encodeToString(h)).append('\n');
    }
    return b.append('\n').append(note).toString();
  }

  Witness.Answer add(long old, int size) {
    List<byte[]> proof =
        old == 0 ? List.of() : ReferenceMerkleTree.consistencyProof(leaves, (int) old, size);
    return witness.addCheckpoint(request(old, proof, note(leaves, size)));
  }

  @Test
  void extendWhenEachCheckpointIsConsistentThenCosignedAndTheCosignatureVerifies()
      throws Exception {
    Witness.Answer first = add(0, 10);
    assertThat(first.status()).isEqualTo(200);
    Witness.Answer second = add(10, 25);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.body()).startsWith("\u2014 witness.test/w1 ").endsWith("\n");

    CosignatureVerifier verifier = CosignatureVerifier.of(key.verifierKey());
    OptionalLong time = verifier.verify(note(leaves, 25) + second.body());
    assertThat(time).hasValue(NOW.getEpochSecond());
    // Not a cosignature of another checkpoint.
    assertThat(verifier.verify(note(leaves, 24) + "\n".substring(1))).isEmpty();
  }

  @Test
  void staleOldSizeWhenSubmittedThen409WithTheSizeTheWitnessHolds() {
    assertThat(add(0, 10).status()).isEqualTo(200);
    Witness.Answer conflict = add(0, 12);
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.contentType()).isEqualTo("text/x.tlog.size");
    assertThat(conflict.body()).isEqualTo("10\n");
  }

  @Test
  void rollbackWhenAnOlderCheckpointIsReplayedThenRefused() {
    assertThat(add(0, 20).status()).isEqualTo(200);
    // The log (or whoever holds its key) goes back to 15: the old size must be 20 and 20 > 15.
    Witness.Answer replay = witness.addCheckpoint(request(20, List.of(), note(leaves, 15)));
    assertThat(replay.status()).isEqualTo(400);
    Witness.Answer fromScratch = add(0, 15);
    assertThat(fromScratch.status()).isEqualTo(409);
  }

  @Test
  void rewriteWhenAnEntryIsChangedAndHashesRecomputedThenTheProofFails() throws Exception {
    assertThat(add(0, 20).status()).isEqualTo(200);
    List<byte[]> forged = new ArrayList<>(leaves);
    forged.set(7, Hashes.leaf("a rewritten entry".getBytes(StandardCharsets.UTF_8)));
    Witness.Answer answer =
        witness.addCheckpoint(
            request(20, ReferenceMerkleTree.consistencyProof(forged, 20, 30), note(forged, 30)));
    assertThat(answer.status()).isEqualTo(422);
    // Same size, another root: refused too.
    Witness.Answer fork = witness.addCheckpoint(request(20, List.of(), note(forged, 20)));
    assertThat(fork.status()).isEqualTo(422);
    assertThat(Files.readString(folder.resolve("refused.log"))).contains(ORIGIN);
    // The honest log still goes on.
    assertThat(add(20, 30).status()).isEqualTo(200);
  }

  @Test
  void unknownLogOrForeignSignatureWhenSubmittedThen404Or403() {
    CheckpointSigner stranger = CheckpointSigner.generate("other.example/log");
    String unknown =
        stranger.sign(
            new Checkpoint("other.example/log", 1, ReferenceMerkleTree.root(leaves.subList(0, 1))));
    assertThat(witness.addCheckpoint(request(0, List.of(), unknown)).status()).isEqualTo(404);

    CheckpointSigner impostor = CheckpointSigner.generate(ORIGIN);
    String forged =
        impostor.sign(new Checkpoint(ORIGIN, 5, ReferenceMerkleTree.root(leaves.subList(0, 5))));
    assertThat(witness.addCheckpoint(request(0, List.of(), forged)).status()).isEqualTo(403);
  }

  @Test
  void malformedWhenSubmittedThen400() {
    assertThat(witness.addCheckpoint("old 1\n").status()).isEqualTo(400);
    assertThat(witness.addCheckpoint("old 01\n\n" + note(leaves, 3)).status()).isEqualTo(400);
    assertThat(witness.addCheckpoint("old 0\nnot base64!\n\n" + note(leaves, 3)).status())
        .isEqualTo(400);
    assertThat(witness.addCheckpoint("old 5\n\n" + note(leaves, 3)).status()).isEqualTo(400);
  }

  @Test
  void proofWhenGivenFromSizeZeroThen422() {
    Witness.Answer answer =
        witness.addCheckpoint(request(0, List.of(leaves.get(0)), note(leaves, 3)));
    assertThat(answer.status()).isEqualTo(422);
  }

  @Test
  void restartWhenTheWitnessComesBackThenItRemembersWhatItCosigned() throws Exception {
    assertThat(add(0, 10).status()).isEqualTo(200);
    Witness again =
        new Witness(
            key,
            Map.of(ORIGIN, NoteVerifier.of(LOG.verifierKey())),
            new WitnessStore(folder.resolve("logs")),
            Clock.systemUTC(),
            folder.resolve("refused.log"));
    assertThat(again.addCheckpoint(request(0, List.of(), note(leaves, 12))).body())
        .isEqualTo("10\n");
  }
}
