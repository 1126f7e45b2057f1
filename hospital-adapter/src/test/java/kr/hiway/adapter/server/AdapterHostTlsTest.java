package kr.hiway.adapter.server;

import static org.assertj.core.api.Assertions.assertThat;

import kr.hiway.adapter.testing.TestPki;
import kr.hiway.adapter.tls.AdapterTls;
import kr.hiway.adapter.tls.RevocationList;
import org.junit.jupiter.api.Test;

/**
 * The adapter's TLS connector speaks TLS 1.2 and 1.3 only, whatever the JDK would allow: this JDK
 * already refuses TLS 1.1 by default (so a handshake test cannot tell), but a deployment may have
 * re-enabled it in its {@code java.security}.
 */
class AdapterHostTlsTest {

  @Test
  void connectorWhenTlsThenOnlyTls12And13AndClientCertificatesRequired() throws Exception {
    TestPki ca = TestPki.create("Test gateway CA");
    TestPki.Issued server = ca.server("h1", "127.0.0.1");
    AdapterTls tls =
        AdapterTls.of(
            server.keys().getPrivate(), server.chain(), ca.caCertificate(), RevocationList.none());

    var factory = AdapterHost.sslFactory(tls);

    assertThat(factory.getIncludeProtocols()).containsExactlyInAnyOrder("TLSv1.2", "TLSv1.3");
    assertThat(factory.getNeedClientAuth()).isTrue();
  }
}
