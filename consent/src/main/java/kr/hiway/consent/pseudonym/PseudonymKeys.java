package kr.hiway.consent.pseudonym;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * The pseudonymization master key and the per-domain keys derived from it.
 *
 * <p>A <em>domain</em> is whoever receives pseudonymized data as one party: a research project id
 * such as {@code irb-2025-0142}, or {@code regulator}. Each domain has its own key,
 *
 * <pre>
 *   K_domain = HKDF-SHA256(IKM  = master key,
 *                          salt = UTF-8 "hiway/pseudonym/salt/v1",
 *                          info = UTF-8 "hiway pseudonym v1|" + domain,
 *                          L    = 32 bytes)
 * </pre>
 *
 * so that the pseudonyms one domain holds cannot be joined with another domain's by anyone without
 * the master key. The layout is fixed: changing any constant changes every pseudonym ever issued
 * and orphans every stored re-identification mapping; a new layout needs a new version label.
 *
 * <p>Domains are 1 to 128 characters: letters, digits, {@code . _ : -}, starting with a letter or
 * digit. Derived keys are cached, so HKDF runs once per domain and not once per release.
 *
 * <p>Thread-safe. No method accepts or returns null. The master key is secret: it is never logged
 * and {@link #toString()} does not show it.
 */
public final class PseudonymKeys {

  /** The least master key length, in bytes. */
  public static final int MIN_MASTER_KEY_BYTES = 32;

  static final String SALT = "hiway/pseudonym/salt/v1";
  static final String INFO_PREFIX = "hiway pseudonym v1|";
  static final int DOMAIN_KEY_BYTES = 32;

  private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
  // Domains are project ids, few in number; the bound only stops a caller passing arbitrary
  // strings from growing the cache without limit (derivation stays correct past it, just slower).
  private static final int MAX_CACHED_DOMAINS = 4_096;

  private final byte[] master;
  private final ConcurrentMap<String, SecretKeySpec> domainKeys = new ConcurrentHashMap<>();

  /**
   * Keys from a master key held as raw bytes (from configuration or a secret store).
   *
   * @param masterKey at least {@value #MIN_MASTER_KEY_BYTES} bytes; copied, so the caller may wipe
   *     its array afterwards
   * @throws IllegalArgumentException if the key is too short
   */
  public PseudonymKeys(byte[] masterKey) {
    Objects.requireNonNull(masterKey, "masterKey");
    if (masterKey.length < MIN_MASTER_KEY_BYTES) {
      throw new IllegalArgumentException(
          "a pseudonymization master key needs at least " + MIN_MASTER_KEY_BYTES + " bytes");
    }
    this.master = masterKey.clone();
  }

  /** A fresh random 32-byte master key, for the demo; persist {@link #masterKey()} to keep it. */
  public static PseudonymKeys generate() {
    byte[] key = new byte[MIN_MASTER_KEY_BYTES];
    new SecureRandom().nextBytes(key);
    try {
      return new PseudonymKeys(key);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * Keys from a secret-key entry of a key store (for example PKCS#12).
   *
   * @throws IllegalArgumentException if the entry is missing, not a secret key, or too short
   * @throws IllegalStateException if the key store cannot be read
   */
  public static PseudonymKeys fromKeyStore(KeyStore keyStore, String alias, char[] password) {
    Objects.requireNonNull(keyStore, "keyStore");
    Objects.requireNonNull(alias, "alias");
    Objects.requireNonNull(password, "password");
    Key key;
    try {
      key = keyStore.getKey(alias, password);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the pseudonymization key entry cannot be read", e);
    }
    if (key == null || key.getEncoded() == null || !"RAW".equals(key.getFormat())) {
      throw new IllegalArgumentException("no secret key entry under that alias");
    }
    byte[] raw = key.getEncoded();
    try {
      return new PseudonymKeys(raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** A copy of the master key, for persisting a generated demo key. Secret: never log it. */
  public byte[] masterKey() {
    return master.clone();
  }

  /**
   * Whether a string is an acceptable domain name.
   *
   * @param domain any string
   */
  public static boolean isValidDomain(String domain) {
    return domain != null && DOMAIN.matcher(domain).matches();
  }

  /** The domain's HMAC key, derived on first use and cached. */
  SecretKeySpec domainKey(String domain) {
    SecretKeySpec cached = domainKeys.get(Objects.requireNonNull(domain, "domain"));
    if (cached != null) {
      return cached;
    }
    if (!isValidDomain(domain)) {
      throw new IllegalArgumentException(
          "a domain is 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or"
              + " digit");
    }
    SecretKeySpec key = new SecretKeySpec(derive(domain), "HmacSHA256");
    if (domainKeys.size() < MAX_CACHED_DOMAINS) {
      domainKeys.putIfAbsent(domain, key);
    }
    return key;
  }

  private byte[] derive(String domain) {
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(SHA256Digest.newInstance());
    hkdf.init(
        new HKDFParameters(
            master,
            SALT.getBytes(StandardCharsets.UTF_8),
            (INFO_PREFIX + domain).getBytes(StandardCharsets.UTF_8)));
    byte[] out = new byte[DOMAIN_KEY_BYTES];
    hkdf.generateBytes(out, 0, out.length);
    return out;
  }

  @Override
  public String toString() {
    return "PseudonymKeys[master key hidden]";
  }
}
