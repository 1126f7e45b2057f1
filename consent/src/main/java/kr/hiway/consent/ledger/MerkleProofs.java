package kr.hiway.consent.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * Verification of inclusion and consistency proofs, exactly as RFC 9162 §2.1.3.2 and §2.1.4.2
 * describe, so that anyone can check the ledger without trusting its operator.
 *
 * <p>Stateless and thread-safe. Null arguments are treated as invalid input and give an {@link
 * ProofCheck.Invalid}, never an exception, because everything here may come from an adversary.
 */
public final class MerkleProofs {

  private MerkleProofs() {}

  /**
   * Checks that {@code leafHash} is leaf {@code index} of the tree of {@code size} with {@code
   * root}.
   */
  public static ProofCheck verifyInclusion(
      long index, long size, byte[] leafHash, List<byte[]> path, byte[] root) {
    if (!Hashes.isHash(leafHash)) {
      return ProofCheck.fail("leaf hash is not " + Hashes.SIZE + " bytes");
    }
    if (!Hashes.isHash(root)) {
      return ProofCheck.fail("root hash is not " + Hashes.SIZE + " bytes");
    }
    if (path == null) {
      return ProofCheck.fail("no proof");
    }
    if (index < 0 || index >= size) {
      return ProofCheck.fail("leaf index " + index + " is not below tree size " + size);
    }
    String bad = badElement(path);
    if (bad != null) {
      return ProofCheck.fail(bad);
    }
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash;
    for (byte[] p : path) {
      if (sn == 0) {
        return ProofCheck.fail("proof too long");
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = Hashes.node(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = Hashes.node(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    if (sn != 0) {
      return ProofCheck.fail("proof too short");
    }
    return Hashes.same(r, root) ? ProofCheck.ok() : ProofCheck.fail("root mismatch");
  }

  /**
   * Checks that the tree of {@code first} leaves with root {@code firstRoot} is a prefix of the
   * tree of {@code second} leaves with root {@code secondRoot}.
   */
  public static ProofCheck verifyConsistency(
      long first, long second, byte[] firstRoot, byte[] secondRoot, List<byte[]> path) {
    if (!Hashes.isHash(firstRoot) || !Hashes.isHash(secondRoot)) {
      return ProofCheck.fail("root hash is not " + Hashes.SIZE + " bytes");
    }
    if (path == null) {
      return ProofCheck.fail("no proof");
    }
    if (first < 0 || first > second) {
      return ProofCheck.fail("tree size " + first + " is larger than tree size " + second);
    }
    if (first == second) {
      if (!path.isEmpty()) {
        return ProofCheck.fail("proof must be empty for equal tree sizes");
      }
      return Hashes.same(firstRoot, secondRoot)
          ? ProofCheck.ok()
          : ProofCheck.fail("different roots for the same tree size");
    }
    if (first == 0) {
      // Every tree extends the empty one; RFC 9162 defines no proof for it.
      return path.isEmpty() ? ProofCheck.ok() : ProofCheck.fail("proof must be empty from size 0");
    }
    if (path.isEmpty()) {
      return ProofCheck.fail("empty proof");
    }
    String bad = badElement(path);
    if (bad != null) {
      return ProofCheck.fail(bad);
    }
    List<byte[]> c = new ArrayList<>(path.size() + 1);
    if ((first & (first - 1)) == 0) {
      c.add(firstRoot);
    }
    c.addAll(path);
    long fn = first - 1;
    long sn = second - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    byte[] fr = c.get(0);
    byte[] sr = c.get(0);
    for (int i = 1; i < c.size(); i++) {
      byte[] p = c.get(i);
      if (sn == 0) {
        return ProofCheck.fail("proof too long");
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = Hashes.node(p, fr);
        sr = Hashes.node(p, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        sr = Hashes.node(sr, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    if (sn != 0) {
      return ProofCheck.fail("proof too short");
    }
    if (!Hashes.same(fr, firstRoot)) {
      return ProofCheck.fail("first root mismatch");
    }
    if (!Hashes.same(sr, secondRoot)) {
      return ProofCheck.fail("second root mismatch");
    }
    return ProofCheck.ok();
  }

  private static String badElement(List<byte[]> path) {
    for (int i = 0; i < path.size(); i++) {
      byte[] p = path.get(i);
      if (!Hashes.isHash(p)) {
        return "proof element "
            + i
            + " is "
            + (p == null ? "null" : p.length + " bytes")
            + ", not "
            + Hashes.SIZE;
      }
    }
    return null;
  }
}
