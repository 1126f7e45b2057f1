package kr.hiway.consent.ledger.verify;

import java.io.IOException;
import java.util.List;
import kr.hiway.consent.ledger.ConsistencyProof;
import kr.hiway.consent.ledger.InclusionProof;
import kr.hiway.consent.ledger.LogEntry;

/**
 * What a verifier needs from a ledger, and nothing it has to trust: every answer is checked against
 * a signed checkpoint. {@link HttpLedgerSource} fetches it from the gateway's HTTP API; {@link
 * LocalLedgerSource} reads a store directly.
 *
 * <p>Implementations are thread-safe. Arguments must not be null; results are never null.
 */
public interface LedgerSource {

  /** The latest signed checkpoint, as signed-note text. */
  String latestCheckpoint() throws IOException;

  /** Entries with indexes in {@code [start, end)} (the source may return fewer). */
  List<LogEntry> entries(long start, long end) throws IOException;

  /** The inclusion proof of entry {@code index} in the tree of size {@code treeSize}. */
  InclusionProof inclusionProof(long index, long treeSize) throws IOException;

  /**
   * The inclusion proof of the first entry with this leaf hash, in the tree of size {@code
   * treeSize}.
   */
  InclusionProof inclusionProof(byte[] leafHash, long treeSize) throws IOException;

  /**
   * The consistency proof from the tree of size {@code first} to the one of size {@code second}.
   */
  ConsistencyProof consistencyProof(long first, long second) throws IOException;
}
