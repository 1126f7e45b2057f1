package kr.hiway.gateway.pki;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The protocol check comes first, before the chain and the pins: a handshake offering anything
 * older than TLS 1.2 is refused even with the CA's own certificate. (The JDK refuses TLS 1.1 by
 * default already, so a real handshake cannot show this check working.)
 */
class HospitalTrustTest {

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.1", "TLSv1", "SSLv3", "NONE"})
  void checkServerTrustedWhenOlderProtocolThenRefusedBeforeAnythingElse(String protocol) {
    assertThatThrownBy(() -> checkServerSpeaking(protocol))
        .isInstanceOf(CertificateException.class)
        .hasMessage("only TLS 1.2 and 1.3 are accepted");
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
  void checkServerTrustedWhenCurrentProtocolThenPastTheProtocolCheck(String protocol) {
    // Refused further on (no hospital host and port here), not for the protocol.
    assertThatThrownBy(() -> checkServerSpeaking(protocol))
        .isInstanceOf(CertificateException.class)
        .message()
        .isNotEqualTo("only TLS 1.2 and 1.3 are accepted");
  }

  /** The CA's own certificate offered by a server whose handshake speaks {@code protocol}. */
  private static void checkServerSpeaking(String protocol) throws Exception {
    CertificateAuthority ca = CertificateAuthority.generate("Test CA", Duration.ofDays(1));
    HospitalTrust trust =
        new HospitalTrust(ca.certificate(), (host, port) -> Optional.of(List.of()));
    SSLSession session = mock(SSLSession.class);
    when(session.getProtocol()).thenReturn(protocol);
    SSLEngine engine = mock(SSLEngine.class);
    when(engine.getHandshakeSession()).thenReturn(session);
    when(engine.getSSLParameters()).thenReturn(new SSLParameters());
    trust.checkServerTrusted(new X509Certificate[] {ca.certificate()}, "RSA", engine);
  }
}
