package kr.hiway.consent.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A witness's key: it cosigns checkpoints as C2SP {@code cosignature/v1} (Ed25519). The signed
 * message is {@code cosignature/v1\ntime <timestamp>\n} followed by the checkpoint's note text; the
 * signature line is {@code — <name> base64(key ID || u64 timestamp || signature)}, the key ID being
 * the first four bytes of SHA-256(name || 0x0A || 0x04 || public key).
 *
 * <p>Keys are strings like the signed-note ones, with type 0x04: {@code PRIVATE+KEY+<name>+<hex key
 * ID>+<base64(0x04 || seed)>} (secret) and {@code <name>+<hex key ID>+<base64(0x04 || public key)>}
 * (for verifiers, {@link CosignatureVerifier}). Immutable and thread-safe.
 */
public final class Cosigner {

  private static final String PRIVATE_PREFIX = "PRIVATE+KEY+";

  private final String name;
  private final Ed25519PrivateKeyParameters key;
  private final byte[] publicKey;
  private final int keyId;

  private Cosigner(String name, byte[] seed) {
    if (!NoteKeys.validName(name)) {
      throw new IllegalArgumentException("invalid cosigner name: " + name);
    }
    if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
      throw new IllegalArgumentException("an Ed25519 seed is 32 bytes, not " + seed.length);
    }
    this.name = name;
    this.key = new Ed25519PrivateKeyParameters(seed, 0);
    this.publicKey = key.generatePublicKey().getEncoded();
    this.keyId = NoteKeys.keyHash(name, NoteKeys.ALG_COSIGNATURE_V1, publicKey);
  }

  /** A cosigner with a fresh random key. */
  public static Cosigner generate(String name) {
    byte[] seed = new byte[32];
    new SecureRandom().nextBytes(seed);
    return new Cosigner(name, seed);
  }

  /** A cosigner from its private key string ({@link #privateKey}). */
  public static Cosigner parse(String privateKey) {
    String s = privateKey.strip();
    if (!s.startsWith(PRIVATE_PREFIX)) {
      throw new IllegalArgumentException("not a cosigner private key");
    }
    String[] parts = s.substring(PRIVATE_PREFIX.length()).split("\\+", 3);
    if (parts.length != 3) {
      throw new IllegalArgumentException("malformed cosigner private key");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed cosigner private key", e);
    }
    if (raw.length != 33 || raw[0] != NoteKeys.ALG_COSIGNATURE_V1) {
      throw new IllegalArgumentException("not a cosignature/v1 private key");
    }
    Cosigner c = new Cosigner(parts[0], Arrays.copyOfRange(raw, 1, 33));
    if (!NoteKeys.hex8(c.keyId).equals(parts[1])) {
      throw new IllegalArgumentException("cosigner private key ID does not match the key");
    }
    return c;
  }

  public String name() {
    return name;
  }

  /** The private key string: a secret, for the witness's own storage. */
  public String privateKey() {
    return PRIVATE_PREFIX + keyString(key.getEncoded());
  }

  /** The verifier key string ({@code vkey}) to configure in clients. */
  public String verifierKey() {
    return keyString(publicKey);
  }

  private String keyString(byte[] keyBytes) {
    byte[] withType = new byte[33];
    withType[0] = NoteKeys.ALG_COSIGNATURE_V1;
    System.arraycopy(keyBytes, 0, withType, 1, 32);
    return name + "+" + NoteKeys.hex8(keyId) + "+" + Base64.getEncoder().encodeToString(withType);
  }

  /**
   * The cosignature line (ending in a newline) on the checkpoint whose note text is {@code body},
   * made at {@code timestamp} (POSIX seconds, positive).
   */
  public String cosign(String body, long timestamp) {
    if (timestamp <= 0) {
      throw new IllegalArgumentException("a cosignature's timestamp must be positive");
    }
    SignedNote.checkText(body);
    byte[] message = message(body, timestamp);
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key);
    signer.update(message, 0, message.length);
    byte[] signature = signer.generateSignature();
    ByteBuffer blob = ByteBuffer.allocate(4 + 8 + signature.length);
    blob.put(NoteKeys.bytes(keyId)).putLong(timestamp).put(signature);
    return SignedNote.DASH + name + " " + Base64.getEncoder().encodeToString(blob.array()) + "\n";
  }

  /** {@code cosignature/v1\ntime <timestamp>\n<body>}: what a cosignature signs. */
  static byte[] message(String body, long timestamp) {
    return ("cosignature/v1\ntime " + timestamp + "\n" + body).getBytes(StandardCharsets.UTF_8);
  }
}
