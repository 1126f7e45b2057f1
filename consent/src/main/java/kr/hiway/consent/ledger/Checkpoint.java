package kr.hiway.consent.ledger;

import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A C2SP {@code tlog-checkpoint} body: the log's origin, a tree size and the root hash of the tree
 * of that size. Its text is {@code origin\nsize\nbase64(root)\n}; it is signed as a note by {@link
 * CheckpointSigner} and opened by {@link NoteVerifier}.
 *
 * <p>Immutable and thread-safe; no component may be null and the hash is copied in and out.
 */
public record Checkpoint(String origin, long size, byte[] rootHash) {

  private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,18}");

  public Checkpoint {
    if (origin == null || origin.isEmpty() || origin.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("a checkpoint origin must be one non-empty line");
    }
    if (size < 0 || !Hashes.isHash(rootHash)) {
      throw new IllegalArgumentException("a checkpoint needs a size >= 0 and a 32-byte root");
    }
    rootHash = rootHash.clone();
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  /** The checkpoint body, the text that is signed. */
  public String body() {
    return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
  }

  /** The same tree head, as a {@link TreeHead}. */
  public TreeHead treeHead() {
    return new TreeHead(size, rootHash);
  }

  /** Whether both name the same origin, size and root. */
  public boolean sameAs(Checkpoint other) {
    return other != null
        && origin.equals(other.origin)
        && size == other.size
        && Hashes.same(rootHash, other.rootHash);
  }

  /**
   * Parses a checkpoint body. Extension lines after the root hash are allowed, as the format says,
   * and ignored.
   *
   * @throws IllegalArgumentException if it is not a well-formed checkpoint body
   */
  public static Checkpoint parse(String body) {
    if (body == null || !body.endsWith("\n")) {
      throw new IllegalArgumentException("checkpoint body must end with a newline");
    }
    String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
    if (lines.length < 3) {
      throw new IllegalArgumentException("checkpoint body needs origin, size and root lines");
    }
    for (String line : lines) {
      if (line.isEmpty()) {
        throw new IllegalArgumentException("checkpoint body has an empty line");
      }
    }
    if (!DECIMAL.matcher(lines[1]).matches()) {
      throw new IllegalArgumentException("checkpoint size is not a decimal number: " + lines[1]);
    }
    long size;
    try {
      size = Long.parseLong(lines[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("checkpoint size out of range: " + lines[1], e);
    }
    byte[] root;
    try {
      root = Base64.getDecoder().decode(lines[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("checkpoint root is not base64: " + lines[2], e);
    }
    if (root.length != Hashes.SIZE || !Base64.getEncoder().encodeToString(root).equals(lines[2])) {
      throw new IllegalArgumentException("checkpoint root is not a canonical 32-byte hash");
    }
    return new Checkpoint(lines[0], size, root);
  }

  @Override
  public String toString() {
    return "Checkpoint[" + origin + ", size=" + size + ", root=" + Hashes.hex(rootHash) + "]";
  }

  /** Compares the hash bytes, not array identity. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint other
        && origin.equals(other.origin)
        && size == other.size
        && java.util.Arrays.equals(rootHash, other.rootHash);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(origin, size, java.util.Arrays.hashCode(rootHash));
  }
}
