package kr.hiway.gateway.pii;

import java.util.Arrays;
import javax.crypto.spec.SecretKeySpec;

/**
 * The at-rest key ({@code hiway.pii.key}): the root of every key that protects a secret the gateway
 * keeps in its database (national identifiers, hospitals' linkage keys). Each use gets a key of its
 * own, derived with HKDF-SHA256 under its own label, so that one never opens another's data.
 * Thread-safe; the key never leaves this object.
 */
public final class AtRestKey {

  private final byte[] master;

  AtRestKey(byte[] master) {
    this.master = master.clone();
  }

  /**
   * The AES-256 key sealing one kind of secret.
   *
   * @param purpose what it seals, a fixed label (for example {@code linkage-keys})
   */
  public SecretKeySpec sealing(String purpose) {
    byte[] key = PiiKeys.derive(master, "aes-256-gcm " + purpose + " v1");
    try {
      return new SecretKeySpec(key, "AES");
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  NationalIdCipher nationalIds() {
    return new NationalIdCipher(master);
  }

  @Override
  public String toString() {
    return "AtRestKey[hidden]";
  }
}
