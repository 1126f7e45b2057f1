package kr.hiway.consent.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import kr.hiway.consent.testing.PostgresDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two gateway "instances" (separate connection pools and stores) appending concurrently to one
 * PostgreSQL database must produce one linear log.
 */
class LedgerConcurrencyTest {

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  private static final int TOTAL = 1000;

  @Test
  void appendWhenTwoInstancesRaceThenOneGaplessLinearLog() throws Exception {
    LedgerTestPool.migrate(db.jdbcUrl(), db.user());
    try (LedgerTestPool poolA = new LedgerTestPool(db.jdbcUrl(), db.user(), 4);
        LedgerTestPool poolB = new LedgerTestPool(db.jdbcUrl(), db.user(), 4)) {
      List<JdbcLedgerStore> stores =
          List.of(new JdbcLedgerStore(poolA), new JdbcLedgerStore(poolB));
      List<byte[]> data = LedgerTestData.entryData(TOTAL);
      // Of every five entries, one is appended alone and four in one transaction, by the two
      // instances in turn: single entries and batches race for the head row.
      List<Future<List<Appended>>> futures = new ArrayList<>();
      try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < TOTAL; i += 5) {
          JdbcLedgerStore alone = stores.get((i / 5) % 2);
          JdbcLedgerStore batch = stores.get((i / 5 + 1) % 2);
          List<byte[]> single = data.subList(i, i + 1);
          List<byte[]> four = data.subList(i + 1, i + 5);
          futures.add(threads.submit(() -> alone.append(single)));
          futures.add(threads.submit(() -> batch.append(four)));
        }
      }
      List<Appended> appended = new ArrayList<>();
      for (Future<List<Appended>> f : futures) {
        appended.addAll(f.get());
      }

      Map<Long, byte[]> byIndex = new HashMap<>();
      for (int i = 0; i < TOTAL; i++) {
        Appended a = appended.get(i);
        assertThat(a.leafHash()).isEqualTo(Hashes.leaf(data.get(i)));
        assertThat(byIndex.put(a.index(), data.get(i)))
            .as("duplicate index %d", a.index())
            .isNull();
      }
      assertThat(byIndex.keySet())
          .containsExactlyInAnyOrderElementsOf(LongStream.range(0, TOTAL).boxed().toList());

      Ledger viewA = new Ledger(stores.get(0));
      Ledger viewB = new Ledger(stores.get(1));
      List<LogEntry> stored = new ArrayList<>(viewA.entries(0, TOTAL));
      assertThat(stored)
          .extracting(LogEntry::index)
          .containsExactlyElementsOf(byIndex.keySet().stream().sorted().toList());
      List<byte[]> hashesInOrder = new ArrayList<>();
      for (LogEntry e : stored) {
        assertThat(e.data()).isEqualTo(byIndex.get(e.index()));
        hashesInOrder.add(Hashes.leaf(e.data()));
      }
      TreeHead head = viewB.head();
      assertThat(head.size()).isEqualTo(TOTAL);
      assertThat(head.rootHash()).isEqualTo(ReferenceMerkleTree.root(hashesInOrder));
      assertThat(viewA.head()).isEqualTo(head);
      for (int i = 0; i < TOTAL; i++) {
        Ledger view = i % 2 == 0 ? viewA : viewB;
        InclusionProof proof = view.inclusionProof(i, TOTAL);
        assertThat(
                MerkleProofs.verifyInclusion(
                    i, TOTAL, hashesInOrder.get(i), proof.path(), head.rootHash()))
            .as("inclusion of %d", i)
            .isEqualTo(new ProofCheck.Valid());
      }
    }
  }
}
