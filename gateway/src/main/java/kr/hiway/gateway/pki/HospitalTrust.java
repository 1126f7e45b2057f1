package kr.hiway.gateway.pki;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The gateway's trust in hospital adapters. A server is trusted when, in this order: the protocol
 * is TLS 1.2 or 1.3; its chain leads to the gateway CA (PKIX: signatures, dates, key usage); and
 * its certificate is one of those the registry holds, unrevoked and in date, for the hospital
 * registered at exactly that host and port. So hospital A's certificate, though signed by the same
 * CA and naming the same host, is refused on hospital B's port, and a certificate revoked through
 * the operator API is refused at the next handshake. The JDK's client checks the host name against
 * the SAN on top of this.
 *
 * <p>Thread-safe. The gateway never answers TLS clients with this, so client checks are refused.
 */
final class HospitalTrust extends X509ExtendedTrustManager {

  /**
   * The fingerprints (SHA-256 of the DER, lower-case hex) of the certificates valid now for the
   * hospital at that host and port; empty if no hospital, or more than one, is registered there.
   * Must be thread-safe.
   */
  @FunctionalInterface
  interface Pins {
    Optional<List<String>> at(String host, int port);
  }

  private static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

  private final X509ExtendedTrustManager pkix;
  private final X509Certificate ca;
  private final Pins pins;

  HospitalTrust(X509Certificate ca, Pins pins) throws GeneralSecurityException {
    this.ca = Objects.requireNonNull(ca, "ca");
    this.pins = Objects.requireNonNull(pins, "pins");
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    store.setCertificateEntry("gateway-ca", ca);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(store);
    this.pkix = (X509ExtendedTrustManager) tmf.getTrustManagers()[0];
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    Objects.requireNonNull(engine, "engine");
    checkProtocol(engine.getHandshakeSession());
    pkix.checkServerTrusted(chain, authType, engine);
    checkPinned(chain[0], engine.getPeerHost(), engine.getPeerPort());
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    if (!(socket instanceof SSLSocket ssl)) {
      throw new CertificateException("no TLS socket to tell the hospital by");
    }
    SSLSession session = ssl.getHandshakeSession();
    checkProtocol(session);
    pkix.checkServerTrusted(chain, authType, socket);
    checkPinned(chain[0], session.getPeerHost(), session.getPeerPort());
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("a hospital is told by its host and port, which are unknown");
  }

  private static void checkProtocol(SSLSession session) throws CertificateException {
    if (session == null || !PROTOCOLS.contains(session.getProtocol())) {
      throw new CertificateException("only TLS 1.2 and 1.3 are accepted");
    }
  }

  private void checkPinned(X509Certificate leaf, String host, int port)
      throws CertificateException {
    if (host == null || port <= 0) {
      throw new CertificateException("the hospital's host and port are unknown");
    }
    List<String> allowed =
        pins.at(Hosts.normalize(host), port)
            .orElseThrow(() ->
                new CertificateException(
                    "no hospital with a valid certificate is registered there"));
    if (!allowed.contains(HospitalCertificates.fingerprint(leaf))) {
      throw new CertificateException(
          "the certificate is not one issued to the hospital registered there, or it is revoked");
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("the gateway does not take TLS clients here");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("the gateway does not take TLS clients here");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("the gateway does not take TLS clients here");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[] {ca};
  }
}
