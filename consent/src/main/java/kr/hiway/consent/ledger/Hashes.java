package kr.hiway.consent.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The RFC 6962 / RFC 9162 hashes of the ledger's Merkle tree, with SHA-256.
 *
 * <p>Leaf hashes are {@code SHA-256(0x00 || data)} and interior node hashes are {@code SHA-256(0x01
 * || left || right)}: the prefixes keep a leaf from being passed off as a node. The hash of the
 * empty tree is {@code SHA-256()}.
 *
 * <p>Stateless and thread-safe. No argument may be null; returned arrays are fresh and owned by the
 * caller.
 */
public final class Hashes {

  /** The length of every hash in the tree, in bytes. */
  public static final int SIZE = 32;

  private static final byte[] EMPTY_ROOT = digest().digest();

  private Hashes() {}

  /** {@code SHA-256(0x00 || data)}. */
  public static byte[] leaf(byte[] data) {
    MessageDigest d = digest();
    d.update((byte) 0x00);
    d.update(data);
    return d.digest();
  }

  /** {@code SHA-256(0x01 || left || right)}. */
  public static byte[] node(byte[] left, byte[] right) {
    MessageDigest d = digest();
    d.update((byte) 0x01);
    d.update(left);
    d.update(right);
    return d.digest();
  }

  /** The root of the tree of size 0, {@code SHA-256()} of nothing. */
  public static byte[] emptyRoot() {
    return EMPTY_ROOT.clone();
  }

  /** Plain SHA-256 of the concatenation of the parts. */
  public static byte[] sha256(byte[]... parts) {
    MessageDigest d = digest();
    for (byte[] p : parts) {
      d.update(p);
    }
    return d.digest();
  }

  static boolean isHash(byte[] value) {
    return value != null && value.length == SIZE;
  }

  /** Constant-time comparison: proofs are checked against attacker-supplied bytes. */
  static boolean same(byte[] a, byte[] b) {
    return a != null && b != null && MessageDigest.isEqual(a, b);
  }

  static String hex(byte[] value) {
    if (value == null) {
      return "null";
    }
    StringBuilder s = new StringBuilder(value.length * 2);
    for (byte b : value) {
      s.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return s.toString();
  }

  static byte[] copy(byte[] value) {
    return value == null ? null : Arrays.copyOf(value, value.length);
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
