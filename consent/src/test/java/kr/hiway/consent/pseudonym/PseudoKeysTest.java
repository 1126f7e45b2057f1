package kr.hiway.consent.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The key layout: master key, HKDF per domain, HMAC pseudonyms, and their encoding. */
class PseudoKeysTest {

  private static final byte[] MASTER = new byte[32];

  /**
   * Master key 00 01 .. 1f, domain "regulator", 900101-1234567; computed independently with
   * Python's hmac, hashlib and base64 modules. If it changes, every stored mapping is orphaned.
   */
  private static final String KNOWN_ANSWER = "ps-rkvn66kl7m23axy4grklzuktek";

  static {
    for (int i = 0; i < MASTER.length; i++) {
      MASTER[i] = (byte) i;
    }
  }

  @Test
  void constructWhenMasterKeyShorterThan32BytesThenRejected() {
    assertThatThrownBy(() -> new PseudonymKeys(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 32 bytes");
    assertThat(new PseudonymKeys(new byte[64]).domainKey("irb-1").getEncoded()).hasSize(32);
  }

  @Test
  void domainKeyWhenDerivedThenFollowsTheDocumentedHkdfLayout() throws GeneralSecurityException {
    // RFC 5869 by hand with the JDK's HMAC: extract with the fixed salt, expand one block.
    byte[] prk = hmac("hiway/pseudonym/salt/v1".getBytes(StandardCharsets.UTF_8), MASTER);
    byte[] info = "hiway pseudonym v1|irb-2025-0142".getBytes(StandardCharsets.UTF_8);
    byte[] block = new byte[info.length + 1];
    System.arraycopy(info, 0, block, 0, info.length);
    block[info.length] = 1;
    byte[] expected = hmac(prk, block);
    assertThat(new PseudonymKeys(MASTER).domainKey("irb-2025-0142").getEncoded())
        .isEqualTo(expected);
  }

  @Test
  void pseudonymWhenComputedThenIsHmacOfTheDigitsInLowerBase32() throws GeneralSecurityException {
    PseudonymKeys keys = new PseudonymKeys(MASTER);
    byte[] tag =
        hmac(
            keys.domainKey("regulator").getEncoded(),
            "9001011234567".getBytes(StandardCharsets.US_ASCII));
    Pseudonymizer p =
        new Pseudonymizer(PseudoFixtures.fhir(), keys, DeidentificationProfile.loadDefault());
    assertThat(p.pseudonymOf("regulator", "900101-1234567"))
        .isEqualTo("ps-" + Pseudonyms.encode(tag))
        .matches("ps-[a-z2-7]{26}")
        .isEqualTo(KNOWN_ANSWER);
  }

  @ParameterizedTest
  @ValueSource(strings = {"900101-1234567", "9001011234567", "900101 1234567", " 900101-1234567 "})
  void pseudonymWhenNationalIdWrittenDifferentlyThenSamePseudonym(String written) {
    Pseudonymizer p = PseudoFixtures.pseudonymizer("keys");
    assertThat(p.pseudonymOf("irb-1", written)).isEqualTo(p.pseudonymOf("irb-1", "9001011234567"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " irb", "-irb", "irb|1", "irb/1", "연구-1", "irb 1"})
  void domainKeyWhenDomainMalformedThenRejected(String domain) {
    PseudonymKeys keys = new PseudonymKeys(MASTER);
    assertThat(PseudonymKeys.isValidDomain(domain)).isFalse();
    assertThatThrownBy(() -> keys.domainKey(domain)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void domainKeyWhenDomainTooLongThenRejected() {
    assertThat(PseudonymKeys.isValidDomain("a".repeat(128))).isTrue();
    assertThat(PseudonymKeys.isValidDomain("a".repeat(129))).isFalse();
  }

  @Test
  void generateWhenCalledTwiceThenDifferentKeysAndMasterKeyRestoresThem() {
    PseudonymKeys a = PseudonymKeys.generate();
    PseudonymKeys b = PseudonymKeys.generate();
    assertThat(a.masterKey()).hasSize(32).isNotEqualTo(b.masterKey());
    PseudonymKeys restored = new PseudonymKeys(a.masterKey());
    assertThat(restored.domainKey("irb-1").getEncoded())
        .isEqualTo(a.domainKey("irb-1").getEncoded())
        .isNotEqualTo(b.domainKey("irb-1").getEncoded());
  }

  @Test
  void fromKeyStoreWhenPkcs12SecretEntryThenSameKeysAsRawBytes() throws Exception {
    char[] password = "changeit".toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, password);
    store.setEntry(
        "pseudonym-master",
        new KeyStore.SecretKeyEntry(new SecretKeySpec(MASTER, "HmacSHA256")),
        new KeyStore.PasswordProtection(password));
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    store.store(file, password);
    KeyStore loaded = KeyStore.getInstance("PKCS12");
    loaded.load(new ByteArrayInputStream(file.toByteArray()), password);

    PseudonymKeys keys = PseudonymKeys.fromKeyStore(loaded, "pseudonym-master", password);
    assertThat(keys.domainKey("irb-1").getEncoded())
        .isEqualTo(new PseudonymKeys(MASTER).domainKey("irb-1").getEncoded());
    assertThatThrownBy(() -> PseudonymKeys.fromKeyStore(loaded, "missing", password))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toStringWhenPrintedThenShowsNoKeyMaterial() {
    PseudonymKeys keys = new PseudonymKeys(MASTER);
    assertThat(keys.toString()).doesNotContain("0, 1, 2").contains("hidden");
    assertThat(new PseudonymMapping("irb-1", "ps-x", "900101-1234567").toString())
        .doesNotContain("900101")
        .doesNotContain("1234567");
  }

  private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }
}
