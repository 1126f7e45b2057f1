package kr.hiway.consent.ledger;

import java.nio.charset.StandardCharsets;

/** The key names and key hashes of C2SP signed notes (golang.org/x/mod/sumdb/note). */
final class NoteKeys {

  /** The signature algorithm byte of Ed25519 keys. */
  static final byte ALG_ED25519 = 0x01;

  private NoteKeys() {}

  /** A key name is non-empty and has neither '+' nor white space, so key strings split on '+'. */
  static boolean validName(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    return name.codePoints()
        .noneMatch(c ->
            c == '+'
                || Character.isWhitespace(c)
                || Character.isSpaceChar(c)
                || Character.isISOControl(c));
  }

  /** The signature type byte of Ed25519 cosignatures (C2SP tlog-cosignature, cosignature/v1). */
  static final byte ALG_COSIGNATURE_V1 = 0x04;

  /** The first four bytes of SHA-256(name || 0x0A || 0x01 || public key), big-endian. */
  static int keyHash(String name, byte[] publicKey) {
    return keyHash(name, ALG_ED25519, publicKey);
  }

  /** The first four bytes of SHA-256(name || 0x0A || type || public key), big-endian. */
  static int keyHash(String name, byte type, byte[] publicKey) {
    byte[] h =
        Hashes.sha256(name.getBytes(StandardCharsets.UTF_8), new byte[] {'\n', type}, publicKey);
    return ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
  }

  static String hex8(int keyHash) {
    return String.format("%08x", keyHash);
  }

  static byte[] bytes(int keyHash) {
    return new byte[] {
      (byte) (keyHash >>> 24), (byte) (keyHash >>> 16), (byte) (keyHash >>> 8), (byte) keyHash
    };
  }
}
