package kr.hiway.adapter.tls;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts a TLS client only if it is the gateway: a chain to the gateway CA (PKIX, with validity
 * dates), a leaf with the {@code clientAuth} extended key usage (which the CA puts only on the
 * gateway's own certificates, never on a hospital's, so that no hospital can call another's
 * adapter), and a serial not on the revocation list. This adapter never acts as a TLS client, so
 * server checks are refused outright. Thread-safe.
 */
final class GatewayClientTrust extends X509ExtendedTrustManager {

  static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  private final X509ExtendedTrustManager pkix;
  private final X509Certificate ca;
  private final RevocationList revoked;

  GatewayClientTrust(X509Certificate ca, RevocationList revoked) throws GeneralSecurityException {
    this.ca = Objects.requireNonNull(ca, "ca");
    this.revoked = Objects.requireNonNull(revoked, "revoked");
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    store.setCertificateEntry("gateway-ca", ca);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(store);
    X509ExtendedTrustManager found = null;
    for (var tm : tmf.getTrustManagers()) {
      if (tm instanceof X509ExtendedTrustManager x) {
        found = x;
      }
    }
    this.pkix = Objects.requireNonNull(found, "no PKIX trust manager");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    pkix.checkClientTrusted(chain, authType, socket);
    checkGateway(chain[0]);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    pkix.checkClientTrusted(chain, authType, engine);
    checkGateway(chain[0]);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    ((X509TrustManager) pkix).checkClientTrusted(chain, authType);
    checkGateway(chain[0]);
  }

  private void checkGateway(X509Certificate leaf) throws CertificateException {
    List<String> usages;
    try {
      usages = leaf.getExtendedKeyUsage();
    } catch (CertificateParsingException e) {
      throw new CertificateException("unreadable extended key usage", e);
    }
    if (usages == null || !usages.contains(CLIENT_AUTH)) {
      throw new CertificateException("not a client certificate of the gateway");
    }
    if (revoked.isRevoked(leaf.getSerialNumber())) {
      throw new CertificateException("the client certificate is revoked");
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("an adapter does not connect to servers");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("an adapter does not connect to servers");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("an adapter does not connect to servers");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[] {ca};
  }
}
