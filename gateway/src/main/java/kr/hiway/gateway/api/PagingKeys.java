package kr.hiway.gateway.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The paging keys in force: the configured ones, or else the demo's own, made once and kept in a
 * file so that a restart, or a second instance started in the same folder, opens the links of the
 * first. Production never gets that far without a configured key: its start-up check refuses it.
 */
final class PagingKeys {

  private static final Logger log = LoggerFactory.getLogger(PagingKeys.class);
  static final int KEY_BYTES = 32;

  private PagingKeys() {}

  /**
   * The keys, the one that seals first.
   *
   * @throws IllegalStateException if a key is malformed
   */
  static List<byte[]> load(PagingProperties props) throws IOException {
    List<byte[]> keys = new ArrayList<>();
    if (props.pagingKey() != null && !props.pagingKey().isBlank()) {
      keys.add(decode("hiway.fhir.paging-key", props.pagingKey()));
    } else {
      keys.add(demoKey(props.demoPagingKeyFile()));
    }
    for (String retired : props.retiredPagingKeys()) {
      keys.add(decode("hiway.fhir.retired-paging-keys", retired));
    }
    return keys;
  }

  private static byte[] decode(String setting, String base64) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(setting + " is not base64");
    }
    if (key.length != KEY_BYTES) {
      throw new IllegalStateException(setting + " must be 32 bytes");
    }
    return key;
  }

  private static byte[] demoKey(Path file) throws IOException {
    if (!Files.exists(file)) {
      byte[] key = new byte[KEY_BYTES];
      new SecureRandom().nextBytes(key);
      Path folder = file.toAbsolutePath().getParent();
      Files.createDirectories(folder);
      Path temp = Files.createTempFile(folder, "paging", ".tmp");
      try {
        try {
          Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system; the folder's own protection applies
        }
        Files.writeString(temp, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
        // A link, not a rename: it fails if the file exists, so an instance that made its key at
        // the same moment finds the first one and uses it.
        Files.createLink(file, temp);
        log.info("no hiway.fhir.paging-key configured: generated a demo key in {}", file);
      } catch (FileAlreadyExistsException raced) {
        // another instance wrote it first: use that one
      } finally {
        Files.deleteIfExists(temp);
      }
    }
    return decode(file.toString(), Files.readString(file, StandardCharsets.US_ASCII));
  }
}
