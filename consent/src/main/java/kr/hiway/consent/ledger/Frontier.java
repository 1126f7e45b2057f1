package kr.hiway.consent.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The right edge of the tree: the perfect subtrees, largest first, that make up a tree of {@link
 * #size()} leaves. It is all an append needs, so appending reads O(log n) hashes and writes each
 * new node hash exactly once, when its subtree completes.
 *
 * <p>Immutable and thread-safe.
 */
final class Frontier {

  /** A hash of a perfect subtree. */
  record Node(NodeId id, byte[] hash) {}

  /** What an append produced: the new right edge and the interior nodes completed on the way. */
  record Growth(Frontier next, List<Node> completed) {}

  private final long size;
  private final List<Node> nodes;

  private Frontier(long size, List<Node> nodes) {
    this.size = size;
    this.nodes = List.copyOf(nodes);
  }

  static Frontier empty() {
    return new Frontier(0, List.of());
  }

  /** Builds the frontier of a tree of {@code size} leaves from stored hashes. */
  static Frontier of(long size, Map<NodeId, byte[]> stored) {
    List<Node> nodes = new ArrayList<>();
    for (NodeId id : TreeMath.frontier(size)) {
      byte[] h = stored.get(id);
      if (h == null) {
        throw new LedgerCorruptionException(
            "node " + id + " of the tree of size " + size + " is missing", List.of(id));
      }
      nodes.add(new Node(id, h));
    }
    return new Frontier(size, nodes);
  }

  long size() {
    return size;
  }

  /** The edge's nodes, largest subtree first. */
  List<Node> nodes() {
    return nodes;
  }

  byte[] root() {
    if (nodes.isEmpty()) {
      return Hashes.emptyRoot();
    }
    return TreeMath.fold(nodes.stream().map(Node::hash).toList());
  }

  /** Appends leaves with the given hashes. */
  Growth extend(List<byte[]> leafHashes) {
    List<Node> edge = new ArrayList<>(nodes);
    List<Node> completed = new ArrayList<>(leafHashes.size());
    long next = size;
    for (byte[] leafHash : leafHashes) {
      Node node = new Node(new NodeId(0, next), leafHash);
      // A node with an odd index is a right child: its left sibling is the smallest node on the
      // edge, and together they complete their parent.
      while ((node.id().index() & 1) == 1) {
        Node left = edge.remove(edge.size() - 1);
        node = new Node(node.id().parent(), Hashes.node(left.hash(), node.hash()));
        completed.add(node);
      }
      edge.add(node);
      next++;
    }
    return new Growth(new Frontier(next, edge), completed);
  }
}
