package kr.hiway.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoJwksTest {

  @TempDir Path dir;

  private DemoJwks demo(Path file) {
    return new DemoJwks(
        new DemoProperties(
            true, 1, 10, Duration.ZERO, Duration.ZERO, 0, null, true, null, file, false, null));
  }

  @Test
  void jwksFileWhenAbsentThenOneRsaSigningKeyMadeReadableByOwnerOnly() throws Exception {
    Path file = demo(dir.resolve("data/jwks.json")).jwksFile();

    assertThat(file).isEqualTo(dir.resolve("data/jwks.json"));
    JWKSet set = JWKSet.load(file.toFile());
    assertThat(set.getKeys()).hasSize(1);
    JWK key = set.getKeys().getFirst();
    assertThat(key).isInstanceOf(RSAKey.class);
    assertThat(key.isPrivate()).isTrue();
    assertThat(key.getKeyID()).startsWith("demo-");
    assertThat(key.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
    assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (var left = Files.list(file.getParent())) {
      assertThat(left).containsExactly(file); // no temporary file left behind
    }
  }

  @Test
  void jwksFileWhenStartedAgainThenSameKeys() throws Exception {
    Path file = dir.resolve("jwks.json");
    String first = Files.readString(demo(file).jwksFile());

    String second = Files.readString(demo(file).jwksFile());

    assertThat(second).isEqualTo(first);
  }
}
