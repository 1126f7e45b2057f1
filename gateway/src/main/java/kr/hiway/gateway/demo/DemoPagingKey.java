package kr.hiway.gateway.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import kr.hiway.gateway.api.DemoPagingKeys;
import kr.hiway.gateway.api.PagingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * The demo's paging key: made once, on the first start without {@code hiway.fhir.paging-key}, and
 * kept in a file ({@code data/paging.key}) so that a restart, or a second instance started in the
 * same folder, opens the links of the first. Thread-safe.
 */
@Component
@ConditionalOnBooleanProperty(name = "hiway.demo.enabled", matchIfMissing = true)
class DemoPagingKey implements DemoPagingKeys {

  private static final Logger log = LoggerFactory.getLogger(DemoPagingKey.class);

  private final Path file;

  DemoPagingKey(PagingProperties props) {
    this.file = props.demoPagingKeyFile();
  }

  @Override
  public byte[] pagingKey() {
    try {
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      if (DemoKeyFiles.writeOnce(file, Base64.getEncoder().encodeToString(key))) {
        log.info("no hiway.fhir.paging-key configured: made a demo key in {}", file);
      }
      return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the demo's paging key in " + file, e);
    }
  }
}
