package kr.hiway.consent.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle tree hash, inclusion paths and consistency proofs computed straight from the recursive
 * definitions of RFC 9162 §2.1.1, §2.1.3.1 and §2.1.4.1, over a list of leaf hashes.
 *
 * <p>It is O(n) per call and meant for audits (recompute everything from the entries) and for
 * cross-checking the stored tree in tests, never for serving proofs. Stateless and thread-safe;
 * arguments must not be null and the leaf list must not change during a call.
 */
public final class ReferenceMerkleTree {

  private ReferenceMerkleTree() {}

  /** MTH(D[0:n]) for the given leaf hashes; the empty list gives the empty-tree hash. */
  public static byte[] root(List<byte[]> leafHashes) {
    return leafHashes.isEmpty() ? Hashes.emptyRoot() : mth(leafHashes, 0, leafHashes.size());
  }

  /** PATH(m, D[0:n]) for leaf {@code index} of the first {@code size} leaf hashes. */
  public static List<byte[]> inclusionPath(List<byte[]> leafHashes, int index, int size) {
    if (index < 0 || index >= size || size > leafHashes.size()) {
      throw new IllegalArgumentException("no leaf " + index + " in a tree of size " + size);
    }
    List<byte[]> out = new ArrayList<>();
    path(leafHashes, index, 0, size, out);
    return out;
  }

  /** PROOF(m, D[0:n]) between the first {@code first} and the first {@code second} leaves. */
  public static List<byte[]> consistencyProof(List<byte[]> leafHashes, int first, int second) {
    if (first < 0 || first > second || second > leafHashes.size()) {
      throw new IllegalArgumentException("no proof from " + first + " to " + second);
    }
    List<byte[]> out = new ArrayList<>();
    if (first > 0 && first < second) {
      subproof(leafHashes, first, 0, second, true, out);
    }
    return out;
  }

  private static byte[] mth(List<byte[]> d, int lo, int hi) {
    if (hi - lo == 1) {
      return d.get(lo);
    }
    int k = (int) TreeMath.splitPoint(hi - lo);
    return Hashes.node(mth(d, lo, lo + k), mth(d, lo + k, hi));
  }

  private static void path(List<byte[]> d, int m, int lo, int hi, List<byte[]> out) {
    if (hi - lo == 1) {
      return;
    }
    int k = (int) TreeMath.splitPoint(hi - lo);
    if (m < lo + k) {
      path(d, m, lo, lo + k, out);
      out.add(mth(d, lo + k, hi));
    } else {
      path(d, m, lo + k, hi, out);
      out.add(mth(d, lo, lo + k));
    }
  }

  private static void subproof(List<byte[]> d, int m, int lo, int hi, boolean b, List<byte[]> out) {
    int n = hi - lo;
    if (m == n) {
      if (!b) {
        out.add(mth(d, lo, hi));
      }
      return;
    }
    int k = (int) TreeMath.splitPoint(n);
    if (m <= k) {
      subproof(d, m, lo, lo + k, b, out);
      out.add(mth(d, lo + k, hi));
    } else {
      subproof(d, m - k, lo + k, hi, false, out);
      out.add(mth(d, lo, lo + k));
    }
  }
}
