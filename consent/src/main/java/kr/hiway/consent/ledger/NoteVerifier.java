package kr.hiway.consent.ledger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Opens C2SP signed notes signed with one Ed25519 key, given as a verifier key string {@code
 * <name>+<8 hex digits of key hash>+<base64(0x01 || public key)>}.
 *
 * <p>A note is accepted when a signature line carries this key's name and key hash and verifies
 * over the note text; signatures by other keys are ignored, as the format requires (witnesses may
 * cosign). Immutable and thread-safe. Arguments must not be null.
 */
public final class NoteVerifier {

  private static final Pattern HEX8 = Pattern.compile("[0-9a-f]{8}");

  private final String name;
  private final int keyHash;
  private final byte[] publicKey;

  private NoteVerifier(String name, int keyHash, byte[] publicKey) {
    this.name = name;
    this.keyHash = keyHash;
    this.publicKey = publicKey;
  }

  /**
   * Parses a verifier key.
   *
   * @throws IllegalArgumentException if it is malformed, not Ed25519, or its hash does not match
   */
  public static NoteVerifier of(String verifierKey) {
    String[] parts = verifierKey.split("\\+", 3);
    if (parts.length != 3 || !NoteKeys.validName(parts[0]) || !HEX8.matcher(parts[1]).matches()) {
      throw new IllegalArgumentException("malformed verifier key: " + verifierKey);
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed verifier key: " + verifierKey, e);
    }
    if (raw.length != 33 || raw[0] != NoteKeys.ALG_ED25519) {
      throw new IllegalArgumentException("not an Ed25519 verifier key: " + verifierKey);
    }
    byte[] publicKey = Arrays.copyOfRange(raw, 1, 33);
    int hash = NoteKeys.keyHash(parts[0], publicKey);
    if (!NoteKeys.hex8(hash).equals(parts[1])) {
      throw new IllegalArgumentException("verifier key hash does not match: " + verifierKey);
    }
    return new NoteVerifier(parts[0], hash, publicKey);
  }

  public String name() {
    return name;
  }

  /** {@code name+hash}, how errors name the key. */
  public String keyId() {
    return name + "+" + NoteKeys.hex8(keyHash);
  }

  /**
   * Verifies a signed note and returns its text.
   *
   * @throws NoteVerificationException if the note is malformed, has no signature by this key, or
   *     this key's signature does not verify
   */
  public String open(String note) throws NoteVerificationException {
    SignedNote.Parsed parsed = SignedNote.parse(note);
    byte[] text = parsed.text().getBytes(StandardCharsets.UTF_8);
    boolean verified = false;
    List<String> others = new ArrayList<>();
    for (SignedNote.Signature s : parsed.signatures()) {
      if (!s.name().equals(name) || s.keyHash() != keyHash) {
        others.add(s.name() + "+" + NoteKeys.hex8(s.keyHash()));
        continue;
      }
      if (!verify(text, s.signature())) {
        throw new NoteVerificationException(
            NoteVerificationException.Reason.BAD_SIGNATURE,
            "invalid signature for key " + keyId(),
            note);
      }
      verified = true;
    }
    if (!verified) {
      throw new NoteVerificationException(
          NoteVerificationException.Reason.UNKNOWN_KEY,
          "no signature by key " + keyId() + " (signed by " + String.join(", ", others) + ")",
          note);
    }
    return parsed.text();
  }

  /**
   * Verifies a signed checkpoint and returns the checkpoint.
   *
   * @throws NoteVerificationException as {@link #open}, or with reason MALFORMED when the signed
   *     text is not a checkpoint
   */
  public Checkpoint openCheckpoint(String note) throws NoteVerificationException {
    String text = open(note);
    try {
      return Checkpoint.parse(text);
    } catch (IllegalArgumentException e) {
      throw new NoteVerificationException(
          NoteVerificationException.Reason.MALFORMED,
          "malformed checkpoint: " + e.getMessage(),
          note);
    }
  }

  private boolean verify(byte[] text, byte[] signature) {
    if (signature.length != Ed25519PublicKeyParameters.KEY_SIZE * 2) {
      return false;
    }
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
    verifier.update(text, 0, text.length);
    return verifier.verifySignature(signature);
  }

  @Override
  public String toString() {
    return "NoteVerifier[" + keyId() + "]";
  }
}
