package kr.hiway.vocabulary.tls;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trust in one kind of TLS peer, clients or servers, whose chain leads to the gateway CA. Every
 * check runs, in this order: the other kind of peer is refused outright (each end of the network's
 * mutual TLS plays one role only, so a check for the other role is a misuse, not a peer to judge);
 * {@link #checkHandshake} looks at the handshake; the JDK's PKIX checks the chain against the CA
 * alone (signatures, dates, key usage, and on a TLS connection its algorithm constraints); {@link
 * #checkPeer} judges the leaf that PKIX accepted. The check methods are final so that no subclass
 * can skip or reorder these steps.
 *
 * <p>Thread-safe if the hooks are: the JDK calls a trust manager from many handshakes at once. The
 * CA must not be null; a socket or engine handed over by the JDK may be.
 */
public abstract class GatewayCaTrust extends X509ExtendedTrustManager {

  /** The kind of TLS peer a trust manager judges; the other kind it refuses. */
  public enum Peers {
    CLIENTS,
    SERVERS
  }

  private final X509Certificate ca;
  private final Peers trusted;
  private final String refusal;
  private final X509ExtendedTrustManager pkix;

  /**
   * @param ca the gateway CA, the only trust anchor
   * @param trusted the kind of peer to judge
   * @param refusal the message of the {@link CertificateException} thrown when the other kind of
   *     peer is checked, saying why this end never meets one
   */
  protected GatewayCaTrust(X509Certificate ca, Peers trusted, String refusal)
      throws GeneralSecurityException {
    this.ca = Objects.requireNonNull(ca, "ca");
    this.trusted = Objects.requireNonNull(trusted, "trusted");
    this.refusal = Objects.requireNonNull(refusal, "refusal");
    this.pkix = pkixOver(ca);
  }

  private static X509ExtendedTrustManager pkixOver(X509Certificate ca)
      throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    store.setCertificateEntry("gateway-ca", ca);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(store);
    for (var tm : tmf.getTrustManagers()) {
      if (tm instanceof X509ExtendedTrustManager found) {
        return found;
      }
    }
    throw new GeneralSecurityException("no PKIX trust manager");
  }

  /**
   * Runs before the chain is looked at; throws to refuse. Does nothing unless overridden.
   *
   * @param handshakeOrNull the handshake under way; null when the JDK gives no TLS socket or engine
   *     to read it from, or the socket or engine has none
   */
  protected void checkHandshake(SSLSession handshakeOrNull) throws CertificateException {}

  /**
   * Runs once PKIX has accepted the chain; throws to refuse.
   *
   * @param leaf the peer's own certificate, never null
   * @param handshakeOrNull as for {@link #checkHandshake}
   * @param peerHostOrNull the peer's host, as the engine or else the handshake tells it; null if
   *     unknown
   * @param peerPort the peer's port, likewise; -1 if unknown
   */
  protected abstract void checkPeer(
      X509Certificate leaf, SSLSession handshakeOrNull, String peerHostOrNull, int peerPort)
      throws CertificateException;

  @Override
  public final void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    refuseUnless(Peers.CLIENTS);
    SSLSession handshake = handshakeOf(socket);
    checkHandshake(handshake);
    pkix.checkClientTrusted(chain, authType, socket);
    checkPeer(chain[0], handshake, hostOf(handshake), portOf(handshake));
  }

  @Override
  public final void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    refuseUnless(Peers.CLIENTS);
    SSLSession handshake = handshakeOf(engine);
    checkHandshake(handshake);
    pkix.checkClientTrusted(chain, authType, engine);
    checkPeer(chain[0], handshake, hostOf(engine), portOf(engine));
  }

  @Override
  public final void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    refuseUnless(Peers.CLIENTS);
    checkHandshake(null);
    pkix.checkClientTrusted(chain, authType);
    checkPeer(chain[0], null, null, -1);
  }

  @Override
  public final void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    refuseUnless(Peers.SERVERS);
    SSLSession handshake = handshakeOf(socket);
    checkHandshake(handshake);
    pkix.checkServerTrusted(chain, authType, socket);
    checkPeer(chain[0], handshake, hostOf(handshake), portOf(handshake));
  }

  @Override
  public final void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    refuseUnless(Peers.SERVERS);
    SSLSession handshake = handshakeOf(engine);
    checkHandshake(handshake);
    pkix.checkServerTrusted(chain, authType, engine);
    checkPeer(chain[0], handshake, hostOf(engine), portOf(engine));
  }

  @Override
  public final void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    refuseUnless(Peers.SERVERS);
    checkHandshake(null);
    pkix.checkServerTrusted(chain, authType);
    checkPeer(chain[0], null, null, -1);
  }

  @Override
  public final X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[] {ca};
  }

  private void refuseUnless(Peers checked) throws CertificateException {
    if (checked != trusted) {
      throw new CertificateException(refusal);
    }
  }

  private static SSLSession handshakeOf(Socket socket) {
    return socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null;
  }

  private static SSLSession handshakeOf(SSLEngine engine) {
    return engine == null ? null : engine.getHandshakeSession();
  }

  private static String hostOf(SSLSession handshake) {
    return handshake == null ? null : handshake.getPeerHost();
  }

  private static int portOf(SSLSession handshake) {
    return handshake == null ? -1 : handshake.getPeerPort();
  }

  // The engine itself is asked: it holds the host and port it was opened for, session or none.
  private static String hostOf(SSLEngine engine) {
    return engine == null ? null : engine.getPeerHost();
  }

  private static int portOf(SSLEngine engine) {
    return engine == null ? -1 : engine.getPeerPort();
  }
}
