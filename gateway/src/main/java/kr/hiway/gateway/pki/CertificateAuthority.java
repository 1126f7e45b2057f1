package kr.hiway.gateway.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The gateway CA: it signs hospitals' server certificates from their checked CSRs, the gateway's
 * own client certificates, and the revocation list.
 *
 * <p>What it issues, and why: a hospital gets a server certificate only ({@code serverAuth}), since
 * an adapter only ever answers; the gateway alone gets {@code clientAuth}, so that an adapter,
 * which trusts this CA, can tell the gateway from another hospital. Immutable and thread-safe.
 */
public final class CertificateAuthority {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final PrivateKey key;
  private final X509Certificate certificate;

  public CertificateAuthority(PrivateKey key, X509Certificate certificate) {
    this.key = Objects.requireNonNull(key, "key");
    this.certificate = Objects.requireNonNull(certificate, "certificate");
  }

  /** A new self-signed CA with an EC P-384 key, valid for {@code validity}. */
  public static CertificateAuthority generate(String name, Duration validity)
      throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp384r1"));
    KeyPair keys = g.generateKeyPair();
    X500Name subject = new X500Name("CN=" + name);
    Instant now = Instant.now();
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            subject,
            serial(),
            Date.from(now.minus(Duration.ofMinutes(5))),
            Date.from(now.plus(validity)),
            subject,
            keys.getPublic());
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      b.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      b.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
    } catch (CertIOException e) {
      throw new GeneralSecurityException(e);
    }
    return new CertificateAuthority(keys.getPrivate(), convert(b, keys.getPrivate()));
  }

  public X509Certificate certificate() {
    return certificate;
  }

  PrivateKey key() {
    return key;
  }

  /**
   * A hospital adapter's server certificate: {@code serverAuth}, SAN = its exact host. The gateway
   * issues one only through {@link Onboarding}'s checks; the demo network run apart calls it
   * directly, being its own operator.
   */
  public X509Certificate issueServer(
      X500Name subject, PublicKey publicKey, String host, Instant notBefore, Duration validity)
      throws GeneralSecurityException {
    return issue(
        subject,
        publicKey,
        new GeneralNames(Hosts.generalName(host)),
        KeyPurposeId.id_kp_serverAuth,
        notBefore,
        validity);
  }

  /** A client certificate for the gateway itself: {@code clientAuth}, no SAN. */
  public X509Certificate issueGatewayClient(String name, PublicKey publicKey, Duration validity)
      throws GeneralSecurityException {
    return issue(
        new X500Name("CN=" + name),
        publicKey,
        null,
        KeyPurposeId.id_kp_clientAuth,
        Instant.now(),
        validity);
  }

  /** A revocation list naming the given serials, valid for {@code validity}. */
  X509CRL revocationList(List<BigInteger> revoked, Instant now, Duration validity)
      throws GeneralSecurityException {
    X509v2CRLBuilder b =
        new JcaX509v2CRLBuilder(certificate.getSubjectX500Principal(), Date.from(now));
    b.setNextUpdate(Date.from(now.plus(validity)));
    for (BigInteger serial : revoked) {
      b.addCRLEntry(serial, Date.from(now), CRLReason.unspecified);
    }
    try {
      return new JcaX509CRLConverter().getCRL(b.build(signer()));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private X509Certificate issue(
      X500Name subject,
      PublicKey publicKey,
      GeneralNames san,
      KeyPurposeId usage,
      Instant notBefore,
      Duration validity)
      throws GeneralSecurityException {
    // Never past the CA's own end, or chains would fail before the leaf does.
    Instant notAfter = notBefore.plus(validity);
    if (notAfter.isAfter(certificate.getNotAfter().toInstant())) {
      notAfter = certificate.getNotAfter().toInstant();
    }
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            certificate, serial(), Date.from(notBefore), Date.from(notAfter), subject, publicKey);
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(usage));
      b.addExtension(
          Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
      if (san != null) {
        b.addExtension(Extension.subjectAlternativeName, true, san);
      }
    } catch (CertIOException e) {
      throw new GeneralSecurityException(e);
    }
    return convert(b, key);
  }

  private ContentSigner signer() throws OperatorCreationException {
    return new JcaContentSignerBuilder(signatureAlgorithm(key)).build(key);
  }

  private static X509Certificate convert(X509v3CertificateBuilder b, PrivateKey signingKey)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(
              b.build(
                  new JcaContentSignerBuilder(signatureAlgorithm(signingKey)).build(signingKey)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static String signatureAlgorithm(PrivateKey key) {
    return switch (key.getAlgorithm()) {
      case "EC" -> "SHA384withECDSA";
      case "RSA" -> "SHA256withRSA";
      default -> throw new IllegalArgumentException("a CA key is EC or RSA");
    };
  }

  /** Positive, 127 bits of randomness (RFC 5280 allows up to 20 octets). */
  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE);
  }
}
