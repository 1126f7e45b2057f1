package kr.hiway.consent.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LedgerGroupCommitTest {

  /** Records the size of every append transaction, and can be told to fail them. */
  static final class CountingStore implements LedgerStore {
    final InMemoryLedgerStore inner = new InMemoryLedgerStore();
    final List<Integer> batches = new CopyOnWriteArrayList<>();
    volatile boolean failing;

    @Override
    public List<Appended> append(List<byte[]> leafData) {
      if (failing) {
        throw new IllegalStateException("database is down");
      }
      batches.add(leafData.size());
      try {
        Thread.sleep(5); // a commit takes time, which is what lets a batch form
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return inner.append(leafData);
    }

    @Override
    public TreeHead head() {
      return inner.head();
    }

    @Override
    public Map<NodeId, byte[]> nodes(Collection<NodeId> ids) {
      return inner.nodes(ids);
    }

    @Override
    public List<LogEntry> entries(long start, long end) {
      return inner.entries(start, end);
    }

    @Override
    public OptionalLong indexOf(byte[] leafHash, long treeSize) {
      return inner.indexOf(leafHash, treeSize);
    }

    @Override
    public void saveCheckpoint(SignedCheckpoint checkpoint) {
      inner.saveCheckpoint(checkpoint);
    }

    @Override
    public Optional<SignedCheckpoint> latestCheckpoint() {
      return inner.latestCheckpoint();
    }

    @Override
    public List<SignedCheckpoint> checkpoints(long minSize, int limit) {
      return inner.checkpoints(minSize, limit);
    }
  }

  @Test
  void appendWhenManyConcurrentCallersThenFewerTransactionsThanEntries() throws Exception {
    CountingStore store = new CountingStore();
    List<Future<Appended>> futures = new ArrayList<>();
    try (GroupCommitAppender appender = new GroupCommitAppender(store, 100, Duration.ofMillis(2));
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 500; i++) {
        LedgerEntry e = LedgerTestData.entry(i);
        futures.add(threads.submit(() -> appender.append(e)));
      }
      for (Future<Appended> f : futures) {
        f.get();
      }
    }
    assertThat(store.batches.stream().mapToInt(Integer::intValue).sum()).isEqualTo(500);
    assertThat(store.batches.size()).isLessThan(100);
    assertThat(store.batches).allMatch(size -> size <= 100);
    assertThat(store.head().size()).isEqualTo(500);
  }

  @Test
  void appendWhenTransactionFailsThenCallerGetsFailureAndNothingLogged() {
    CountingStore store = new CountingStore();
    store.failing = true;
    try (GroupCommitAppender appender = new GroupCommitAppender(store, 10, Duration.ZERO)) {
      assertThatThrownBy(() -> appender.append(LedgerTestData.entry(0)))
          .isInstanceOf(LedgerAppendException.class)
          .hasMessageContaining("database is down");
    }
    assertThat(store.head().size()).isZero();
  }

  @Test
  void appendWhenClosedThenRefused() {
    GroupCommitAppender appender =
        new GroupCommitAppender(new InMemoryLedgerStore(), 10, Duration.ZERO);
    Appended first = appender.append(LedgerTestData.entry(0));
    appender.close();
    assertThat(first.index()).isZero();
    assertThatThrownBy(() -> appender.append(LedgerTestData.entry(1)))
        .isInstanceOf(IllegalStateException.class);
  }
}
