package kr.hiway.consent.ledger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A {@link LedgerStore} in memory, for tests, benchmarks and the verifier's own examples. Nothing
 * survives the process, so it must not back a real gateway.
 *
 * <p>Thread-safe: every method holds the store's lock. Arguments must not be null.
 */
public final class InMemoryLedgerStore implements LedgerStore {

  private final List<byte[]> leafHashes = new ArrayList<>();
  private final List<byte[]> leafData = new ArrayList<>();
  private final Map<NodeId, byte[]> interior = new HashMap<>();
  private final List<SignedCheckpoint> checkpoints = new ArrayList<>();
  private Frontier frontier = Frontier.empty();

  @Override
  public synchronized List<Appended> append(List<byte[]> data) {
    List<byte[]> hashes = data.stream().map(Hashes::leaf).toList();
    Frontier.Growth growth = frontier.extend(hashes);
    List<Appended> out = new ArrayList<>(data.size());
    for (int i = 0; i < data.size(); i++) {
      out.add(new Appended(leafHashes.size(), hashes.get(i)));
      leafHashes.add(hashes.get(i));
      leafData.add(data.get(i).clone());
    }
    for (Frontier.Node n : growth.completed()) {
      interior.put(n.id(), n.hash());
    }
    frontier = growth.next();
    return out;
  }

  @Override
  public synchronized TreeHead head() {
    return new TreeHead(frontier.size(), frontier.root());
  }

  @Override
  public synchronized Map<NodeId, byte[]> nodes(Collection<NodeId> ids) {
    Map<NodeId, byte[]> out = new HashMap<>();
    for (NodeId id : ids) {
      byte[] h =
          id.level() == 0
              ? (id.index() < leafHashes.size() ? leafHashes.get((int) id.index()) : null)
              : interior.get(id);
      if (h != null) {
        out.put(id, h.clone());
      }
    }
    return out;
  }

  @Override
  public synchronized List<LogEntry> entries(long start, long end) {
    List<LogEntry> out = new ArrayList<>();
    for (long i = Math.max(0, start); i < Math.min(end, leafHashes.size()); i++) {
      out.add(new LogEntry(i, leafHashes.get((int) i), leafData.get((int) i)));
    }
    return out;
  }

  @Override
  public synchronized OptionalLong indexOf(byte[] leafHash, long treeSize) {
    for (int i = 0; i < Math.min(treeSize, leafHashes.size()); i++) {
      if (Arrays.equals(leafHashes.get(i), leafHash)) {
        return OptionalLong.of(i);
      }
    }
    return OptionalLong.empty();
  }

  @Override
  public synchronized void saveCheckpoint(SignedCheckpoint checkpoint) {
    checkpoints.add(checkpoint);
  }

  @Override
  public synchronized Optional<SignedCheckpoint> latestCheckpoint() {
    return checkpoints.isEmpty()
        ? Optional.empty()
        : Optional.of(checkpoints.get(checkpoints.size() - 1));
  }

  @Override
  public synchronized List<SignedCheckpoint> checkpoints(long minSize, int limit) {
    return checkpoints.stream().filter(c -> c.checkpoint().size() >= minSize).limit(limit).toList();
  }
}
