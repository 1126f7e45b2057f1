package kr.hiway.gateway.pki;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collections;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reads the CA from a PKCS#12 key store or PEM files, and keeps the demo's. Public for the demo
 * network run as a process of its own, which shares the demo CA with the gateway instances.
 */
public final class CaFiles {

  private CaFiles() {}

  static CertificateAuthority fromKeystore(Path file, String password, String alias)
      throws IOException, GeneralSecurityException {
    char[] pass = password == null ? new char[0] : password.toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, pass);
    }
    String chosen = alias;
    if (chosen == null || chosen.isBlank()) {
      for (String a : Collections.list(store.aliases())) {
        if (store.isKeyEntry(a)) {
          if (chosen != null && !chosen.isBlank()) {
            throw new GeneralSecurityException(
                "several keys in the CA key store: set hiway.pki.key-alias");
          }
          chosen = a;
        }
      }
    }
    if (chosen == null || !store.isKeyEntry(chosen)) {
      throw new GeneralSecurityException("no CA key entry in the key store");
    }
    return new CertificateAuthority(
        (PrivateKey) store.getKey(chosen, pass), (X509Certificate) store.getCertificate(chosen));
  }

  static CertificateAuthority fromPem(Path certificate, Path key)
      throws IOException, GeneralSecurityException {
    X509Certificate cert;
    try (InputStream in = Files.newInputStream(certificate)) {
      cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    try (Reader in = Files.newBufferedReader(key);
        PEMParser parser = new PEMParser(in)) {
      Object read = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      PrivateKey privateKey =
          switch (read) {
            case PrivateKeyInfo info -> converter.getPrivateKey(info);
            case PEMKeyPair pair -> converter.getKeyPair(pair).getPrivate();
            case null, default ->
                throw new GeneralSecurityException("the CA key file is not an unencrypted key");
          };
      return new CertificateAuthority(privateKey, cert);
    }
  }

  /** The demo CA in {@code folder} ({@code ca.pem}, {@code ca.key}), made if absent. */
  public static CertificateAuthority demo(Path folder)
      throws IOException, GeneralSecurityException {
    Path cert = folder.resolve("ca.pem");
    Path key = folder.resolve("ca.key");
    if (Files.exists(cert) && Files.exists(key)) {
      return fromPem(cert, key);
    }
    CertificateAuthority ca =
        CertificateAuthority.generate("Health Information Highway demo CA", Duration.ofDays(3650));
    Files.createDirectories(folder);
    Files.writeString(
        folder.resolve(".gitignore"), "# the demo CA's private key: never commit\n*\n");
    Files.writeString(key, Pem.encode("PRIVATE KEY", ca.key().getEncoded()));
    try {
      Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system; the folder's own protection applies
    }
    Files.writeString(cert, Pem.encode("CERTIFICATE", ca.certificate().getEncoded()));
    return ca;
  }
}
