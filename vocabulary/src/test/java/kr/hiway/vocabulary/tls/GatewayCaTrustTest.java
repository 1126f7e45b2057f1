package kr.hiway.vocabulary.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import kr.hiway.vocabulary.tls.GatewayCaTrust.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The order every check follows, whichever kind of peer is trusted. Checks on a TLS connection are
 * shown by the subclasses' tests with real handshakes; here there is no connection, so the hooks
 * see no handshake, host or port.
 */
class GatewayCaTrustTest {

  // Self-signed, EC P-256, CA:TRUE, valid 2025 to 2124; made with keytool.
  private static final X509Certificate CA =
      pem(
          """
          -----BEGIN CERTIFICATE-----
          MIIBXjCCAQWgAwIBAgIJALmtbtUEwKGDMAoGCCqGSM49BAMCMBoxGDAWBgNVBAMT
          D1Rlc3QgZ2F0ZXdheSBDQTAgFw0yNTAxMDEwMzA1MDNaGA8yMTI0MTIwODAzMDUw
          M1owGjEYMBYGA1UEAxMPVGVzdCBnYXRld2F5IENBMFkwEwYHKoZIzj0CAQYIKoZI
          zj0DAQcDQgAE6rO8/OmgSVRSfPkuueW1qokHW/26jkKJG3dEnNlGxmRbIJIZCs6G
          gCxIluvezL4fM7qPE5G2pJkhomLh9ydq+qMyMDAwHQYDVR0OBBYEFHUvmpK/60mw
          j64N+UjMKeHQhs4XMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDRwAwRAIg
          ODQkfKZWh5wIEBeAOKyPsoUI0Aj57RxUqGHzo+DA9i0CIDxx2Mt09iGWOZzXJ+Vb
          zSXQiNlAFlcBa9NTx/2TdgT1
          -----END CERTIFICATE-----
          """);
  private static final X509Certificate OTHER_CA =
      pem(
          """
          -----BEGIN CERTIFICATE-----
          MIIBUzCB+qADAgECAgg983sSMpR5mTAKBggqhkjOPQQDAjAVMRMwEQYDVQQDEwpB
          bm90aGVyIENBMCAXDTI1MDEwMTAzMDUwNVoYDzIxMjQxMjA4MDMwNTA1WjAVMRMw
          EQYDVQQDEwpBbm90aGVyIENBMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEgjx9
          grmZdQRyMGHOb9fDXUNiU0TZ+rh4XFv+5b/UAF0cHRkJ9mYaUVxta3QfbCLWFT8S
          GR/zgCLXqDVZcaSjLqMyMDAwHQYDVR0OBBYEFLTn0X0140aPuRnlK7FquwAGQin6
          MA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIgBrmXFDJOKSz9fjWQ
          jEC34fSHLsRckmffbiMYGo/NvUUCIQC1uqZhgHpCk0ngU9h9TMqdMi0c8bUxXCcR
          FBU+pEWAEQ==
          -----END CERTIFICATE-----
          """);

  @ParameterizedTest
  @EnumSource(Peers.class)
  void checkWhenTheOtherKindOfPeerThenRefusedBeforeAnyHook(Peers trusted) throws Exception {
    Recording trust = new Recording(trusted);
    X509Certificate[] chain = {CA};
    List<Check> otherKind =
        trusted == Peers.CLIENTS
            ? List.of(
                () -> trust.checkServerTrusted(chain, "ECDHE_ECDSA"),
                () -> trust.checkServerTrusted(chain, "ECDHE_ECDSA", (Socket) null),
                () -> trust.checkServerTrusted(chain, "ECDHE_ECDSA", (SSLEngine) null))
            : List.of(
                () -> trust.checkClientTrusted(chain, "EC"),
                () -> trust.checkClientTrusted(chain, "EC", (Socket) null),
                () -> trust.checkClientTrusted(chain, "EC", (SSLEngine) null));
    for (Check check : otherKind) {
      assertThatThrownBy(check::run)
          .isInstanceOf(CertificateException.class)
          .hasMessage("not the kind of peer met here");
    }
    assertThat(trust.calls).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Peers.class)
  void checkWhenChainOfTheCaThenHandshakeHookThenPeerHookWithTheLeaf(Peers trusted)
      throws Exception {
    Recording trust = new Recording(trusted);
    try (Socket plain = new Socket()) {
      check(trust, trusted, new X509Certificate[] {CA}, null);
      check(trust, trusted, new X509Certificate[] {CA}, plain);
    }
    String peer = "peer " + CA.getSubjectX500Principal().getName() + " null null -1";
    assertThat(trust.calls).containsExactly("handshake null", peer, "handshake null", peer);
  }

  @ParameterizedTest
  @EnumSource(Peers.class)
  void checkWhenChainOfAnotherCaThenRefusedByPkixAndPeerHookNotCalled(Peers trusted)
      throws Exception {
    Recording trust = new Recording(trusted);
    assertThatThrownBy(() -> check(trust, trusted, new X509Certificate[] {OTHER_CA}, null))
        .isInstanceOf(CertificateException.class);
    assertThat(trust.calls).containsExactly("handshake null");
  }

  @Test
  void checkWhenHandshakeHookRefusesThenRefusedBeforeTheChain() throws Exception {
    Recording trust = new Recording(Peers.SERVERS);
    trust.refuseHandshake = true;
    // The chain would fail PKIX; the hook's refusal comes first.
    assertThatThrownBy(() -> check(trust, Peers.SERVERS, new X509Certificate[] {OTHER_CA}, null))
        .isInstanceOf(CertificateException.class)
        .hasMessage("handshake refused");
    assertThat(trust.calls).containsExactly("handshake null");
  }

  @Test
  void acceptedIssuersThenTheCaAlone() throws Exception {
    assertThat(new Recording(Peers.CLIENTS).getAcceptedIssuers()).containsExactly(CA);
  }

  @FunctionalInterface
  private interface Check {
    void run() throws Exception;
  }

  /** The trusted kind of check, without a socket if {@code socketOrNull} is null. */
  private static void check(
      GatewayCaTrust trust, Peers trusted, X509Certificate[] chain, Socket socketOrNull)
      throws CertificateException {
    if (trusted == Peers.CLIENTS) {
      if (socketOrNull == null) {
        trust.checkClientTrusted(chain, "EC");
      } else {
        trust.checkClientTrusted(chain, "EC", socketOrNull);
      }
    } else if (socketOrNull == null) {
      trust.checkServerTrusted(chain, "ECDHE_ECDSA");
    } else {
      trust.checkServerTrusted(chain, "ECDHE_ECDSA", socketOrNull);
    }
  }

  /** Writes down what its hooks were called with. */
  private static final class Recording extends GatewayCaTrust {
    final List<String> calls = new ArrayList<>();
    boolean refuseHandshake;

    Recording(Peers trusted) throws Exception {
      super(CA, trusted, "not the kind of peer met here");
    }

    @Override
    protected void checkHandshake(SSLSession handshakeOrNull) throws CertificateException {
      calls.add("handshake " + handshakeOrNull);
      if (refuseHandshake) {
        throw new CertificateException("handshake refused");
      }
    }

    @Override
    protected void checkPeer(
        X509Certificate leaf, SSLSession handshakeOrNull, String peerHostOrNull, int peerPort) {
      calls.add(
          "peer "
              + leaf.getSubjectX500Principal().getName()
              + " "
              + handshakeOrNull
              + " "
              + peerHostOrNull
              + " "
              + peerPort);
    }
  }

  private static X509Certificate pem(String text) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new ByteArrayInputStream(text.strip().getBytes(StandardCharsets.US_ASCII)));
    } catch (CertificateException e) {
      throw new IllegalStateException(e);
    }
  }
}
