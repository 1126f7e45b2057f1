package kr.hiway.consent.ledger.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import kr.hiway.consent.ledger.Checkpoint;
import kr.hiway.consent.ledger.CheckpointSigner;
import kr.hiway.consent.ledger.Checkpointer;
import kr.hiway.consent.ledger.Hashes;
import kr.hiway.consent.ledger.InMemoryLedgerStore;
import kr.hiway.consent.ledger.InconsistentLogException;
import kr.hiway.consent.ledger.JdbcLedgerStore;
import kr.hiway.consent.ledger.Ledger;
import kr.hiway.consent.ledger.LedgerTestData;
import kr.hiway.consent.ledger.LedgerTestPool;
import kr.hiway.consent.ledger.NodeId;
import kr.hiway.consent.ledger.SignedCheckpoint;
import kr.hiway.consent.testing.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Someone with write access to PostgreSQL edits, deletes or reorders ledger rows after a regulator
 * saw checkpoint 70; the verifier, holding that checkpoint, must say what broke.
 */
class LedgerTamperPostgresTest {

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  private static final String ORIGIN = "hiway.test/tamper";
  private static final CheckpointSigner SIGNER = CheckpointSigner.generate(ORIGIN);
  private static final List<Long> ALL = LongStream.range(0, 80).boxed().toList();
  private static LedgerTestPool pool;
  private static JdbcTemplate sql;

  /** How a case tampers; it may sign a head itself, as a dishonest operator would. */
  interface Tamper {
    void apply(JdbcTemplate sql, Ledger ledger);
  }

  @BeforeAll
  static void migrate() {
    LedgerTestPool.migrate(db.jdbcUrl(), db.user());
    pool = new LedgerTestPool(db.jdbcUrl(), db.user(), 4);
    sql = new JdbcTemplate(pool);
  }

  @AfterAll
  static void close() {
    pool.close();
  }

  static byte[] forged() {
    return LedgerTestData.entry(4242).canonicalJson();
  }

  static Stream<Arguments> tampering() {
    return Stream.of(
        Arguments.of(
            "leaf data edited",
            (Tamper)
                (s, l) ->
                    s.update(
                        "UPDATE ledger_leaf SET leaf_data = ? WHERE leaf_index = 17",
                        (Object) forged()),
            "entry 17 not included in tree of size 80: root mismatch"),
        Arguments.of(
            "leaf data and hash edited",
            (Tamper)
                (s, l) ->
                    s.update(
                        "UPDATE ledger_leaf SET leaf_data = ?, leaf_hash = ? WHERE leaf_index = 17",
                        forged(),
                        Hashes.leaf(forged())),
            "entry 17 not included in tree of size 80: root mismatch"),
        Arguments.of(
            "leaf deleted",
            (Tamper) (s, l) -> s.update("DELETE FROM ledger_leaf WHERE leaf_index = 17"),
            "entry 17 not included in tree of size 80: the log does not serve it"),
        Arguments.of(
            "leaves reordered",
            (Tamper)
                (s, l) ->
                    s.update(
                        "UPDATE ledger_leaf a SET leaf_data = b.leaf_data, leaf_hash = b.leaf_hash"
                            + " FROM ledger_leaf b WHERE a.leaf_index IN (17, 18)"
                            + " AND b.leaf_index = 35 - a.leaf_index"),
            "entry 18 not included in tree of size 80: root mismatch"),
        Arguments.of(
            "interior node edited",
            (Tamper)
                (s, l) ->
                    s.update(
                        "UPDATE ledger_node SET hash = ? WHERE node_level = 2 AND node_index = 1",
                        (Object) Hashes.leaf(forged())),
            "entry 0 not included in tree of size 80: root mismatch"),
        Arguments.of(
            "history rewritten and re-signed",
            (Tamper) LedgerTamperPostgresTest::rewriteHistory,
            "checkpoint 80 is not consistent with earlier checkpoint 70: "),
        Arguments.of(
            "log truncated and re-signed",
            (Tamper) LedgerTamperPostgresTest::truncate,
            "checkpoint 60 is not consistent with earlier checkpoint 70: the log shrank (rollback)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tampering")
  void verifyWhenRowsTamperedInPostgresThenCaughtAgainstEarlierCheckpoint(
      String name, Tamper tamper, String expectedFailure) {
    Seventy log = seventy();
    Checkpoint seen = log.seen();
    LedgerSource source = log.source();
    assertThat(LedgerVerifier.verify(source, SIGNER.verifierKey(), null, ALL.subList(0, 70)).ok())
        .isTrue();

    log.tamperAndGrow(tamper);

    Report report = LedgerVerifier.verify(source, SIGNER.verifierKey(), seen, ALL);
    assertThat(report.ok()).isFalse();
    assertThat(report.failures())
        .extracting(Finding::message)
        .anyMatch(m -> m.startsWith(expectedFailure));
  }

  /**
   * The tamperings of entries and checkpoints. (An edited inner node changes no entry and no
   * checkpoint: only the inclusion proofs served over it go wrong, which {@code --check} finds and
   * the gateway's full audit names.)
   */
  static Stream<Arguments> contentTampering() {
    return tampering().filter(a -> !a.get()[0].equals("interior node edited"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("contentTampering")
  void defaultRunWhenRowsTamperedThenEveryEntryRecomputedAndTheRunFails(
      String name, Tamper tamper, String ignored) {
    Seventy log = seventy();
    Checkpoint seen = log.seen();
    LedgerSource source = log.source();
    LedgerVerifier.Full first =
        LedgerVerifier.verifyAll(source, SIGNER.verifierKey(), null, null, List.of(), 0);
    assertThat(first.report().ok()).as(first.report().summary()).isTrue();

    log.tamperAndGrow(tamper);

    // The default run, from the checkpoint the regulator holds, re-reads every entry: no sample.
    Report report =
        LedgerVerifier.verifyAll(source, SIGNER.verifierKey(), seen, null, List.of(), 0).report();
    assertThat(report.ok()).as(report.summary()).isFalse();
  }

  @org.junit.jupiter.api.Test
  void defaultRunWhenRunAgainThenOnlyWhatWasAppendedIsReadAndWitnessesAreRequired()
      throws Exception {
    Seventy log = seventy();
    Ledger ledger = log.ledger();
    Checkpointer checkpointer = log.checkpointer();
    Checkpoint seen = log.seen();
    LedgerSource source = log.source();
    LedgerVerifier.Full first =
        LedgerVerifier.verifyAll(source, SIGNER.verifierKey(), null, null, List.of(), 0);
    ledger.appendAll(
        LongStream.range(70, 75).mapToObj(i -> LedgerTestData.entry((int) i)).toList());
    checkpointer.issue();
    LedgerVerifier.Full next =
        LedgerVerifier.verifyAll(source, SIGNER.verifierKey(), seen, first.edge(), List.of(), 0);
    assertThat(next.report().ok()).as(next.report().summary()).isTrue();
    assertThat(next.report().summary()).contains("every entry from 70 to 74");

    // A witness is required, and the checkpoint the log serves carries no cosignature of it.
    kr.hiway.consent.ledger.Cosigner witness =
        kr.hiway.consent.ledger.Cosigner.generate("w.test/w1");
    Report unwitnessed =
        LedgerVerifier.verifyAll(
                source, SIGNER.verifierKey(), null, null, List.of(witness.verifierKey()), 1)
            .report();
    assertThat(unwitnessed.ok()).isFalse();
    assertThat(unwitnessed.failures()).anyMatch(f -> f instanceof Finding.NoQuorum);
  }

  /** A log of 70 entries with its signed checkpoint, as the regulator saw it. */
  record Seventy(Ledger ledger, Checkpointer checkpointer, Checkpoint seen, LedgerSource source) {

    /**
     * Applies {@code tamper}; unless it signed a head itself, ten more entries are appended and
     * signed by the gateway (these tamperings leave the tree's own hashes consistent).
     */
    void tamperAndGrow(Tamper tamper) {
      tamper.apply(sql, ledger);
      if (ledger.head().size() == 70) {
        ledger.appendAll(
            LongStream.range(70, 80).mapToObj(i -> LedgerTestData.entry((int) i)).toList());
        checkpointer.issue();
      }
    }
  }

  static Seventy seventy() {
    reset();
    Ledger ledger = new Ledger(new JdbcLedgerStore(pool));
    Checkpointer checkpointer = new Checkpointer(ledger, SIGNER, ORIGIN, Clock.systemUTC());
    ledger.store().append(LedgerTestData.entryData(70));
    Checkpoint seen = checkpointer.issue().checkpoint();
    return new Seventy(ledger, checkpointer, seen, new LocalLedgerSource(ledger));
  }

  /** Replaces entry 17 and recomputes every hash above it, then signs, skipping the self-audit. */
  private static void rewriteHistory(JdbcTemplate s, Ledger ledger) {
    s.update(
        "UPDATE ledger_leaf SET leaf_data = ?, leaf_hash = ? WHERE leaf_index = 17",
        forged(),
        Hashes.leaf(forged()));
    List<byte[]> data =
        s.query("SELECT leaf_data FROM ledger_leaf ORDER BY leaf_index", (rs, n) -> rs.getBytes(1));
    InMemoryLedgerStore recomputed = new InMemoryLedgerStore();
    recomputed.append(data);
    for (Map<String, Object> row :
        s.queryForList("SELECT node_level, node_index FROM ledger_node")) {
      NodeId id =
          new NodeId(
              ((Number) row.get("node_level")).intValue(),
              ((Number) row.get("node_index")).longValue());
      s.update(
          "UPDATE ledger_node SET hash = ? WHERE node_level = ? AND node_index = ?",
          recomputed.nodes(List.of(id)).get(id),
          id.level(),
          id.index());
    }
    s.update(
        "UPDATE ledger_head SET root_hash = ? WHERE id = 1", (Object) recomputed.head().rootHash());
    Ledger forgedLedger = new Ledger(new JdbcLedgerStore(pool)); // a fresh store: no cached edge
    forgedLedger.appendAll(
        LongStream.range(70, 80).mapToObj(i -> LedgerTestData.entry((int) i)).toList());
    Checkpointer honest = new Checkpointer(forgedLedger, SIGNER, ORIGIN, Clock.systemUTC());
    assertThatThrownBy(honest::issue).isInstanceOf(InconsistentLogException.class);
    signHead(forgedLedger);
  }

  /** Drops entries 60 and up, then signs the shorter head. */
  private static void truncate(JdbcTemplate s, Ledger ledger) {
    s.update("DELETE FROM ledger_leaf WHERE leaf_index >= 60");
    s.update("DELETE FROM ledger_node WHERE (node_index + 1) * POWER(2, node_level) > 60");
    s.update(
        "UPDATE ledger_head SET tree_size = 60, root_hash = ? WHERE id = 1",
        (Object) ledger.rootAt(60));
    signHead(ledger);
  }

  private static void signHead(Ledger ledger) {
    Checkpoint head = new Checkpoint(ORIGIN, ledger.head().size(), ledger.head().rootHash());
    ledger.store().saveCheckpoint(new SignedCheckpoint(head, SIGNER.sign(head), Instant.now()));
  }

  private static void reset() {
    sql.update("DELETE FROM ledger_leaf");
    sql.update("DELETE FROM ledger_node");
    sql.update("DELETE FROM ledger_checkpoint");
    sql.update("UPDATE ledger_head SET tree_size = 0, root_hash = NULL WHERE id = 1");
  }
}
