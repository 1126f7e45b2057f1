package kr.hiway.gateway.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import kr.hiway.gateway.pii.DemoPiiKeys;
import kr.hiway.gateway.pii.PiiProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * The demo's at-rest key for national identifiers: made once, on the first start without {@code
 * hiway.pii.key}, and kept beside the database ({@code data/pii.key}, readable by its owner only)
 * so that a restart opens what the first start sealed. Thread-safe.
 */
@Component
@ConditionalOnBooleanProperty(name = "hiway.demo.enabled", matchIfMissing = true)
class DemoPiiKey implements DemoPiiKeys {

  private static final Logger log = LoggerFactory.getLogger(DemoPiiKey.class);

  private final Path file;

  DemoPiiKey(PiiProperties props) {
    this.file = props.demoKeyFile();
  }

  @Override
  public byte[] piiKey() {
    try {
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      if (DemoKeyFiles.writeOnce(file, Base64.getEncoder().encodeToString(key))) {
        log.info("no hiway.pii.key configured: made a demo key in {}", file);
      }
      return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the demo's at-rest key in " + file, e);
    }
  }
}
