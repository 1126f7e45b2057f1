package kr.hiway.gateway.security.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo recipients' private key files: made once, private to their owner, reused. */
class BackendServicesKeyFileTest {

  @TempDir Path temp;

  @Test
  void readOrCreateWhenNoFileThenWritesAnOwnerOnlyPrivateP384Key() throws Exception {
    Path file = temp.resolve("recipients/clinic-seoul.jwk.json");
    JWK key = RecipientKeyFile.readOrCreate(file);
    assertThat(key).isInstanceOf(ECKey.class);
    assertThat(((ECKey) key).getCurve()).isEqualTo(Curve.P_384);
    assertThat(key.isPrivate()).isTrue();
    assertThat(key.getKeyID()).isEqualTo(key.computeThumbprint().toString());
    assertThat(JWK.parse(Files.readString(file))).isEqualTo(key);
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
          .isEqualTo("rwx------");
    }
  }

  @Test
  void readOrCreateWhenFileExistsThenTheSameKeyAfterARestart() throws Exception {
    Path file = temp.resolve("research-cohort.jwk.json");
    JWK first = RecipientKeyFile.readOrCreate(file);
    String written = Files.readString(file);
    JWK again = RecipientKeyFile.readOrCreate(file);
    assertThat(again).isEqualTo(first);
    assertThat(again.toPublicJWK()).isEqualTo(first.toPublicJWK());
    assertThat(Files.readString(file)).isEqualTo(written);
  }

  @Test
  void readWhenFileHoldsOnlyAPublicKeyThenRefused() throws Exception {
    Path file = temp.resolve("public.jwk.json");
    Files.writeString(
        file, new ECKeyGenerator(Curve.P_384).generate().toPublicJWK().toJSONString());
    assertThatThrownBy(() -> RecipientKeyFile.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no private key");
  }

  @Test
  void readWhenFileIsNotAJwkThenRefused() throws Exception {
    Path file = temp.resolve("garbage.jwk.json");
    Files.writeString(file, "{\"kty\":");
    assertThatThrownBy(() -> RecipientKeyFile.read(file)).isInstanceOf(IOException.class);
  }
}
