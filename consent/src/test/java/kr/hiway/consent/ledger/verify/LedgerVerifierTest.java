package kr.hiway.consent.ledger.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import kr.hiway.consent.ledger.Checkpoint;
import kr.hiway.consent.ledger.CheckpointSigner;
import kr.hiway.consent.ledger.Checkpointer;
import kr.hiway.consent.ledger.ConsistencyProof;
import kr.hiway.consent.ledger.InMemoryLedgerStore;
import kr.hiway.consent.ledger.InclusionProof;
import kr.hiway.consent.ledger.Ledger;
import kr.hiway.consent.ledger.LedgerTestData;
import kr.hiway.consent.ledger.LogEntry;
import kr.hiway.consent.ledger.NoteVerificationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LedgerVerifierTest {

  private static final String ORIGIN = "hiway.test/verifier";
  private static final CheckpointSigner SIGNER = CheckpointSigner.generate(ORIGIN);
  private static final String KEY = SIGNER.verifierKey();

  private Ledger ledger;
  private Checkpoint at100;

  /** A source that serves what the ledger serves, except what a test rewrites. */
  record Rewriting(LedgerSource real, UnaryOperator<String> note, UnaryOperator<LogEntry> entry)
      implements LedgerSource {
    @Override
    public String latestCheckpoint() throws IOException {
      return note.apply(real.latestCheckpoint());
    }

    @Override
    public List<LogEntry> entries(long start, long end) throws IOException {
      return real.entries(start, end).stream().map(entry).toList();
    }

    @Override
    public InclusionProof inclusionProof(long index, long treeSize) throws IOException {
      return real.inclusionProof(index, treeSize);
    }

    @Override
    public InclusionProof inclusionProof(byte[] leafHash, long treeSize) throws IOException {
      return real.inclusionProof(leafHash, treeSize);
    }

    @Override
    public ConsistencyProof consistencyProof(long first, long second) throws IOException {
      return real.consistencyProof(first, second);
    }
  }

  static Ledger ledgerOf(int size, int salt) {
    Ledger l = new Ledger(new InMemoryLedgerStore());
    l.appendAll(IntStream.range(0, size).mapToObj(i -> LedgerTestData.entry(i + salt)).toList());
    return l;
  }

  @BeforeEach
  void issueCheckpoints() {
    ledger = ledgerOf(100, 0);
    Checkpointer checkpointer = new Checkpointer(ledger, SIGNER, ORIGIN, Clock.systemUTC());
    at100 = checkpointer.issue().checkpoint();
    ledger.appendAll(IntStream.range(100, 120).mapToObj(LedgerTestData::entry).toList());
    checkpointer.issue();
  }

  @Test
  void verifyWhenHonestLogThenEveryCheckPasses() {
    Report report =
        LedgerVerifier.verify(new LocalLedgerSource(ledger), KEY, at100, List.of(0L, 17L, 119L));
    assertThat(report.ok()).as(report.summary()).isTrue();
    assertThat(report.checkpoint()).hasValueSatisfying(c -> assertThat(c.size()).isEqualTo(120));
    assertThat(report.findings())
        .extracting(Finding::message)
        .contains(
            "checkpoint 120 is consistent with earlier checkpoint 100",
            "entry 17 included in tree of size 120");
    assertThat(report.summary()).endsWith("VERIFIED\n");
  }

  @Test
  void verifyWhenCheckpointSignedByAnotherKeyThenSignatureInvalid() {
    String otherKey = CheckpointSigner.generate(ORIGIN).verifierKey();
    Report report =
        LedgerVerifier.verify(new LocalLedgerSource(ledger), otherKey, at100, List.of(17L));
    assertThat(report.ok()).isFalse();
    assertThat(report.checkpoint()).isEmpty();
    assertThat(report.failures())
        .singleElement()
        .isInstanceOfSatisfying(
            Finding.SignatureRejected.class,
            f -> {
              assertThat(f.message())
                  .startsWith("checkpoint signature invalid: no signature by key");
              assertThat(f.reason()).isEqualTo(NoteVerificationException.Reason.UNKNOWN_KEY);
              assertThat(f.note()).isEqualTo(report.note());
            });
  }

  @Test
  void verifyWhenServedCheckpointBodyAlteredThenSignatureInvalid() {
    LedgerSource source =
        new Rewriting(new LocalLedgerSource(ledger), n -> n.replace("\n120\n", "\n121\n"), e -> e);
    Report report = LedgerVerifier.verify(source, KEY, at100, List.of());
    assertThat(report.failures())
        .extracting(Finding::message)
        .containsExactly(
            "checkpoint signature invalid: invalid signature for key "
                + ORIGIN
                + "+"
                + KEY.split("\\+")[1]);
  }

  @Test
  void verifyWhenEntryDataChangedThenNotIncludedRootMismatch() {
    byte[] forged = LedgerTestData.entry(999).canonicalJson();
    LedgerSource source =
        new Rewriting(
            new LocalLedgerSource(ledger),
            n -> n,
            e ->
                e.index() == 17
                    ? new LogEntry(17, kr.hiway.consent.ledger.Hashes.leaf(forged), forged)
                    : e);
    Report report = LedgerVerifier.verify(source, KEY, at100, List.of(16L, 17L));
    assertThat(report.failures())
        .singleElement()
        .isInstanceOfSatisfying(
            Finding.NotIncluded.class,
            f -> {
              assertThat(f.message())
                  .isEqualTo("entry 17 not included in tree of size 120: root mismatch");
              assertThat(f.entry().data()).isEqualTo(forged);
              assertThat(f.proof().leafIndex()).isEqualTo(17);
              assertThat(f.checkpoint().size()).isEqualTo(120);
            });
  }

  @Test
  void verifyWhenLeafHashServedWithoutItsDataThenBadEntry() {
    LedgerSource source =
        new Rewriting(
            new LocalLedgerSource(ledger),
            n -> n,
            e ->
                e.index() == 5
                    ? new LogEntry(5, e.leafHash(), "{}".getBytes(StandardCharsets.UTF_8))
                    : e);
    Report report = LedgerVerifier.verify(source, KEY, null, List.of(5L));
    assertThat(report.failures())
        .extracting(Finding::message)
        .containsExactly(
            "entry 5: the served leaf hash is not the hash of its data",
            "entry 5 not included in tree of size 120: root mismatch");
  }

  @Test
  void verifyWhenEarlierCheckpointFromForkedHistoryThenNotConsistent() {
    Ledger fork = ledgerOf(100, 7);
    Checkpoint forked = new Checkpoint(ORIGIN, 100, fork.head().rootHash());
    Report report = LedgerVerifier.verify(new LocalLedgerSource(ledger), KEY, forked, List.of());
    assertThat(report.failures())
        .singleElement()
        .isInstanceOfSatisfying(
            Finding.Inconsistent.class,
            f -> {
              assertThat(f.message())
                  .startsWith("checkpoint 120 is not consistent with earlier checkpoint 100: ");
              assertThat(f.earlier()).isEqualTo(forked);
              assertThat(f.latest().size()).isEqualTo(120);
              assertThat(f.proof()).isEqualTo(ledger.consistencyProof(100, 120));
            });
  }

  @Test
  void verifyWhenLogShrankThenRollbackReported() {
    Checkpoint later = new Checkpoint(ORIGIN, 130, ledger.head().rootHash());
    Report report = LedgerVerifier.verify(new LocalLedgerSource(ledger), KEY, later, List.of());
    assertThat(report.failures())
        .extracting(Finding::message)
        .containsExactly(
            "checkpoint 120 is not consistent with earlier checkpoint 130: the log shrank (rollback)");
  }

  @Test
  void verifyWhenSameSizeDifferentRootThenNotConsistent() {
    Checkpoint other = new Checkpoint(ORIGIN, 120, at100.rootHash());
    Report report = LedgerVerifier.verify(new LocalLedgerSource(ledger), KEY, other, List.of());
    assertThat(report.failures())
        .extracting(Finding::message)
        .containsExactly(
            "checkpoint 120 is not consistent with earlier checkpoint 120: different roots for the same tree size");
  }

  @Test
  void verifyWhenIndexBeyondTreeThenNotIncluded() {
    Report report = LedgerVerifier.verify(new LocalLedgerSource(ledger), KEY, null, List.of(120L));
    assertThat(report.failures())
        .extracting(Finding::message)
        .containsExactly("entry 120 not included in tree of size 120: beyond the tree");
  }

  @Test
  void verifyWhenNoCheckpointIssuedThenUnavailable() {
    Report report =
        LedgerVerifier.verify(new LocalLedgerSource(ledgerOf(3, 0)), KEY, null, List.of(0L));
    assertThat(report.failures())
        .singleElement()
        .isInstanceOf(Finding.Unavailable.class)
        .extracting(Finding::message)
        .asString()
        .contains("no checkpoint issued yet");
  }

  @Test
  void verifyWhenVerifierKeyMalformedThenRefusedUpFront() {
    assertThatThrownBy(() ->
            LedgerVerifier.verify(new LocalLedgerSource(ledger), "not-a-key", null, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
