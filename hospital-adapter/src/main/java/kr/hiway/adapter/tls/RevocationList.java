package kr.hiway.adapter.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.Objects;

/**
 * Which certificates of the gateway CA are revoked. An adapter refuses a gateway client certificate
 * whose serial is listed. Implementations must be thread-safe and fast: they are asked once per TLS
 * handshake.
 */
@FunctionalInterface
public interface RevocationList {

  /** Whether the certificate with this serial (issued by the gateway CA) is revoked. */
  boolean isRevoked(BigInteger serial);

  /** Nothing is revoked. */
  static RevocationList none() {
    return serial -> false;
  }

  /**
   * The CRL the gateway publishes at {@code GET /pki/crl}, kept in a file that the hospital
   * refreshes (a scheduled download). The file is read again whenever its modification time
   * changes. A CRL that is not signed by {@code ca}, is past its next update, or is older than one
   * already seen (a replayed CRL would undo revocations) is refused; while there is no acceptable
   * CRL, every certificate counts as revoked, so that a broken download fails closed.
   */
  static RevocationList fromCrlFile(Path file, X509Certificate ca) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(ca, "ca");
    return new RevocationList() {
      private record Loaded(FileTime modified, X509CRL crl) {}

      private volatile Loaded loaded;
      private volatile Date newestSeen = new Date(0);
      // The file as last refused: not read, parsed and verified again on every handshake.
      private volatile FileTime refused;

      @Override
      public boolean isRevoked(BigInteger serial) {
        try {
          FileTime modified = Files.getLastModifiedTime(file);
          if (modified.equals(refused)) {
            return true;
          }
          Loaded current = loaded;
          if (current == null || !current.modified().equals(modified)) {
            try {
              current = new Loaded(modified, verified(file, ca));
            } catch (GeneralSecurityException e) {
              refused = modified;
              throw e;
            }
            if (current.crl().getThisUpdate().before(newestSeen)) {
              loaded = null;
              refused = modified;
              return true;
            }
            newestSeen = current.crl().getThisUpdate();
            loaded = current;
          }
          Date next = current.crl().getNextUpdate();
          if (next == null || !next.after(new Date())) {
            return true;
          }
          return current.crl().getRevokedCertificate(serial) != null;
        } catch (IOException | GeneralSecurityException | UncheckedIOException e) {
          return true;
        }
      }
    };
  }

  /**
   * The CRL in the file, read and verified as {@link #fromCrlFile} does at each change: signed by
   * {@code ca}, issued by it. For a check at start, so that a wrong file is reported there instead
   * of refusing every client silently.
   *
   * @throws GeneralSecurityException if the file is not a CRL of {@code ca}
   */
  static X509CRL verified(Path file, X509Certificate ca)
      throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
      if (crl == null) {
        throw new GeneralSecurityException("no CRL in the file");
      }
      if (!crl.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
        throw new GeneralSecurityException("the CRL is not the gateway CA's");
      }
      crl.verify(ca.getPublicKey());
      return crl;
    }
  }
}
