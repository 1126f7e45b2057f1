package kr.hiway.adapter.tls;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLSession;
import kr.hiway.vocabulary.tls.GatewayCaTrust;

/**
 * Trusts a TLS client only if it is the gateway: a chain to the gateway CA (PKIX, with validity
 * dates), a leaf with the {@code clientAuth} extended key usage (which the CA puts only on the
 * gateway's own certificates, never on a hospital's, so that no hospital can call another's
 * adapter), and a serial not on the revocation list. This adapter never acts as a TLS client, so
 * server checks are refused outright. Thread-safe.
 */
final class GatewayClientTrust extends GatewayCaTrust {

  static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  private final RevocationList revoked;

  GatewayClientTrust(X509Certificate ca, RevocationList revoked) throws GeneralSecurityException {
    super(ca, Peers.CLIENTS, "an adapter does not connect to servers");
    this.revoked = Objects.requireNonNull(revoked, "revoked");
  }

  @Override
  protected void checkPeer(
      X509Certificate leaf, SSLSession handshakeOrNull, String peerHostOrNull, int peerPort)
      throws CertificateException {
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
}
