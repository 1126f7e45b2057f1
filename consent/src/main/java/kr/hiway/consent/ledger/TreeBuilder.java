package kr.hiway.consent.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Merkle tree (RFC 6962) grown one leaf at a time, keeping only its right edge: at most one hash
 * per bit of the size, so a verifier can recompute the root of a log of any size in constant memory
 * and carry the edge from one run to the next. Not thread-safe.
 */
public final class TreeBuilder {

  private Frontier frontier;

  private TreeBuilder(Frontier frontier) {
    this.frontier = frontier;
  }

  /** The empty tree. */
  public static TreeBuilder empty() {
    return new TreeBuilder(Frontier.empty());
  }

  /**
   * The tree of {@code size} leaves whose right edge is {@code edge} (as {@link #edge} gave it).
   *
   * @throws IllegalArgumentException if the edge does not fit the size
   */
  public static TreeBuilder of(long size, List<byte[]> edge) {
    List<NodeId> ids = TreeMath.frontier(size);
    if (ids.size() != edge.size()) {
      throw new IllegalArgumentException(
          "a tree of " + size + " leaves has " + ids.size() + " edge hashes, not " + edge.size());
    }
    Map<NodeId, byte[]> stored = new java.util.HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      if (!Hashes.isHash(edge.get(i))) {
        throw new IllegalArgumentException("edge hash " + i + " is not 32 bytes");
      }
      stored.put(ids.get(i), edge.get(i));
    }
    return new TreeBuilder(Frontier.of(size, stored));
  }

  /** Adds a leaf by its leaf hash ({@link Hashes#leaf}). */
  public void add(byte[] leafHash) {
    frontier = frontier.extend(List.of(leafHash)).next();
  }

  public long size() {
    return frontier.size();
  }

  /** The root hash of the tree so far. */
  public byte[] root() {
    return frontier.root();
  }

  /** The right edge, largest subtree first: what {@link #of} takes back. */
  public List<byte[]> edge() {
    List<byte[]> out = new ArrayList<>();
    for (Frontier.Node n : frontier.nodes()) {
      out.add(n.hash().clone());
    }
    return out;
  }
}
