package kr.hiway.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import kr.hiway.gateway.testing.TestJwks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SigningKeysTest {

  static final RSAKey K1 = TestJwks.rsa("k1");
  static final RSAKey K2 = TestJwks.rsa("k2");

  @Test
  void ofWhenNoActiveKeyNamedThenFirstSignsAndAllArePublishedWithoutPrivateParts() {
    SigningKeys keys = SigningKeys.of(new JWKSet(List.of(K1, K2)), null, "test");
    assertThat(keys.active().getKeyID()).isEqualTo("k1");
    assertThat(keys.active().isPrivate()).isTrue();
    assertThat(keys.all().getKeys()).extracting(JWK::getKeyID).containsExactly("k1", "k2");
    assertThat(keys.publicKeys().getKeys()).extracting(JWK::getKeyID).containsExactly("k1", "k2");
    assertThat(keys.publicKeys().getKeys()).noneMatch(JWK::isPrivate);
  }

  @Test
  void ofWhenActiveKeyNamedAndRetiredKeyPublicOnlyThenNamedKeySignsAndBothAreKept() {
    SigningKeys keys = SigningKeys.of(new JWKSet(List.of(K1.toPublicJWK(), K2)), "k2", "test");
    assertThat(keys.active().getKeyID()).isEqualTo("k2");
    assertThat(keys.publicKeys().getKeys()).hasSize(2);
  }

  static Stream<Arguments> badSets() throws Exception {
    return Stream.of(
        Arguments.of("empty", new JWKSet(), null, "holds no key"),
        Arguments.of(
            "no kid", new JWKSet(new RSAKeyGenerator(2048).generate()), null, "needs a kid"),
        Arguments.of("kid twice", new JWKSet(List.of(K1, TestJwks.rsa("k1"))), null, "used twice"),
        Arguments.of(
            "EC key",
            new JWKSet(new ECKeyGenerator(Curve.P_256).keyID("ec").generate()),
            null,
            "not RSA"),
        Arguments.of(
            "encryption key",
            new JWKSet(new RSAKeyGenerator(2048).keyID("e").keyUse(KeyUse.ENCRYPTION).generate()),
            null,
            "not for signatures"),
        Arguments.of(
            "other algorithm",
            new JWKSet(
                new RSAKeyGenerator(2048).keyID("a").algorithm(JWSAlgorithm.RS512).generate()),
            null,
            "not for RS256"),
        Arguments.of("unknown active kid", new JWKSet(K1), "k9", "signing-key-id names k9"),
        Arguments.of("active key public only", new JWKSet(K1.toPublicJWK()), null, "no private"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSets")
  void ofWhenSetUnfitThenRefusedSayingWhy(String name, JWKSet set, String activeKeyId, String why) {
    assertThatThrownBy(() -> SigningKeys.of(set, activeKeyId, "test"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(why);
  }

  @Test
  void loadWhenFileMissingOrNotJwkSetThenRefusedNamingTheFile(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("missing.json");
    assertThatThrownBy(() -> SigningKeys.load(missing, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot read")
        .hasMessageContaining(missing.toString());
    Path garbage = Files.writeString(dir.resolve("garbage.json"), "not json");
    assertThatThrownBy(() -> SigningKeys.load(garbage, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a JWK set");
  }

  @Test
  void loadWhenFileWrittenThenSameKeysBack(@TempDir Path dir) {
    Path file = TestJwks.write(dir.resolve("jwks.json"), K1, K2);
    SigningKeys keys = SigningKeys.load(file, "k2");
    assertThat(keys.active()).isEqualTo(K2);
  }
}
