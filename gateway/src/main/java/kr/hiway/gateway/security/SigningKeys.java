package kr.hiway.gateway.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The keys tokens are signed and checked with, from a JWK set file: one active key signs (its
 * {@code kid} in every token's header), and every key in the file is published at {@code
 * /oauth2/jwks} and accepted on tokens, so that a key can be rotated without signing anyone out.
 * Rotating is: add the new key on every instance (one that lacks it would refuse its tokens), then
 * make it active, and remove the old one once its last tokens have expired. A retired key may stay
 * as a public key only. Immutable and thread-safe.
 */
final class SigningKeys {

  private final JWKSet keys;
  private final RSAKey active;

  private SigningKeys(JWKSet keys, RSAKey active) {
    this.keys = keys;
    this.active = active;
  }

  /**
   * Loads and checks a JWK set file: RSA keys (tokens are RS256) for signing, each with a {@code
   * kid} of its own. {@code activeKeyId} names the key that signs, or is null for the first key.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it, never a key's value
   */
  static SigningKeys load(Path file, String activeKeyId) {
    JWKSet keys;
    try {
      keys = JWKSet.load(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the JWK set file " + file + ": " + e, e);
    } catch (ParseException e) {
      throw new IllegalArgumentException("the JWK set file " + file + " is not a JWK set", e);
    }
    return of(keys, activeKeyId, file.toString());
  }

  /** The same checks as {@link #load}, on a set already in memory; {@code source} names it. */
  static SigningKeys of(JWKSet keys, String activeKeyId, String source) {
    List<JWK> all = keys.getKeys();
    if (all.isEmpty()) {
      throw new IllegalArgumentException("the JWK set " + source + " holds no key");
    }
    Set<String> ids = new HashSet<>();
    for (JWK key : all) {
      String id = key.getKeyID();
      if (id == null || id.isBlank()) {
        throw new IllegalArgumentException("every key in " + source + " needs a kid");
      }
      if (!ids.add(id)) {
        throw new IllegalArgumentException("the kid " + id + " is used twice in " + source);
      }
      if (!(key instanceof RSAKey)) {
        throw new IllegalArgumentException(
            "key " + id + " in " + source + " is not RSA (tokens are RS256)");
      }
      if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
        throw new IllegalArgumentException(
            "key " + id + " in " + source + " is not for signatures");
      }
      if (key.getAlgorithm() != null && !JWSAlgorithm.RS256.equals(key.getAlgorithm())) {
        throw new IllegalArgumentException("key " + id + " in " + source + " is not for RS256");
      }
    }
    String wanted =
        activeKeyId == null || activeKeyId.isBlank() ? all.getFirst().getKeyID() : activeKeyId;
    JWK active = keys.getKeyByKeyId(wanted);
    if (active == null) {
      throw new IllegalArgumentException(
          "hiway.security.signing-key-id names " + wanted + ", which is not in " + source);
    }
    if (!active.isPrivate()) {
      throw new IllegalArgumentException(
          "the signing key " + wanted + " in " + source + " has no private part");
    }
    return new SigningKeys(keys, active.toRSAKey());
  }

  /** The key that signs, with its private part. */
  RSAKey active() {
    return active;
  }

  /** Every key, private parts included: what the authorization server signs with. */
  JWKSet all() {
    return keys;
  }

  /** Every key's public part: what tokens are checked against. */
  JWKSet publicKeys() {
    return keys.toPublicJWKSet();
  }
}
