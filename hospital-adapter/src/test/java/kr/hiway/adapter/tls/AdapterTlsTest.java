package kr.hiway.adapter.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import kr.hiway.adapter.server.AdapterHost;
import kr.hiway.adapter.testing.TestPki;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter's mutual TLS, by real handshakes against a running adapter: only the gateway's client
 * certificate (gateway CA, clientAuth, valid, not revoked) gets an answer; TLS 1.1 is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdapterTlsTest {

  TestPki gatewayCa;
  TestPki otherCa;
  TestPki.Issued gateway;
  final Set<BigInteger> revoked = ConcurrentHashMap.newKeySet();
  AdapterHost host;
  URI base;

  @BeforeAll
  void start() throws Exception {
    gatewayCa = TestPki.create("Test gateway CA");
    otherCa = TestPki.create("Another CA");
    gateway = gatewayCa.client("hiway-gateway");
    TestPki.Issued server = gatewayCa.server("h1", "127.0.0.1");
    AdapterTls tls =
        AdapterTls.of(
            server.keys().getPrivate(),
            server.chain(),
            gatewayCa.caCertificate(),
            revoked::contains);
    host =
        AdapterHost.start("127.0.0.1", List.of(new AdapterHost.Mount("h1", 0, new Hello(), tls)));
    base = host.baseUrl("h1");
  }

  @AfterAll
  void stop() throws Exception {
    host.close();
  }

  @Test
  void baseUrlWhenTlsThenHttps() {
    assertThat(base.getScheme()).isEqualTo("https");
  }

  @Test
  void getWhenGatewayClientCertificateThenAnswered() throws Exception {
    assertThat(get(gateway)).isEqualTo("hello over https");
  }

  @Test
  void getWhenNoClientCertificateThenRefused() {
    assertThatThrownBy(() -> get(null)).isInstanceOf(IOException.class);
  }

  @Test
  void getWhenClientCertificateOfAnotherCaThenRefused() throws Exception {
    TestPki.Issued stranger = otherCa.client("hiway-gateway");
    assertThatThrownBy(() -> get(stranger)).isInstanceOf(IOException.class);
  }

  @Test
  void getWhenClientCertificateExpiredThenRefused() throws Exception {
    TestPki.Issued expired =
        gatewayCa.leaf(
            "hiway-gateway",
            null,
            KeyPurposeId.id_kp_clientAuth,
            Instant.now().minus(Duration.ofDays(3)),
            Duration.ofDays(1));
    assertThatThrownBy(() -> get(expired)).isInstanceOf(IOException.class);
  }

  @Test
  void getWhenClientCertificateRevokedThenRefused() throws Exception {
    TestPki.Issued soonRevoked = gatewayCa.client("hiway-gateway");
    assertThat(get(soonRevoked)).isEqualTo("hello over https");
    revoked.add(soonRevoked.certificate().getSerialNumber());
    assertThatThrownBy(() -> get(soonRevoked)).isInstanceOf(IOException.class);
  }

  @Test
  void getWhenAnotherHospitalsServerCertificateAsClientThenRefused() throws Exception {
    // Issued by the same CA, but for serving: no hospital may call another hospital's adapter.
    TestPki.Issued hospital = gatewayCa.server("h2", "127.0.0.1");
    assertThatThrownBy(() -> get(hospital)).isInstanceOf(IOException.class);
  }

  @Test
  void handshakeWhenClientOffersOnlyTls11ThenAlert() throws Exception {
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(tls11ClientHello());
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      int contentType = in.read();
      // 21 = alert (or the connection simply closed); 22 would be a ServerHello.
      assertThat(contentType).isIn(21, -1);
    }
  }

  @Test
  void crlFileWhenSerialListedThenRevokedAndWhenForgedThenAllRevoked(@TempDir Path dir)
      throws Exception {
    TestPki.Issued listed = gatewayCa.client("hiway-gateway");
    Path file = dir.resolve("gateway.crl");
    Files.write(file, crl(gatewayCa, listed.certificate()));
    RevocationList fromFile = RevocationList.fromCrlFile(file, gatewayCa.caCertificate());
    assertThat(fromFile.isRevoked(listed.certificate().getSerialNumber())).isTrue();
    assertThat(fromFile.isRevoked(gateway.certificate().getSerialNumber())).isFalse();

    Files.write(file, crl(otherCa, listed.certificate()));
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    assertThat(fromFile.isRevoked(gateway.certificate().getSerialNumber()))
        .as("a CRL not signed by the gateway CA fails closed")
        .isTrue();
  }

  @Test
  void crlFileWhenPastNextUpdateOrOlderThanOneSeenThenAllRevoked(@TempDir Path dir)
      throws Exception {
    TestPki.Issued listed = gatewayCa.client("hiway-gateway");
    BigInteger good = gateway.certificate().getSerialNumber();
    Path file = dir.resolve("gateway.crl");
    Instant now = Instant.now();
    Files.write(
        file, crl(gatewayCa, listed.certificate(), now.minusSeconds(7200), now.minusSeconds(60)));
    RevocationList stale = RevocationList.fromCrlFile(file, gatewayCa.caCertificate());
    assertThat(stale.isRevoked(good)).as("a CRL past its next update fails closed").isTrue();

    Files.write(file, crl(gatewayCa, listed.certificate(), now, now.plusSeconds(86_400)));
    Files.setLastModifiedTime(file, FileTime.from(now.plusSeconds(5)));
    assertThat(stale.isRevoked(good)).isFalse();
    Files.write(
        file,
        crl(gatewayCa, listed.certificate(), now.minusSeconds(3600), now.plusSeconds(86_400)));
    Files.setLastModifiedTime(file, FileTime.from(now.plusSeconds(10)));
    assertThat(stale.isRevoked(good)).as("an older CRL put back fails closed").isTrue();
  }

  @Test
  void fromFilesWhenKeyStoreCaAndCrlThenServesAndRefusesWhatTheCrlLists(@TempDir Path dir)
      throws Exception {
    TestPki.Issued server = gatewayCa.server("h3", "127.0.0.1");
    char[] password = "changeit".toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("adapter", server.keys().getPrivate(), password, server.chain());
    Path keyStore = dir.resolve("adapter.p12");
    try (var out = Files.newOutputStream(keyStore)) {
      store.store(out, password);
    }
    Path ca = dir.resolve("gateway-ca.pem");
    Files.writeString(
        ca,
        "-----BEGIN CERTIFICATE-----\n"
            + java.util.Base64.getMimeEncoder()
                .encodeToString(gatewayCa.caCertificate().getEncoded())
            + "\n-----END CERTIFICATE-----\n");
    TestPki.Issued listed = gatewayCa.client("hiway-gateway");
    Path crl = dir.resolve("gateway.crl");
    Files.write(crl, crl(gatewayCa, listed.certificate()));

    AdapterTls fromFiles = AdapterTls.fromFiles(keyStore, password, ca, crl);
    try (AdapterHost h3 =
        AdapterHost.start(
            "127.0.0.1", List.of(new AdapterHost.Mount("h3", 0, new Hello(), fromFiles)))) {
      URI url = URI.create(h3.baseUrl("h3") + "/hello");
      assertThat(get(gateway, url)).isEqualTo("hello over https");
      assertThatThrownBy(() -> get(listed, url)).isInstanceOf(IOException.class);
    }
  }

  private String get(TestPki.Issued identity) throws Exception {
    return get(identity, URI.create(base + "/hello"));
  }

  private String get(TestPki.Issued identity, URI url) throws Exception {
    SSLContext context = TestPki.clientContext(identity, gatewayCa.caCertificate());
    try (HttpClient client =
        HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build()) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString());
      return response.body();
    }
  }

  private static byte[] crl(TestPki ca, X509Certificate revokedCert) throws Exception {
    return crl(ca, revokedCert, Instant.now(), Instant.now().plus(Duration.ofDays(1)));
  }

  private static byte[] crl(TestPki ca, X509Certificate revokedCert, Instant at, Instant next)
      throws Exception {
    X509v2CRLBuilder b =
        new JcaX509v2CRLBuilder(ca.caCertificate().getSubjectX500Principal(), Date.from(at));
    b.setNextUpdate(Date.from(next));
    b.addCRLEntry(revokedCert.getSerialNumber(), new Date(), CRLReason.keyCompromise);
    var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(caKey(ca));
    return new JcaX509CRLConverter().getCRL(b.build(signer)).getEncoded();
  }

  private static PrivateKey caKey(TestPki ca) {
    return ca.caKeys().getPrivate();
  }

  /** A TLS 1.1 ClientHello (record version 3.1, client version 3.2, no extensions). */
  static byte[] tls11ClientHello() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    int[] suites = {0xc013, 0xc014, 0x002f, 0x0035};
    ByteBuffer body = ByteBuffer.allocate(2 + 32 + 1 + 2 + suites.length * 2 + 2);
    body.put((byte) 3).put((byte) 2).put(random).put((byte) 0);
    body.putShort((short) (suites.length * 2));
    for (int s : suites) {
      body.putShort((short) s);
    }
    body.put((byte) 1).put((byte) 0);
    byte[] hello = body.array();
    ByteBuffer record = ByteBuffer.allocate(5 + 4 + hello.length);
    record.put((byte) 22).put((byte) 3).put((byte) 1).putShort((short) (4 + hello.length));
    record.put((byte) 1).put((byte) 0).putShort((short) hello.length).put(hello);
    return record.array();
  }

  static final class Hello extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("text/plain");
      resp.getWriter().print("hello over " + req.getScheme());
    }
  }
}
