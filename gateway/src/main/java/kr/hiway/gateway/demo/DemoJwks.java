package kr.hiway.gateway.demo;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import kr.hiway.gateway.security.DemoSigningKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * The demo's token signing key: an RSA key made once, on the first start without {@code
 * hiway.security.jwks}, and kept in a JWK set file ({@code data/jwks.json}) that every later start
 * reuses, so that a restart signs no one out. Thread-safe.
 */
@Component
@ConditionalOnBooleanProperty(name = "hiway.demo.enabled", matchIfMissing = true)
class DemoJwks implements DemoSigningKeys {

  private static final Logger log = LoggerFactory.getLogger(DemoJwks.class);

  private final Path file;

  DemoJwks(DemoProperties props) {
    this.file = props.jwksFile();
  }

  @Override
  public Path jwksFile() {
    if (Files.exists(file)) {
      return file;
    }
    try {
      JWKSet made =
          new JWKSet(
              new RSAKeyGenerator(2048)
                  .keyID("demo-" + LocalDate.now())
                  .keyUse(KeyUse.SIGNATURE)
                  .algorithm(JWSAlgorithm.RS256)
                  .generate());
      if (DemoKeyFiles.writeOnce(file, made.toString(false) + "\n")) {
        log.info("made the demo's token signing key in {}", file);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo's JWK set " + file, e);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot make the demo's signing key", e);
    }
  }
}
