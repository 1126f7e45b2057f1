package kr.hiway.adapter.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for TLS tests, made with Bouncy Castle: a CA, and leaf certificates of any kind
 * (valid, expired, for a client or a server, for any host). Each {@code TestPki} is one CA.
 */
public final class TestPki {

  /** A key pair with its certificate. */
  public record Issued(KeyPair keys, X509Certificate certificate) {
    public X509Certificate[] chain() {
      return new X509Certificate[] {certificate};
    }
  }

  private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime());

  private final Issued ca;

  private TestPki(Issued ca) {
    this.ca = ca;
  }

  /** A fresh CA named {@code cn}. */
  public static TestPki create(String cn) throws Exception {
    KeyPair keys = ecKeys();
    Instant now = Instant.now();
    X500Name name = new X500Name("CN=" + cn);
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            name,
            serial(),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(30))),
            name,
            keys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    return new TestPki(new Issued(keys, sign(b, keys)));
  }

  public KeyPair caKeys() {
    return ca.keys();
  }

  public X509Certificate caCertificate() {
    return ca.certificate();
  }

  /** A server certificate for {@code host} (an IP address or a DNS name), valid now. */
  public Issued server(String cn, String host) throws Exception {
    return leaf(cn, host, KeyPurposeId.id_kp_serverAuth, Instant.now(), Duration.ofDays(1));
  }

  /** A client certificate, valid now. */
  public Issued client(String cn) throws Exception {
    return leaf(cn, null, KeyPurposeId.id_kp_clientAuth, Instant.now(), Duration.ofDays(1));
  }

  /**
   * A leaf certificate valid from an hour before {@code from} for {@code validity} (so that one in
   * the past is expired).
   */
  public Issued leaf(String cn, String host, KeyPurposeId usage, Instant from, Duration validity)
      throws Exception {
    KeyPair keys = ecKeys();
    Instant notBefore = from.minus(Duration.ofHours(1));
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            ca.certificate(),
            serial(),
            Date.from(notBefore),
            Date.from(notBefore.plus(validity)),
            new X500Name("CN=" + cn),
            keys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(
        Extension.keyUsage,
        true,
        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(usage));
    if (host != null) {
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sanOf(host)));
    }
    return new Issued(keys, sign(b, ca.keys()));
  }

  /** A client SSL context presenting {@code identity} (or none) and trusting {@code trusted}. */
  public static SSLContext clientContext(Issued identity, X509Certificate trusted)
      throws GeneralSecurityException, IOException {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    if (identity != null) {
      keys.setKeyEntry("me", identity.keys().getPrivate(), new char[0], identity.chain());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
    kmf.init(keys, new char[0]);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", trusted);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
    return context;
  }

  /** A CRL of this CA (DER) valid from {@code at} to {@code next}, listing {@code revoked}. */
  public byte[] crl(Instant at, Instant next, X509Certificate... revoked) throws Exception {
    X509v2CRLBuilder b =
        new JcaX509v2CRLBuilder(ca.certificate().getSubjectX500Principal(), Date.from(at));
    b.setNextUpdate(Date.from(next));
    for (X509Certificate r : revoked) {
      b.addCRLEntry(r.getSerialNumber(), Date.from(at), CRLReason.keyCompromise);
    }
    var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(ca.keys().getPrivate());
    return new JcaX509CRLConverter().getCRL(b.build(signer)).getEncoded();
  }

  /** The CA certificate as PEM, as the gateway publishes it at {@code /pki/ca.pem}. */
  public String caPem() throws Exception {
    return "-----BEGIN CERTIFICATE-----\n"
        + java.util.Base64.getMimeEncoder().encodeToString(ca.certificate().getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }

  public static KeyPair ecKeys() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    return g.generateKeyPair();
  }

  static GeneralName sanOf(String host) throws UnknownHostException {
    boolean ip = host.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == ':');
    return ip
        ? new GeneralName(GeneralName.iPAddress, InetAddress.getByName(host).getHostAddress())
        : new GeneralName(GeneralName.dNSName, host);
  }

  private static BigInteger serial() {
    return BigInteger.valueOf(SERIALS.incrementAndGet());
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer) throws Exception {
    return new JcaX509CertificateConverter()
        .getCertificate(
            b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
  }
}
