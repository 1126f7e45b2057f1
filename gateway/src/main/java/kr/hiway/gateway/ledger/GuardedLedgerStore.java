package kr.hiway.gateway.ledger;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import kr.hiway.consent.ledger.Appended;
import kr.hiway.consent.ledger.LedgerStore;
import kr.hiway.consent.ledger.LogEntry;
import kr.hiway.consent.ledger.NodeId;
import kr.hiway.consent.ledger.SignedCheckpoint;
import kr.hiway.consent.ledger.TreeHead;

/**
 * The ledger's store, refusing appends while {@link LedgerIntegrity} says the ledger is broken:
 * entries appended to a rewritten log would be recorded nowhere a witness vouches for. Reads go on,
 * so that regulators can see what is there. Thread-safe as the store it wraps.
 */
final class GuardedLedgerStore implements LedgerStore {

  private final LedgerStore store;
  private final LedgerIntegrity integrity;

  GuardedLedgerStore(LedgerStore store, LedgerIntegrity integrity) {
    this.store = store;
    this.integrity = integrity;
  }

  @Override
  public List<Appended> append(List<byte[]> leafData) {
    integrity.requireIntact();
    return store.append(leafData);
  }

  @Override
  public TreeHead head() {
    return store.head();
  }

  @Override
  public Map<NodeId, byte[]> nodes(Collection<NodeId> ids) {
    return store.nodes(ids);
  }

  @Override
  public List<LogEntry> entries(long start, long end) {
    return store.entries(start, end);
  }

  @Override
  public OptionalLong indexOf(byte[] leafHash, long treeSize) {
    return store.indexOf(leafHash, treeSize);
  }

  @Override
  public void saveCheckpoint(SignedCheckpoint checkpoint) {
    store.saveCheckpoint(checkpoint);
  }

  @Override
  public Optional<SignedCheckpoint> latestCheckpoint() {
    return store.latestCheckpoint();
  }

  @Override
  public List<SignedCheckpoint> checkpoints(long minSize, int limit) {
    return store.checkpoints(minSize, limit);
  }
}
