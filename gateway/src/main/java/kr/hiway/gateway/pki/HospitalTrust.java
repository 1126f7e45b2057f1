package kr.hiway.gateway.pki;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLSession;
import kr.hiway.vocabulary.tls.GatewayCaTrust;

/**
 * The gateway's trust in hospital adapters. A server is trusted when, in this order: the protocol
 * is TLS 1.2 or 1.3; its chain leads to the gateway CA (PKIX: signatures, dates, key usage); and
 * its certificate is one of those the registry holds, unrevoked and in date, for the hospital
 * registered at exactly that host and port. So hospital A's certificate, though signed by the same
 * CA and naming the same host, is refused on hospital B's port, and a certificate revoked through
 * the operator API is refused at the next handshake. The JDK's client checks the host name against
 * the SAN on top of this.
 *
 * <p>Thread-safe. The gateway never answers TLS clients with this, so client checks are refused; so
 * is any check without a TLS handshake, which could not tell the hospital.
 */
final class HospitalTrust extends GatewayCaTrust {

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

  private final Pins pins;

  HospitalTrust(X509Certificate ca, Pins pins) throws GeneralSecurityException {
    super(ca, Peers.SERVERS, "the gateway does not take TLS clients here");
    this.pins = Objects.requireNonNull(pins, "pins");
  }

  @Override
  protected void checkHandshake(SSLSession handshakeOrNull) throws CertificateException {
    if (handshakeOrNull == null || !PROTOCOLS.contains(handshakeOrNull.getProtocol())) {
      throw new CertificateException("only TLS 1.2 and 1.3 are accepted");
    }
  }

  @Override
  protected void checkPeer(
      X509Certificate leaf, SSLSession handshakeOrNull, String peerHostOrNull, int peerPort)
      throws CertificateException {
    if (peerHostOrNull == null || peerPort <= 0) {
      throw new CertificateException("the hospital's host and port are unknown");
    }
    List<String> allowed =
        pins.at(Hosts.normalize(peerHostOrNull), peerPort)
            .orElseThrow(() ->
                new CertificateException(
                    "no hospital with a valid certificate is registered there"));
    if (!allowed.contains(HospitalCertificates.fingerprint(leaf))) {
      throw new CertificateException(
          "the certificate is not one issued to the hospital registered there, or it is revoked");
    }
  }
}
