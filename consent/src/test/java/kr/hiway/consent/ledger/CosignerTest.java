package kr.hiway.consent.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * cosignature/v1 as C2SP tlog-cosignature defines it, checked with the JDK's own Ed25519 (an
 * implementation independent of the Bouncy Castle one that signs): the key ID, the timestamped
 * signature layout and the signed message.
 */
class CosignerTest {

  static final String BODY =
      "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";

  @Test
  void cosignatureWhenMadeThenLayoutKeyIdAndSignatureMatchTheSpecification() throws Exception {
    Cosigner c = Cosigner.generate("witness.example.com/w1");
    String line = c.cosign(BODY, 1679315147L);
    assertThat(line).startsWith("\u2014 witness.example.com/w1 ").endsWith("\n");
    byte[] blob = Base64.getDecoder().decode(line.substring(line.lastIndexOf(' ') + 1).strip());
    assertThat(blob).hasSize(4 + 8 + 64);

    byte[] vkey = Base64.getDecoder().decode(c.verifierKey().split("\\+", 3)[2]);
    assertThat(vkey[0]).isEqualTo((byte) 0x04);
    byte[] publicKey = Arrays.copyOfRange(vkey, 1, 33);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update("witness.example.com/w1\n".getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0x04);
    sha.update(publicKey);
    assertThat(Arrays.copyOfRange(blob, 0, 4)).isEqualTo(Arrays.copyOf(sha.digest(), 4));
    assertThat(ByteBuffer.wrap(blob, 4, 8).getLong()).isEqualTo(1679315147L);

    Signature jdk = Signature.getInstance("Ed25519");
    jdk.initVerify(jdkKey(publicKey));
    jdk.update(("cosignature/v1\ntime 1679315147\n" + BODY).getBytes(StandardCharsets.UTF_8));
    assertThat(jdk.verify(Arrays.copyOfRange(blob, 12, 76))).isTrue();
  }

  @Test
  void verifierWhenTheLineIsTamperedThenRefusedAndOtherKeysIgnored() throws Exception {
    Cosigner c = Cosigner.generate("witness.example.com/w1");
    String note = BODY + "\n" + c.cosign(BODY, 1700000000L);
    CosignatureVerifier v = CosignatureVerifier.of(c.verifierKey());
    assertThat(v.verify(note)).hasValue(1700000000L);
    assertThat(
            CosignatureVerifier.of(Cosigner.generate("witness.example.com/w2").verifierKey())
                .verify(note))
        .isEmpty();
    String otherBody = BODY.replace("20852163", "20852164");
    assertThatThrownBy(() -> v.verify(otherBody + "\n" + c.cosign(BODY, 1700000000L)))
        .isInstanceOf(NoteVerificationException.class);
    assertThat(Cosigner.parse(c.privateKey()).verifierKey()).isEqualTo(c.verifierKey());
  }

  /** An Ed25519 public key for the JDK from its 32 encoded bytes (RFC 8032 point encoding). */
  static java.security.PublicKey jdkKey(byte[] encoded) throws Exception {
    byte[] le = encoded.clone();
    boolean xOdd = (le[31] & 0x80) != 0;
    le[31] &= 0x7f;
    byte[] be = new byte[32];
    for (int i = 0; i < 32; i++) {
      be[i] = le[31 - i];
    }
    EdECPoint point = new EdECPoint(xOdd, new java.math.BigInteger(1, be));
    return KeyFactory.getInstance("EdDSA")
        .generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
  }
}
