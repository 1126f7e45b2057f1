package kr.hiway.consent.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 6962 reference vectors and transparency-dev/merkle's test data, from files under {@code
 * src/test/resources/ledger}: every valid proof verifies, every tampered variant fails.
 */
class LedgerProofVectorsTest {

  private static final byte[] SOME_HASH =
      LedgerTestData.hex("abacaba000000000000000000000000000000000000000000060061e00123456");

  record Inclusion(
      String name, long index, long size, byte[] leaf, List<byte[]> path, byte[] root) {
    ProofCheck check() {
      return MerkleProofs.verifyInclusion(index, size, leaf, path, root);
    }

    Inclusion with(String what, long i, long s, byte[] l, List<byte[]> p, byte[] r) {
      return new Inclusion(name + ": " + what, i, s, l, p, r);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  record Consistency(
      String name, long first, long second, byte[] root1, byte[] root2, List<byte[]> path) {
    ProofCheck check() {
      return MerkleProofs.verifyConsistency(first, second, root1, root2, path);
    }

    Consistency with(String what, long f, long s, byte[] r1, byte[] r2, List<byte[]> p) {
      return new Consistency(name + ": " + what, f, s, r1, r2, p);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  @SuppressWarnings("unchecked")
  static List<Inclusion> validInclusions() {
    Map<String, Object> v = LedgerTestData.json("rfc6962/vectors.json");
    List<String> leaves = (List<String>) v.get("leaves");
    List<String> roots = (List<String>) v.get("roots");
    List<Inclusion> out = new ArrayList<>();
    for (Object o : (List<Object>) v.get("inclusion")) {
      Map<String, Object> p = (Map<String, Object>) o;
      int index = ((Long) p.get("index")).intValue();
      int size = ((Long) p.get("size")).intValue();
      out.add(
          new Inclusion(
              "rfc6962 leaf " + index + " of " + size,
              index,
              size,
              Hashes.leaf(LedgerTestData.hex(leaves.get(index))),
              LedgerTestData.hexList(p.get("path")),
              LedgerTestData.hex(roots.get(size - 1))));
    }
    for (Map.Entry<String, Map<String, Object>> f : transparencyDev("inclusion", false)) {
      Map<String, Object> p = f.getValue();
      out.add(
          new Inclusion(
              f.getKey(),
              (Long) p.get("leafIdx"),
              (Long) p.get("treeSize"),
              b64(p.get("leafHash")),
              b64List(p.get("proof")),
              b64(p.get("root"))));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static List<Consistency> validConsistencies() {
    Map<String, Object> v = LedgerTestData.json("rfc6962/vectors.json");
    List<String> roots = (List<String>) v.get("roots");
    List<Consistency> out = new ArrayList<>();
    for (Object o : (List<Object>) v.get("consistency")) {
      Map<String, Object> p = (Map<String, Object>) o;
      int first = ((Long) p.get("first")).intValue();
      int second = ((Long) p.get("second")).intValue();
      out.add(
          new Consistency(
              "rfc6962 " + first + " to " + second,
              first,
              second,
              LedgerTestData.hex(roots.get(first - 1)),
              LedgerTestData.hex(roots.get(second - 1)),
              LedgerTestData.hexList(p.get("path"))));
    }
    for (Map.Entry<String, Map<String, Object>> f : transparencyDev("consistency", false)) {
      Map<String, Object> p = f.getValue();
      out.add(
          new Consistency(
              f.getKey(),
              (Long) p.get("size1"),
              (Long) p.get("size2"),
              b64(p.get("root1")),
              b64(p.get("root2")),
              b64List(p.get("proof"))));
    }
    return out;
  }

  static Stream<Inclusion> tamperedInclusions() {
    return validInclusions().stream().flatMap(LedgerProofVectorsTest::tamper);
  }

  static Stream<Consistency> tamperedConsistencies() {
    return validConsistencies().stream().flatMap(LedgerProofVectorsTest::tamper);
  }

  static Stream<Arguments> transparencyDevWantErr() {
    Stream<Arguments> inclusion =
        transparencyDev("inclusion", true).stream()
            .map(f -> {
              Map<String, Object> p = f.getValue();
              return Arguments.of(
                  f.getKey(),
                  MerkleProofs.verifyInclusion(
                      (Long) p.get("leafIdx"),
                      (Long) p.get("treeSize"),
                      b64(p.get("leafHash")),
                      b64List(p.get("proof")),
                      b64(p.get("root"))));
            });
    Stream<Arguments> consistency =
        transparencyDev("consistency", true).stream()
            .map(f -> {
              Map<String, Object> p = f.getValue();
              return Arguments.of(
                  f.getKey(),
                  MerkleProofs.verifyConsistency(
                      (Long) p.get("size1"),
                      (Long) p.get("size2"),
                      b64(p.get("root1")),
                      b64(p.get("root2")),
                      b64List(p.get("proof"))));
            });
    return Stream.concat(inclusion, consistency);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validInclusions")
  void verifyInclusionWhenVectorValidThenVerifies(Inclusion v) {
    assertThat(v.check()).isEqualTo(new ProofCheck.Valid());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tamperedInclusions")
  void verifyInclusionWhenTamperedThenFails(Inclusion v) {
    assertThat(v.check()).isInstanceOf(ProofCheck.Invalid.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validConsistencies")
  void verifyConsistencyWhenVectorValidThenVerifies(Consistency v) {
    assertThat(v.check()).isEqualTo(new ProofCheck.Valid());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tamperedConsistencies")
  void verifyConsistencyWhenTamperedThenFails(Consistency v) {
    assertThat(v.check()).isInstanceOf(ProofCheck.Invalid.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transparencyDevWantErr")
  void verifyWhenTransparencyDevCaseWantsErrorThenFails(String file, ProofCheck check) {
    assertThat(check).isInstanceOf(ProofCheck.Invalid.class);
  }

  static Stream<Inclusion> validInclusionsWithPath() {
    return validInclusions().stream().filter(v -> !v.path().isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validInclusionsWithPath")
  void verifyInclusionWhenPathBitFlippedThenRootMismatch(Inclusion v) {
    for (int i = 0; i < v.path().size(); i++) {
      List<byte[]> path = new ArrayList<>(v.path());
      byte[] flipped = path.get(i).clone();
      flipped[0] ^= 8;
      path.set(i, flipped);
      assertThat(v.with("bit", v.index(), v.size(), v.leaf(), path, v.root()).check())
          .isEqualTo(new ProofCheck.Invalid("root mismatch"));
    }
  }

  private static Stream<Inclusion> tamper(Inclusion v) {
    List<Inclusion> t = new ArrayList<>();
    long i = v.index();
    long s = v.size();
    t.add(v.with("index - 1", i - 1, s, v.leaf(), v.path(), v.root()));
    t.add(v.with("index + 1", i + 1, s, v.leaf(), v.path(), v.root()));
    t.add(v.with("index ^ 2", i ^ 2, s, v.leaf(), v.path(), v.root()));
    t.add(v.with("size * 2", i, s * 2, v.leaf(), v.path(), v.root()));
    t.add(v.with("size / 2", i, s / 2, v.leaf(), v.path(), v.root()));
    t.add(v.with("wrong leaf", i, s, Hashes.leaf("WrongLeaf".getBytes()), v.path(), v.root()));
    t.add(v.with("short leaf", i, s, "WrongLeaf".getBytes(), v.path(), v.root()));
    t.add(v.with("empty-tree root", i, s, v.leaf(), v.path(), Hashes.emptyRoot()));
    t.add(v.with("random root", i, s, v.leaf(), v.path(), SOME_HASH));
    t.add(v.with("trailing garbage", i, s, v.leaf(), plus(v.path(), new byte[0], false), v.root()));
    t.add(v.with("trailing root", i, s, v.leaf(), plus(v.path(), v.root(), false), v.root()));
    t.add(v.with("preceding garbage", i, s, v.leaf(), plus(v.path(), new byte[0], true), v.root()));
    t.add(v.with("preceding root", i, s, v.leaf(), plus(v.path(), v.root(), true), v.root()));
    for (int k = 0; k < v.path().size(); k++) {
      t.add(
          v.with("flipped bit in path[" + k + "]", i, s, v.leaf(), flip(v.path(), k, 8), v.root()));
    }
    if (!v.path().isEmpty()) {
      List<byte[]> p = v.path();
      t.add(v.with("truncated proof", i, s, v.leaf(), p.subList(0, p.size() - 1), v.root()));
    }
    if (v.path().size() > 1) {
      List<byte[]> p = new ArrayList<>(v.path());
      p.add(1, SOME_HASH);
      t.add(v.with("inserted component", i, s, v.leaf(), p, v.root()));
    }
    return t.stream();
  }

  private static Stream<Consistency> tamper(Consistency v) {
    List<Consistency> t = new ArrayList<>();
    long f = v.first();
    long s = v.second();
    byte[] r1 = v.root1();
    byte[] r2 = v.root2();
    List<byte[]> p = v.path();
    byte[] wrong = Hashes.leaf("WrongRoot".getBytes());
    t.add(v.with("wrong root1", f, s, wrong, r2, p));
    t.add(v.with("wrong root2", f, s, r1, wrong, p));
    t.add(v.with("extended proof", f, s, r1, r2, plus(p, SOME_HASH, false)));
    if (p.isEmpty()) {
      return t.stream(); // Trivial proofs: only the roots and the emptiness bind them.
    }
    t.add(v.with("first - 1", f - 1, s, r1, r2, p));
    t.add(v.with("first + 1", f + 1, s, r1, r2, p));
    t.add(v.with("first ^ 2", f ^ 2, s, r1, r2, p));
    t.add(v.with("second * 2", f, s * 2, r1, r2, p));
    t.add(v.with("second / 2", f, s / 2, r1, r2, p));
    t.add(v.with("swapped roots", f, s, r2, r1, p));
    t.add(v.with("empty proof", f, s, r1, r2, List.of()));
    t.add(v.with("trailing garbage", f, s, r1, r2, plus(p, new byte[0], false)));
    t.add(v.with("trailing root1", f, s, r1, r2, plus(p, r1, false)));
    t.add(v.with("trailing root2", f, s, r1, r2, plus(p, r2, false)));
    t.add(v.with("preceding garbage", f, s, r1, r2, plus(p, new byte[0], true)));
    t.add(v.with("preceding root1", f, s, r1, r2, plus(p, r1, true)));
    t.add(v.with("preceding root2", f, s, r1, r2, plus(p, r2, true)));
    t.add(v.with("preceding proof[0]", f, s, r1, r2, plus(p, p.get(0), true)));
    t.add(v.with("truncated proof", f, s, r1, r2, p.subList(0, p.size() - 1)));
    for (int k = 0; k < p.size(); k++) {
      t.add(v.with("flipped bit in path[" + k + "]", f, s, r1, r2, flip(p, k, 16)));
    }
    return t.stream();
  }

  private static List<byte[]> plus(List<byte[]> path, byte[] extra, boolean front) {
    List<byte[]> out = new ArrayList<>(path);
    out.add(front ? 0 : out.size(), extra);
    return out;
  }

  private static List<byte[]> flip(List<byte[]> path, int k, int mask) {
    List<byte[]> out = new ArrayList<>(path);
    byte[] h = out.get(k).clone();
    h[0] ^= (byte) mask;
    out.set(k, h);
    return out;
  }

  private static byte[] b64(Object s) {
    return Base64.getDecoder().decode((String) s);
  }

  @SuppressWarnings("unchecked")
  private static List<byte[]> b64List(Object list) {
    return list == null
        ? List.of()
        : ((List<Object>) list).stream().map(LedgerProofVectorsTest::b64).toList();
  }

  /** The transparency-dev files of one kind, with their wantErr flag as asked. */
  @SuppressWarnings("unchecked")
  private static List<Map.Entry<String, Map<String, Object>>> transparencyDev(
      String kind, boolean wantErr) {
    try {
      Path dir =
          Path.of(
              LedgerProofVectorsTest.class.getResource("/ledger/transparency-dev/" + kind).toURI());
      try (Stream<Path> files = Files.walk(dir)) {
        return files
            .filter(f -> f.toString().endsWith(".json"))
            .sorted()
            .map(f -> {
              String name = "transparency-dev " + dir.relativize(f);
              Map<String, Object> json = (Map<String, Object>) CanonicalJson.parse(readAll(f));
              return Map.entry(name, json);
            })
            .filter(e -> (Boolean) e.getValue().get("wantErr") == wantErr)
            .toList();
      }
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] readAll(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
