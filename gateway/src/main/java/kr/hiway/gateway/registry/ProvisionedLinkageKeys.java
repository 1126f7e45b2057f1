package kr.hiway.gateway.registry;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import kr.hiway.gateway.cluster.ClusterEvents;
import kr.hiway.gateway.cluster.Topic;
import kr.hiway.gateway.pii.AtRestKey;
import kr.hiway.vocabulary.LinkageToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Linkage keys provisioned through the operator API: generated here, handed out once, kept sealed
 * (AES-256-GCM under a key derived from the at-rest key for this purpose only, the hospital code as
 * associated data). A provisioned or replaced key is announced on {@link Topic#REGISTRY}, so every
 * instance's keyring and targets reload it at once. Thread-safe.
 */
@Repository
public class ProvisionedLinkageKeys {

  /** A key just made: the only time its value leaves the gateway. */
  public record Provisioned(String hospitalCode, String key, Instant provisionedAt) {}

  private static final Logger log = LoggerFactory.getLogger(ProvisionedLinkageKeys.class);
  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;

  private final JdbcClient jdbc;
  private final ClusterEvents events;
  private final Clock clock;
  private final SecretKeySpec sealing;
  private final SecureRandom random = new SecureRandom();

  ProvisionedLinkageKeys(JdbcClient jdbc, ClusterEvents events, Clock clock, AtRestKey atRest) {
    this.jdbc = jdbc;
    this.events = events;
    this.clock = clock;
    this.sealing = atRest.sealing("linkage-keys");
  }

  /**
   * Makes a new key for a registered hospital, replacing its provisioned one if any.
   *
   * @param by who asked (the operator's name), recorded with the key
   */
  @Transactional
  public Provisioned provision(String hospitalCode, String by) {
    byte[] key = new byte[KEY_BYTES];
    random.nextBytes(key);
    Instant now = clock.instant();
    String sealed = seal(hospitalCode, key);
    int updated =
        jdbc.sql(
                "UPDATE hospital_linkage_key SET sealed = ?, provisioned_at = ?, provisioned_by = ?"
                    + " WHERE hospital_code = ?")
            .params(sealed, Timestamp.from(now), by, hospitalCode)
            .update();
    if (updated == 0) {
      jdbc.sql(
              "INSERT INTO hospital_linkage_key (hospital_code, sealed, provisioned_at,"
                  + " provisioned_by) VALUES (?, ?, ?, ?)")
          .params(hospitalCode, sealed, Timestamp.from(now), by)
          .update();
    }
    // Heard after the commit, here and on every other instance.
    events.publish(Topic.REGISTRY, hospitalCode);
    String shown = Base64.getEncoder().encodeToString(key);
    Arrays.fill(key, (byte) 0);
    return new Provisioned(hospitalCode, shown, now);
  }

  /** When the hospital's key was provisioned, if it has one here. */
  public Optional<Instant> provisionedAt(String hospitalCode) {
    return jdbc.sql("SELECT provisioned_at FROM hospital_linkage_key WHERE hospital_code = ?")
        .param(hospitalCode)
        .query(Timestamp.class)
        .optional()
        .map(Timestamp::toInstant);
  }

  /** Every provisioned key, opened, by hospital code. */
  Map<String, LinkageToken> all() {
    Map<String, LinkageToken> keys = new HashMap<>();
    jdbc.sql("SELECT hospital_code, sealed FROM hospital_linkage_key")
        .query(rs -> {
          String code = rs.getString(1);
          try {
            byte[] key = open(code, rs.getString(2));
            keys.put(code, LinkageToken.withKey(key));
            Arrays.fill(key, (byte) 0);
          } catch (IllegalStateException e) {
            // That hospital is not called (no key); the others are not held up by it.
            log.error(
                "{}; the hospital is not called until a key is provisioned again", e.getMessage());
          }
        });
    return keys;
  }

  private String seal(String hospitalCode, byte[] key) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, sealing, new GCMParameterSpec(128, nonce));
      cipher.updateAAD(hospitalCode.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(key);
      byte[] out = new byte[NONCE_BYTES + sealed.length];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  private byte[] open(String hospitalCode, String sealed) {
    try {
      byte[] in = Base64.getDecoder().decode(sealed);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, sealing, new GCMParameterSpec(128, in, 0, NONCE_BYTES));
      cipher.updateAAD(hospitalCode.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // Altered, moved to another hospital, or sealed under another master key.
      throw new IllegalStateException(
          "the provisioned linkage key of " + hospitalCode + " does not open", e);
    }
  }
}
