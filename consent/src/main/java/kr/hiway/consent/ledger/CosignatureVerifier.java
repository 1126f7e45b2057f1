package kr.hiway.consent.ledger;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Checks a witness's {@code cosignature/v1} on a checkpoint note ({@link Cosigner}), given the
 * witness's verifier key {@code <name>+<hex key ID>+<base64(0x04 || public key)>}. Signature lines
 * of other keys are ignored. Immutable and thread-safe.
 */
public final class CosignatureVerifier {

  private static final Pattern HEX8 = Pattern.compile("[0-9a-f]{8}");

  private final String name;
  private final int keyId;
  private final byte[] publicKey;

  private CosignatureVerifier(String name, int keyId, byte[] publicKey) {
    this.name = name;
    this.keyId = keyId;
    this.publicKey = publicKey;
  }

  /**
   * Parses a verifier key.
   *
   * @throws IllegalArgumentException if it is malformed, not cosignature/v1, or its ID does not
   *     match
   */
  public static CosignatureVerifier of(String verifierKey) {
    String[] parts = verifierKey.strip().split("\\+", 3);
    if (parts.length != 3 || !NoteKeys.validName(parts[0]) || !HEX8.matcher(parts[1]).matches()) {
      throw new IllegalArgumentException("malformed cosigner key: " + verifierKey);
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed cosigner key: " + verifierKey, e);
    }
    if (raw.length != 33 || raw[0] != NoteKeys.ALG_COSIGNATURE_V1) {
      throw new IllegalArgumentException("not a cosignature/v1 key: " + verifierKey);
    }
    byte[] publicKey = Arrays.copyOfRange(raw, 1, 33);
    int id = NoteKeys.keyHash(parts[0], NoteKeys.ALG_COSIGNATURE_V1, publicKey);
    if (!NoteKeys.hex8(id).equals(parts[1])) {
      throw new IllegalArgumentException("cosigner key ID does not match: " + verifierKey);
    }
    return new CosignatureVerifier(parts[0], id, publicKey);
  }

  public String name() {
    return name;
  }

  /**
   * The timestamp of this witness's valid cosignature on {@code note} (a checkpoint with its
   * signature lines), or empty if it has none.
   *
   * @throws NoteVerificationException if the note is malformed, or a line carries this key's name
   *     and ID and does not verify
   */
  public OptionalLong verify(String note) throws NoteVerificationException {
    SignedNote.Parsed parsed = SignedNote.parse(note);
    OptionalLong found = OptionalLong.empty();
    for (SignedNote.Signature s : parsed.signatures()) {
      if (!s.name().equals(name) || s.keyHash() != keyId) {
        continue;
      }
      byte[] blob = s.signature();
      if (blob.length != 8 + 64) {
        throw bad(note);
      }
      long timestamp = ByteBuffer.wrap(blob, 0, 8).getLong();
      byte[] message = Cosigner.message(parsed.text(), timestamp);
      Ed25519Signer verifier = new Ed25519Signer();
      verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
      verifier.update(message, 0, message.length);
      if (timestamp <= 0 || !verifier.verifySignature(Arrays.copyOfRange(blob, 8, 72))) {
        throw bad(note);
      }
      found = OptionalLong.of(timestamp);
    }
    return found;
  }

  private NoteVerificationException bad(String note) {
    return new NoteVerificationException(
        NoteVerificationException.Reason.BAD_SIGNATURE,
        "invalid cosignature for key " + name + "+" + NoteKeys.hex8(keyId),
        note);
  }
}
