package kr.hiway.gateway.security.backend;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.EnumSet;

/**
 * A recipient's private key in a file, as a JSON Web Key: what a demo recipient signs its client
 * assertions with. Made once (EC P-384, for ES384, with its RFC 7638 thumbprint as {@code kid}) and
 * then reused, so that the key registered with the gateway survives restarts.
 *
 * <p>On a POSIX file system the file is readable by its owner only, and a folder it creates is
 * usable by its owner only; elsewhere the platform's defaults apply. Stateless and thread-safe;
 * arguments must not be null.
 */
public final class RecipientKeyFile {

  private static final FileAttribute<?>[] NONE = new FileAttribute<?>[0];

  private RecipientKeyFile() {}

  /**
   * The private key in {@code file}.
   *
   * @throws IOException if the file cannot be read or holds no private JWK
   */
  public static JWK read(Path file) throws IOException {
    JWK key;
    try {
      key = JWK.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (ParseException e) {
      throw new IOException(file + " does not hold a JSON Web Key", e);
    }
    if (!key.isPrivate()) {
      throw new IOException(file + " holds no private key");
    }
    return key;
  }

  /**
   * The private key in {@code file}; if there is no such file, a fresh key is made and written
   * there first (with the folders leading to it).
   */
  public static JWK readOrCreate(Path file) throws IOException {
    if (Files.exists(file)) {
      return read(file);
    }
    Path folder = file.toAbsolutePath().getParent();
    boolean posix = folder.getFileSystem().supportedFileAttributeViews().contains("posix");
    Files.createDirectories(folder, posix ? ownerOnly("rwx------") : NONE);
    JWK key = generate();
    // CREATE_NEW: if another process made the file meanwhile, its key wins and is read instead.
    try (SeekableByteChannel out =
        Files.newByteChannel(
            file,
            EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            posix ? ownerOnly("rw-------") : NONE)) {
      out.write(ByteBuffer.wrap(key.toJSONString().getBytes(StandardCharsets.UTF_8)));
    } catch (FileAlreadyExistsException raced) {
      return read(file);
    }
    return key;
  }

  private static JWK generate() {
    try {
      return new ECKeyGenerator(Curve.P_384)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.ES384)
          .keyIDFromThumbprint(true)
          .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("EC P-384 is not available", e);
    }
  }

  private static FileAttribute<?>[] ownerOnly(String permissions) {
    return new FileAttribute<?>[] {
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))
    };
  }
}
