package kr.hiway.consent.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import kr.hiway.consent.testing.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JDBC store against the real PostgreSQL, cross-checked with the RFC's own recursion. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LedgerStorePostgresTest {

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  private static LedgerTestPool pool;
  private static final List<byte[]> appended = new ArrayList<>();

  @BeforeAll
  static void migrate() {
    LedgerTestPool.migrate(db.jdbcUrl(), db.user());
    pool = new LedgerTestPool(db.jdbcUrl(), db.user(), 4);
  }

  @AfterAll
  static void close() {
    pool.close();
  }

  @Test
  @Order(1)
  void proofsWhenAppendedOneByOneUpTo70ThenMatchReferenceForEveryPair() {
    // Two stores on one pool: one appends from its cached right edge, the other reads the edge
    // from the database, so both append paths are checked against the recursion.
    List<JdbcLedgerStore> stores = List.of(new JdbcLedgerStore(pool), new JdbcLedgerStore(pool));
    List<byte[]> data = LedgerTestData.entryData(70);
    List<byte[]> hashes = LedgerTestData.leafHashes(data);
    for (int n = 1; n <= 70; n++) {
      JdbcLedgerStore store = stores.get(n % 3 == 0 ? 1 : 0);
      List<Appended> result = store.append(List.of(data.get(n - 1)));
      appended.add(data.get(n - 1));
      assertThat(result.get(0).index()).isEqualTo(n - 1);
      assertThat(result.get(0).leafHash()).isEqualTo(hashes.get(n - 1));
      assertThat(store.head().rootHash())
          .as("root of size %d", n)
          .isEqualTo(ReferenceMerkleTree.root(hashes.subList(0, n)));
    }
    Ledger ledger = new Ledger(stores.get(1));
    for (int n = 1; n <= 70; n++) {
      assertThat(ledger.rootAt(n)).isEqualTo(ReferenceMerkleTree.root(hashes.subList(0, n)));
      for (int m = 0; m < n; m++) {
        assertThat(
                ledger
                    .inclusionProof(m, n)
                    .samePath(ReferenceMerkleTree.inclusionPath(hashes, m, n)))
            .as("inclusion of %d in %d", m, n)
            .isTrue();
      }
      for (int m = 0; m <= n; m++) {
        assertThat(
                ledger
                    .consistencyProof(m, n)
                    .samePath(ReferenceMerkleTree.consistencyProof(hashes, m, n)))
            .as("consistency %d to %d", m, n)
            .isTrue();
      }
    }
  }

  @Test
  @Order(2)
  void appendWhenBatchThenOneTransactionOfConsecutiveIndexes() {
    JdbcLedgerStore store = new JdbcLedgerStore(pool);
    long before = store.head().size();
    List<byte[]> batch = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      batch.add(LedgerTestData.entry(1000 + i).canonicalJson());
    }
    List<Appended> result = store.append(batch);
    appended.addAll(batch);

    assertThat(result).extracting(Appended::index).first().isEqualTo(before);
    assertThat(result).extracting(Appended::index).last().isEqualTo(before + 2499);
    assertThat(store.head().rootHash())
        .isEqualTo(ReferenceMerkleTree.root(LedgerTestData.leafHashes(appended)));
  }

  @Test
  @Order(3)
  void entriesAndLeafHashLookupWhenStoredThenServedAsAppended() {
    Ledger ledger = new Ledger(new JdbcLedgerStore(pool));
    long size = ledger.head().size();
    List<LogEntry> entries = ledger.entries(60, 75);
    assertThat(entries)
        .extracting(LogEntry::index)
        .containsExactlyElementsOf(java.util.stream.LongStream.range(60, 75).boxed().toList());
    assertThat(entries.get(0).data()).isEqualTo(appended.get(60));
    assertThat(ledger.entries(0, 5000)).hasSize(Ledger.MAX_ENTRIES);

    byte[] hash = Hashes.leaf(appended.get(42));
    InclusionProof proof = ledger.inclusionProofByLeafHash(hash, size).orElseThrow();
    assertThat(proof.leafIndex()).isEqualTo(42);
    assertThat(MerkleProofs.verifyInclusion(42, size, hash, proof.path(), ledger.head().rootHash()))
        .isEqualTo(new ProofCheck.Valid());
    assertThat(ledger.inclusionProofByLeafHash(hash, 42)).isEmpty();
    assertThat(ledger.inclusionProofByLeafHash(Hashes.leaf(new byte[] {9}), size)).isEmpty();
  }

  @Test
  @Order(4)
  void checkpointsWhenIssuedThenStoredLatestAndAuditable() throws Exception {
    Ledger ledger = new Ledger(new JdbcLedgerStore(pool));
    CheckpointSigner signer = CheckpointSigner.fromSeed("hiway.test/pg", new byte[32]);
    Checkpointer checkpointer =
        new Checkpointer(ledger, signer, "hiway.test/pg", Clock.systemUTC());
    SignedCheckpoint first = checkpointer.issue();
    ledger.append(LedgerTestData.entry(5000));
    SignedCheckpoint second = checkpointer.issue();

    assertThat(ledger.store().latestCheckpoint()).contains(second);
    assertThat(ledger.store().checkpoints(0, 10)).containsExactly(first, second);
    assertThat(ledger.store().checkpoints(second.checkpoint().size(), 10)).containsExactly(second);
    Checkpoint opened = NoteVerifier.of(signer.verifierKey()).openCheckpoint(second.note());
    assertThat(opened.size()).isEqualTo(first.checkpoint().size() + 1);
  }
}
