package kr.hiway.consent.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import kr.hiway.consent.ledger.ConsistencyProof;
import kr.hiway.consent.ledger.Hashes;
import kr.hiway.consent.ledger.InclusionProof;
import kr.hiway.consent.ledger.JdbcLedgerStore;
import kr.hiway.consent.ledger.Ledger;
import kr.hiway.consent.ledger.LedgerTestData;
import kr.hiway.consent.ledger.LedgerTestPool;
import kr.hiway.consent.ledger.MerkleProofs;
import kr.hiway.consent.ledger.ProofCheck;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Proof latency from PostgreSQL at 10^6 entries: inclusion by index, inclusion by leaf hash, and
 * consistency between a random earlier size and the full tree, each a random pick per call.
 *
 * <p>The log lives in database {@code ledger_bench_proofs}, built once through the batch append
 * path and reused by later runs. Run: {@code ./mvnw -q -o -pl consent exec:exec@bench
 * -Dbench.args='LedgerProofBenchmark -f 1 -wi 2 -i 3'}.
 */
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = "-Dlogback.configurationFile=ledger/logback-bench.xml")
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LedgerProofBenchmark {

  private static final String DB = "ledger_bench_proofs";
  private static final int SIZE = 1_000_000;
  private static final int DISTINCT = 10_000;

  private LedgerTestPool pool;
  private Ledger ledger;
  private byte[] root;
  private final List<byte[]> hashes = new ArrayList<>();

  @Setup(Level.Trial)
  public void build() throws Exception {
    if (!LedgerBenchDatabase.exists(DB)) {
      LedgerBenchDatabase.recreate(DB);
    }
    pool = new LedgerTestPool(LedgerBenchDatabase.url(DB), LedgerBenchDatabase.USER, 2);
    ledger = new Ledger(new JdbcLedgerStore(pool));
    List<byte[]> data = LedgerTestData.entryData(DISTINCT);
    data.forEach(d -> hashes.add(Hashes.leaf(d)));
    long size = ledger.head().size();
    if (size != 0 && size != SIZE) {
      pool.close();
      LedgerBenchDatabase.recreate(DB);
      pool = new LedgerTestPool(LedgerBenchDatabase.url(DB), LedgerBenchDatabase.USER, 2);
      ledger = new Ledger(new JdbcLedgerStore(pool));
      size = 0;
    }
    long start = System.nanoTime();
    for (long n = size; n < SIZE; n += DISTINCT) {
      ledger.store().append(data);
    }
    if (size < SIZE) {
      System.out.printf("built %d entries in %.1f s%n", SIZE, (System.nanoTime() - start) / 1e9);
    }
    root = ledger.head().rootHash();
  }

  @TearDown(Level.Trial)
  public void close() {
    pool.close();
  }

  @Benchmark
  public InclusionProof inclusionByIndex() {
    long index = ThreadLocalRandom.current().nextLong(SIZE);
    InclusionProof p = ledger.inclusionProof(index, SIZE);
    if (!(MerkleProofs.verifyInclusion(
            index, SIZE, hashes.get((int) (index % DISTINCT)), p.path(), root)
        instanceof ProofCheck.Valid)) {
      throw new IllegalStateException("proof of " + index + " does not verify");
    }
    return p;
  }

  @Benchmark
  public InclusionProof inclusionByLeafHash() {
    byte[] hash = hashes.get(ThreadLocalRandom.current().nextInt(DISTINCT));
    return ledger.inclusionProofByLeafHash(hash, SIZE).orElseThrow();
  }

  @Benchmark
  public ConsistencyProof consistency() {
    long first = 1 + ThreadLocalRandom.current().nextLong(SIZE - 1);
    return ledger.consistencyProof(first, SIZE);
  }
}
