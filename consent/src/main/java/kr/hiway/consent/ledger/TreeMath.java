package kr.hiway.consent.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the hashes of an RFC 9162 proof come from, as ranges of leaves.
 *
 * <p>Every element of an inclusion or consistency proof is the Merkle tree hash of some range
 * {@code [start, end)} of leaves, and every such range that the RFC's recursion produces starts at
 * a multiple of a power of two at least as large as the range; so the range splits into the perfect
 * subtrees of the set bits of its length, largest first, and its hash is those folded from the
 * right. That lets proofs be assembled from stored perfect-subtree hashes alone.
 */
final class TreeMath {

  private TreeMath() {}

  /** A range of leaf indexes, {@code [start, end)}, never empty. */
  record Range(long start, long end) {
    Range {
      if (start < 0 || end <= start) {
        throw new IllegalArgumentException("empty or negative range [" + start + ", " + end + ")");
      }
    }
  }

  /** The largest power of two strictly smaller than {@code n}, for {@code n > 1}. */
  static long splitPoint(long n) {
    return Long.highestOneBit(n - 1);
  }

  /** The perfect subtrees that make up the range, left to right (so largest first). */
  static List<NodeId> cover(Range range) {
    List<NodeId> nodes = new ArrayList<>(4);
    long start = range.start();
    while (start < range.end()) {
      long remaining = range.end() - start;
      long size = Long.highestOneBit(remaining);
      if (start != 0) {
        size = Math.min(size, Long.lowestOneBit(start));
      }
      int level = Long.numberOfTrailingZeros(size);
      nodes.add(new NodeId(level, start >> level));
      start += size;
    }
    return nodes;
  }

  /** The nodes on the right edge of a tree of {@code size} leaves; their fold is its root. */
  static List<NodeId> frontier(long size) {
    return size == 0 ? List.of() : cover(new Range(0, size));
  }

  /** The Merkle tree hash of hashes of consecutive perfect subtrees, largest first. */
  static byte[] fold(List<byte[]> hashes) {
    byte[] acc = hashes.get(hashes.size() - 1);
    for (int i = hashes.size() - 2; i >= 0; i--) {
      acc = Hashes.node(hashes.get(i), acc);
    }
    return acc;
  }

  /** The ranges whose hashes form PATH(index, D[0:size]) of RFC 9162 §2.1.3.1, bottom first. */
  static List<Range> inclusion(long index, long size) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + size);
    }
    List<Range> path = new ArrayList<>(64);
    inclusion(index, 0, size, path);
    return path;
  }

  private static void inclusion(long index, long lo, long hi, List<Range> out) {
    if (hi - lo == 1) {
      return;
    }
    long k = splitPoint(hi - lo);
    if (index < lo + k) {
      inclusion(index, lo, lo + k, out);
      out.add(new Range(lo + k, hi));
    } else {
      inclusion(index, lo + k, hi, out);
      out.add(new Range(lo, lo + k));
    }
  }

  /** The ranges whose hashes form PROOF(first, D[0:second]) of RFC 9162 §2.1.4.1. */
  static List<Range> consistency(long first, long second) {
    if (first < 0 || first > second) {
      throw new IllegalArgumentException(
          "no consistency proof from size " + first + " to size " + second);
    }
    List<Range> path = new ArrayList<>(64);
    if (first > 0 && first < second) {
      subproof(first, 0, second, true, path);
    }
    return path;
  }

  private static void subproof(long m, long lo, long hi, boolean whole, List<Range> out) {
    long n = hi - lo;
    if (m == n) {
      if (!whole) {
        out.add(new Range(lo, hi));
      }
      return;
    }
    long k = splitPoint(n);
    if (m <= k) {
      subproof(m, lo, lo + k, whole, out);
      out.add(new Range(lo + k, hi));
    } else {
      subproof(m - k, lo + k, hi, false, out);
      out.add(new Range(lo, lo + k));
    }
  }
}
