package kr.hiway.consent.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LedgerCheckpointTest {

  private static final Properties PETER = peter();
  private static final String PETER_TEXT =
      "If you think cryptography is the answer to your problem,\n"
          + "then you don't know what your problem is.\n";
  private static final byte[] SEED = new byte[32];
  private static final CheckpointSigner SIGNER =
      CheckpointSigner.fromSeed("hiway.test/ledger", SEED);
  private static final Checkpoint CHECKPOINT =
      new Checkpoint("hiway.test/ledger", 100, Hashes.leaf("root".getBytes(UTF_8)));

  private static Properties peter() {
    Properties p = new Properties();
    try {
      p.load(
          new StringReader(
              new String(LedgerTestData.resource("note/peterneumann.properties"), UTF_8)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return p;
  }

  private static String note(String name) {
    return new String(LedgerTestData.resource("note/" + name), UTF_8);
  }

  @Test
  void signNoteWhenPeterNeumannKeyThenGoSumdbSignature() {
    CheckpointSigner signer = CheckpointSigner.parse(PETER.getProperty("privateKey"));
    assertThat(signer.verifierKey()).isEqualTo(PETER.getProperty("verifierKey"));
    assertThat(signer.privateKey()).isEqualTo(PETER.getProperty("privateKey"));
    assertThat(signer.signNote(PETER_TEXT)).isEqualTo(note("peterneumann.note"));
  }

  @Test
  void openWhenPeterNeumannNoteThenAccepted() throws Exception {
    NoteVerifier verifier = NoteVerifier.of(PETER.getProperty("verifierKey"));
    assertThat(verifier.keyId()).isEqualTo("PeterNeumann+c74f20a3");
    assertThat(verifier.open(note("peterneumann.note"))).isEqualTo(PETER_TEXT);
    // A cosignature by a key this verifier does not know is ignored, not an error.
    assertThat(verifier.open(note("peter-and-enoch.note"))).isEqualTo(PETER_TEXT);
  }

  @Test
  void openWhenOnlyUnknownKeySignedThenUnknownKey() {
    NoteVerifier enoch = NoteVerifier.of(PETER.getProperty("enochVerifierKey"));
    assertThatThrownBy(() -> enoch.open(note("peterneumann.note")))
        .isInstanceOfSatisfying(
            NoteVerificationException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(NoteVerificationException.Reason.UNKNOWN_KEY);
              assertThat(e.note()).isEqualTo(note("peterneumann.note"));
            });
  }

  @Test
  void openCheckpointWhenSignedByUsThenSameCheckpoint() throws Exception {
    String note = SIGNER.sign(CHECKPOINT);
    assertThat(note)
        .startsWith(
            "hiway.test/ledger\n100\n"
                + java.util.Base64.getEncoder().encodeToString(CHECKPOINT.rootHash())
                + "\n\n\u2014 hiway.test/ledger ");
    Checkpoint opened = NoteVerifier.of(SIGNER.verifierKey()).openCheckpoint(note);
    assertThat(opened.sameAs(CHECKPOINT)).isTrue();
  }

  @Test
  void openCheckpointWhenSignedWithWrongKeyOfSameNameThenUnknownKey() {
    CheckpointSigner impostor = CheckpointSigner.generate("hiway.test/ledger");
    String forged = impostor.sign(CHECKPOINT);
    assertThatThrownBy(() -> NoteVerifier.of(SIGNER.verifierKey()).openCheckpoint(forged))
        .isInstanceOfSatisfying(
            NoteVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(NoteVerificationException.Reason.UNKNOWN_KEY));
  }

  static Stream<Arguments> tamperedNotes() {
    String good = SIGNER.sign(CHECKPOINT);
    String sig = good.substring(good.indexOf("\u2014"));
    String b64 = sig.substring(sig.lastIndexOf(' ') + 1, sig.length() - 1);
    char c = b64.charAt(20);
    String badSig =
        sig.replace(b64, b64.substring(0, 20) + (c == 'A' ? 'B' : 'A') + b64.substring(21));
    String body = CHECKPOINT.body();
    return Stream.of(
        Arguments.of(
            "altered size",
            good.replace("\n100\n", "\n101\n"),
            NoteVerificationException.Reason.BAD_SIGNATURE),
        Arguments.of(
            "altered origin",
            good.replaceFirst("hiway.test/ledger\n", "hiway.test/ledgex\n"),
            NoteVerificationException.Reason.BAD_SIGNATURE),
        Arguments.of(
            "bad signature", body + "\n" + badSig, NoteVerificationException.Reason.BAD_SIGNATURE),
        Arguments.of(
            "unknown key name",
            body + "\n" + sig.replace("hiway.test/ledger", "someone.else"),
            NoteVerificationException.Reason.UNKNOWN_KEY),
        Arguments.of("no signatures", body + "\n", NoteVerificationException.Reason.MALFORMED),
        Arguments.of("no blank line", body + sig, NoteVerificationException.Reason.MALFORMED),
        Arguments.of(
            "signature without newline",
            good.substring(0, good.length() - 1),
            NoteVerificationException.Reason.MALFORMED),
        Arguments.of(
            "ASCII dash", good.replace("\u2014", "-"), NoteVerificationException.Reason.MALFORMED),
        Arguments.of(
            "trailing garbage line",
            good + "Unexpected line.\n",
            NoteVerificationException.Reason.MALFORMED),
        Arguments.of(
            "control character", "\u0001" + good, NoteVerificationException.Reason.MALFORMED),
        Arguments.of(
            "signature not base64",
            body + "\n\u2014 hiway.test/ledger !!!!\n",
            NoteVerificationException.Reason.MALFORMED),
        Arguments.of(
            "body not a checkpoint",
            SIGNER.signNote("hiway.test/ledger\nnot-a-number\nAAAA\n"),
            NoteVerificationException.Reason.MALFORMED),
        Arguments.of(
            "size with leading zero",
            SIGNER.signNote(
                "hiway.test/ledger\n0100\n"
                    + java.util.Base64.getEncoder().encodeToString(CHECKPOINT.rootHash())
                    + "\n"),
            NoteVerificationException.Reason.MALFORMED),
        Arguments.of(
            "too many signatures",
            body + "\n" + sig.repeat(101),
            NoteVerificationException.Reason.MALFORMED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tamperedNotes")
  void openCheckpointWhenNoteTamperedThenRefusedWithReason(
      String name, String note, NoteVerificationException.Reason reason) {
    assertThatThrownBy(() -> NoteVerifier.of(SIGNER.verifierKey()).openCheckpoint(note))
        .isInstanceOfSatisfying(
            NoteVerificationException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TX",
        "PeterNeumann+c74f20a3",
        "PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==",
        "PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
      })
  void verifierKeyWhenMangledThenRefused(String key) {
    assertThatThrownBy(() -> NoteVerifier.of(key)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "o\n1\n",
        "o\n1\nAAAA\n",
        "o\n-1\nbjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\n",
        "o\n1\nbjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=",
        "\n1\nbjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\n",
        "o\n99999999999999999999\nbjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\n"
      })
  void parseWhenCheckpointBodyMalformedThenRefused(String body) {
    assertThatThrownBy(() -> Checkpoint.parse(body)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parseWhenExtensionLinesThenIgnored() {
    Checkpoint c = Checkpoint.parse(CHECKPOINT.body() + "extension line\n");
    assertThat(c.sameAs(CHECKPOINT)).isTrue();
  }

  @Test
  void issueWhenEntriesAppendedThenStoredAndLatest() throws Exception {
    Ledger ledger = new Ledger(new InMemoryLedgerStore());
    Clock clock = Clock.fixed(Instant.parse("2026-03-02T00:00:00Z"), ZoneOffset.UTC);
    Checkpointer checkpointer = new Checkpointer(ledger, SIGNER, "hiway.test/ledger", clock);
    ledger.appendAll(java.util.List.of(LedgerTestData.entry(0), LedgerTestData.entry(1)));
    SignedCheckpoint first = checkpointer.issue();
    ledger.append(LedgerTestData.entry(2));
    SignedCheckpoint second = checkpointer.issue();

    assertThat(first.checkpoint().size()).isEqualTo(2);
    assertThat(second.checkpoint().size()).isEqualTo(3);
    assertThat(checkpointer.latest()).contains(second);
    assertThat(ledger.store().checkpoints(0, 10)).containsExactly(first, second);
    assertThat(NoteVerifier.of(SIGNER.verifierKey()).openCheckpoint(second.note()).rootHash())
        .isEqualTo(ledger.head().rootHash());
    assertThat(second.issuedAt()).isEqualTo(clock.instant());
  }

  @Test
  void issueWhenHistoryRewrittenThenRefusesToSignForkWithEvidence() {
    Ledger honest = new Ledger(new InMemoryLedgerStore());
    honest.appendAll(java.util.List.of(LedgerTestData.entry(0), LedgerTestData.entry(1)));
    SignedCheckpoint issued =
        new Checkpointer(honest, SIGNER, "hiway.test/ledger", Clock.systemUTC()).issue();
    // The same database after someone replaced entry 0 and recomputed every hash above it.
    InMemoryLedgerStore rewritten = new InMemoryLedgerStore();
    rewritten.append(
        java.util.List.of(
            LedgerTestData.entry(9).canonicalJson(),
            LedgerTestData.entry(1).canonicalJson(),
            LedgerTestData.entry(2).canonicalJson()));
    rewritten.saveCheckpoint(issued);
    Checkpointer checkpointer =
        new Checkpointer(new Ledger(rewritten), SIGNER, "hiway.test/ledger", Clock.systemUTC());

    assertThatThrownBy(checkpointer::issue)
        .isInstanceOfSatisfying(
            InconsistentLogException.class,
            e -> {
              assertThat(e.earlier().sameAs(issued.checkpoint())).isTrue();
              assertThat(e.later().size()).isEqualTo(3);
              assertThat(e.proof().path()).hasSize(1);
              assertThat(e.reason()).isEqualTo("second root mismatch");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "checkpoint 3 is not consistent with earlier checkpoint 2: second root mismatch");
            });
    assertThat(rewritten.latestCheckpoint()).contains(issued);
  }
}
