package kr.hiway.gateway.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Token signing keys for gateways started without the demo, which then need {@code
 * hiway.security.jwks}: fresh RSA keys, and JWK set files holding them. Made at test time, so that
 * no private key is kept in the repository.
 */
public final class TestJwks {

  private static Path shared;

  private TestJwks() {}

  /** A JWK set file with one key, the same for every test of this JVM; thread-safe. */
  public static synchronized Path shared() {
    if (shared == null) {
      try {
        Path file = Files.createTempFile("hiway-test-jwks", ".json");
        file.toFile().deleteOnExit();
        shared = write(file, rsa("test-key"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  /** For a test's {@code @DynamicPropertySource}: sign with the {@link #shared()} file. */
  public static void register(DynamicPropertyRegistry registry) {
    registry.add("hiway.security.jwks", () -> shared().toString());
  }

  /** A fresh RSA-2048 key with its private part. */
  public static RSAKey rsa(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code keys} (private parts included) as a JWK set to {@code file}, replacing it. */
  public static Path write(Path file, JWK... keys) {
    try {
      Files.writeString(file, new JWKSet(List.of(keys)).toString(false));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
