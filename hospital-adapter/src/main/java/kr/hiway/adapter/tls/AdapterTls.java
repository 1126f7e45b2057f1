package kr.hiway.adapter.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * An adapter's side of mutual TLS with the gateway: its own server certificate and key (issued by
 * the gateway CA from the hospital's CSR), the gateway CA as the only trusted issuer, a client
 * certificate required, TLS 1.2 and 1.3 only, and the gateway CA's revocation list.
 *
 * <p>Immutable and thread-safe; no argument may be null.
 */
public final class AdapterTls {

  /** The only protocols an adapter speaks. */
  public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private final SSLContext context;

  private AdapterTls(SSLContext context) {
    this.context = context;
  }

  /**
   * From the adapter's key and certificate chain (leaf first), the gateway CA's certificate, and
   * the revocation list.
   */
  public static AdapterTls of(
      PrivateKey key, X509Certificate[] chain, X509Certificate gatewayCa, RevocationList revoked)
      throws GeneralSecurityException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(chain, "chain");
    char[] password = new char[0];
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    store.setKeyEntry("adapter", key, password, chain);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
    kmf.init(store, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(
        kmf.getKeyManagers(),
        new TrustManager[] {new GatewayClientTrust(gatewayCa, revoked)},
        new SecureRandom());
    return new AdapterTls(context);
  }

  /**
   * From files, as a hospital keeps them: a PKCS#12 key store holding the adapter's key and
   * certificate, its password, the gateway CA's certificate (PEM or DER) and the CRL file the
   * hospital downloads from the gateway ({@link RevocationList#fromCrlFile}).
   */
  public static AdapterTls fromFiles(Path keyStore, char[] password, Path gatewayCa, Path crl)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      store.load(in, password);
    }
    String alias = null;
    for (String a : Collections.list(store.aliases())) {
      if (store.isKeyEntry(a)) {
        alias = a;
      }
    }
    if (alias == null) {
      throw new GeneralSecurityException("no key entry in " + keyStore.getFileName());
    }
    Certificate[] chain = store.getCertificateChain(alias);
    X509Certificate[] x509 = new X509Certificate[chain.length];
    for (int i = 0; i < chain.length; i++) {
      x509[i] = (X509Certificate) chain[i];
    }
    X509Certificate ca;
    try (InputStream in = Files.newInputStream(gatewayCa)) {
      ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    RevocationList revoked =
        crl == null ? RevocationList.none() : RevocationList.fromCrlFile(crl, ca);
    return of((PrivateKey) store.getKey(alias, password), x509, ca, revoked);
  }

  /** The SSL context: this adapter's key, trust in the gateway's client certificates only. */
  public SSLContext context() {
    return context;
  }
}
