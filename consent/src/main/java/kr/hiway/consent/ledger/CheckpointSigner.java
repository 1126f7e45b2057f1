package kr.hiway.consent.ledger;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Signs checkpoints as C2SP signed notes with an Ed25519 key.
 *
 * <p>A note is the text, a blank line, and one line {@code — <name> <base64(key hash ||
 * signature)>}; the matching verifier key is {@link #verifierKey()}, {@code <name>+<hex key
 * hash>+<base64(0x01 || public key)>}, which is what regulators are given.
 *
 * <p>Thread-safe (a fresh Bouncy Castle signer per signature). Arguments must not be null.
 */
public final class CheckpointSigner {

  private static final String PRIVATE_PREFIX = "PRIVATE+KEY+";

  private final String name;
  private final Ed25519PrivateKeyParameters key;
  private final byte[] publicKey;
  private final int keyHash;

  private CheckpointSigner(String name, byte[] seed) {
    if (!NoteKeys.validName(name)) {
      throw new IllegalArgumentException("invalid key name: " + name);
    }
    if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
      throw new IllegalArgumentException("an Ed25519 seed is 32 bytes, not " + seed.length);
    }
    this.name = name;
    this.key = new Ed25519PrivateKeyParameters(seed, 0);
    this.publicKey = key.generatePublicKey().getEncoded();
    this.keyHash = NoteKeys.keyHash(name, publicKey);
  }

  /** A signer named {@code name} with the Ed25519 key of the 32-byte {@code seed}. */
  public static CheckpointSigner fromSeed(String name, byte[] seed) {
    return new CheckpointSigner(name, seed.clone());
  }

  /** A signer with a fresh random key, for demos and tests. */
  public static CheckpointSigner generate(String name) {
    byte[] seed = new byte[32];
    new SecureRandom().nextBytes(seed);
    return new CheckpointSigner(name, seed);
  }

  /**
   * A signer from a private key string of golang.org/x/mod/sumdb/note, {@code
   * PRIVATE+KEY+<name>+<hex key hash>+<base64(0x01 || seed)>}.
   */
  public static CheckpointSigner parse(String privateKey) {
    if (!privateKey.startsWith(PRIVATE_PREFIX)) {
      throw new IllegalArgumentException("not a note private key");
    }
    String[] parts = privateKey.substring(PRIVATE_PREFIX.length()).split("\\+", 3);
    if (parts.length != 3) {
      throw new IllegalArgumentException("malformed note private key");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed note private key", e);
    }
    if (raw.length != 33 || raw[0] != NoteKeys.ALG_ED25519) {
      throw new IllegalArgumentException("not an Ed25519 note private key");
    }
    CheckpointSigner signer = new CheckpointSigner(parts[0], Arrays.copyOfRange(raw, 1, 33));
    if (!NoteKeys.hex8(signer.keyHash).equals(parts[1])) {
      throw new IllegalArgumentException("note private key hash does not match the key");
    }
    return signer;
  }

  public String name() {
    return name;
  }

  /** The raw 32-byte Ed25519 public key. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The verifier key string to hand to verifiers. */
  public String verifierKey() {
    return keyString(publicKey);
  }

  /**
   * The private key string {@link #parse} reads, {@code PRIVATE+KEY+<name>+<hex key
   * hash>+<base64(0x01 || seed)>}: a secret, for the key store that keeps it.
   */
  public String privateKey() {
    return PRIVATE_PREFIX + keyString(key.getEncoded());
  }

  /** {@code <name>+<hex key hash>+<base64(0x01 || the 32 key bytes)>}. */
  private String keyString(byte[] keyBytes) {
    byte[] withAlg = new byte[33];
    withAlg[0] = NoteKeys.ALG_ED25519;
    System.arraycopy(keyBytes, 0, withAlg, 1, 32);
    return name + "+" + NoteKeys.hex8(keyHash) + "+" + Base64.getEncoder().encodeToString(withAlg);
  }

  /** The signed note of a checkpoint. */
  public String sign(Checkpoint checkpoint) {
    return signNote(checkpoint.body());
  }

  /**
   * Signs any note text: one or more lines, each ending in a newline.
   *
   * @throws IllegalArgumentException if the text is not a valid note text
   */
  public String signNote(String text) {
    SignedNote.checkText(text);
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key);
    byte[] msg = text.getBytes(StandardCharsets.UTF_8);
    signer.update(msg, 0, msg.length);
    byte[] sig = signer.generateSignature();
    byte[] blob = new byte[4 + sig.length];
    System.arraycopy(NoteKeys.bytes(keyHash), 0, blob, 0, 4);
    System.arraycopy(sig, 0, blob, 4, sig.length);
    return text
        + "\n"
        + SignedNote.DASH
        + name
        + " "
        + Base64.getEncoder().encodeToString(blob)
        + "\n";
  }

  @Override
  public String toString() {
    return "CheckpointSigner[" + verifierKey() + "]";
  }
}
