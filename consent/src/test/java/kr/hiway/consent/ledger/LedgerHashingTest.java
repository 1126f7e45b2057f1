package kr.hiway.consent.ledger;

import static kr.hiway.consent.ledger.LedgerTestData.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LedgerHashingTest {

  private static final Map<String, Object> VECTORS = LedgerTestData.json("rfc6962/vectors.json");

  @SuppressWarnings("unchecked")
  private static List<byte[]> rfcLeaves() {
    return ((List<String>) VECTORS.get("leaves")).stream().map(LedgerTestData::hex).toList();
  }

  static Stream<Arguments> rfcSizes() {
    return IntStream.rangeClosed(1, 8).mapToObj(Arguments::of);
  }

  @Test
  void leafHashWhenEmptyDataThenRfcValue() {
    assertThat(Hashes.leaf(new byte[0]))
        .isEqualTo(hex("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"));
  }

  @Test
  void emptyRootWhenNoLeavesThenSha256OfNothing() {
    assertThat(Hashes.emptyRoot()).isEqualTo(hex((String) VECTORS.get("emptyRoot")));
    assertThat(ReferenceMerkleTree.root(List.of())).isEqualTo(Hashes.emptyRoot());
    assertThat(new Ledger(new InMemoryLedgerStore()).head().rootHash())
        .isEqualTo(Hashes.emptyRoot());
  }

  @Test
  void nodeHashWhenChildrenSwappedThenDifferent() {
    byte[] a = Hashes.leaf(new byte[] {1});
    byte[] b = Hashes.leaf(new byte[] {2});
    assertThat(Hashes.node(a, b)).isNotEqualTo(Hashes.node(b, a));
    assertThat(Hashes.node(a, b)).isEqualTo(Hashes.sha256(new byte[] {1}, a, b));
  }

  @ParameterizedTest(name = "size {0}")
  @MethodSource("rfcSizes")
  @SuppressWarnings("unchecked")
  void rootWhenRfcLeavesThenKnownRoot(int size) {
    byte[] expected = hex(((List<String>) VECTORS.get("roots")).get(size - 1));
    List<byte[]> hashes = LedgerTestData.leafHashes(rfcLeaves().subList(0, size));
    assertThat(ReferenceMerkleTree.root(hashes)).isEqualTo(expected);

    InMemoryLedgerStore store = new InMemoryLedgerStore();
    store.append(rfcLeaves().subList(0, size));
    assertThat(store.head().rootHash()).isEqualTo(expected);
    assertThat(new Ledger(store).rootAt(size)).isEqualTo(expected);
  }

  @Test
  void storedProofsWhenEveryPairUpTo70ThenEqualReferenceRecursion() {
    List<byte[]> data = LedgerTestData.entryData(70);
    List<byte[]> hashes = LedgerTestData.leafHashes(data);
    InMemoryLedgerStore store = new InMemoryLedgerStore();
    Ledger ledger = new Ledger(store);
    for (int n = 1; n <= 70; n++) {
      store.append(List.of(data.get(n - 1)));
      assertThat(store.head().rootHash())
          .as("root of size %d", n)
          .isEqualTo(ReferenceMerkleTree.root(hashes.subList(0, n)));
    }
    for (int n = 1; n <= 70; n++) {
      for (int m = 0; m < n; m++) {
        assertThat(
                ledger
                    .inclusionProof(m, n)
                    .samePath(ReferenceMerkleTree.inclusionPath(hashes, m, n)))
            .as("inclusion %d in %d", m, n)
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
  void coverWhenRangeUnalignedThenMaximalPerfectSubtrees() {
    assertThat(TreeMath.cover(new TreeMath.Range(0, 13)))
        .containsExactly(new NodeId(3, 0), new NodeId(2, 2), new NodeId(0, 12));
    assertThat(TreeMath.cover(new TreeMath.Range(8, 13)))
        .containsExactly(new NodeId(2, 2), new NodeId(0, 12));
    assertThat(TreeMath.cover(new TreeMath.Range(3, 8)))
        .containsExactly(new NodeId(0, 3), new NodeId(2, 1));
  }

  @Test
  void appendWhenBatchesOfAnySizeThenSameTreeAsOneByOne() {
    List<byte[]> data = LedgerTestData.entryData(100);
    InMemoryLedgerStore oneByOne = new InMemoryLedgerStore();
    data.forEach(d -> oneByOne.append(List.of(d)));
    InMemoryLedgerStore batched = new InMemoryLedgerStore();
    List<Appended> appended = new ArrayList<>();
    for (int from = 0, step = 1; from < 100; from += step, step = step * 2 + 1) {
      appended.addAll(batched.append(data.subList(from, Math.min(100, from + step))));
    }
    assertThat(batched.head().rootHash()).isEqualTo(oneByOne.head().rootHash());
    assertThat(appended)
        .extracting(Appended::index)
        .containsExactlyElementsOf(IntStream.range(0, 100).mapToObj(i -> (long) i).toList());
  }

  @Test
  void proofWhenTreeSizeBeyondLogThenRefused() {
    Ledger ledger = new Ledger(new InMemoryLedgerStore());
    ledger.store().append(LedgerTestData.entryData(5));
    assertThatThrownBy(() -> ledger.inclusionProof(2, 9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("beyond the log's size 5");
    assertThatThrownBy(() -> ledger.consistencyProof(6, 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ledger.inclusionProof(5, 5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
