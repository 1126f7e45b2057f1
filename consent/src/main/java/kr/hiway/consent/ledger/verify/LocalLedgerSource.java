package kr.hiway.consent.ledger.verify;

import java.io.IOException;
import java.util.List;
import kr.hiway.consent.ledger.ConsistencyProof;
import kr.hiway.consent.ledger.InclusionProof;
import kr.hiway.consent.ledger.Ledger;
import kr.hiway.consent.ledger.LogEntry;
import kr.hiway.consent.ledger.SignedCheckpoint;

/**
 * A {@link LedgerSource} over a {@link Ledger} in this process: what the HTTP API serves, without
 * HTTP. Used by tests, and by the gateway to answer the endpoints documented on {@link
 * HttpLedgerSource}.
 *
 * <p>Thread-safe when the ledger is. Failures of the store are reported as {@link IOException}s so
 * that a verifier treats them like an unreachable server.
 */
public final class LocalLedgerSource implements LedgerSource {

  private final Ledger ledger;

  public LocalLedgerSource(Ledger ledger) {
    this.ledger = ledger;
  }

  @Override
  public String latestCheckpoint() throws IOException {
    return call(() ->
        ledger
            .store()
            .latestCheckpoint()
            .map(SignedCheckpoint::note)
            .orElseThrow(() -> new IllegalStateException("no checkpoint issued yet")));
  }

  @Override
  public List<LogEntry> entries(long start, long end) throws IOException {
    return call(() -> ledger.entries(start, end));
  }

  @Override
  public InclusionProof inclusionProof(long index, long treeSize) throws IOException {
    return call(() -> ledger.inclusionProof(index, treeSize));
  }

  @Override
  public InclusionProof inclusionProof(byte[] leafHash, long treeSize) throws IOException {
    return call(() ->
        ledger
            .inclusionProofByLeafHash(leafHash, treeSize)
            .orElseThrow(() -> new IllegalArgumentException("no entry with that leaf hash")));
  }

  @Override
  public ConsistencyProof consistencyProof(long first, long second) throws IOException {
    return call(() -> ledger.consistencyProof(first, second));
  }

  private interface Call<T> {
    T get();
  }

  private static <T> T call(Call<T> call) throws IOException {
    try {
      return call.get();
    } catch (RuntimeException e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
