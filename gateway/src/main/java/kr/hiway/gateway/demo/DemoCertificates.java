package kr.hiway.gateway.demo;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import kr.hiway.adapter.tls.AdapterTls;
import kr.hiway.adapter.tls.RevocationList;
import kr.hiway.gateway.pki.CertificateAuthority;
import kr.hiway.gateway.pki.Onboarding;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Certificates for the demo network's simulated hospitals. For each one the demo plays the hospital
 * (a fresh P-256 key, a CSR naming its code) and the operator (the CSR signed through {@link
 * Onboarding}'s checks and the CA). Thread-safe.
 */
@Component
public class DemoCertificates {

  /** The host every demo adapter listens on, and so every demo certificate's SAN. */
  public static final String HOST = "127.0.0.1";

  /** A demo hospital's certificate and its adapter's TLS settings. */
  public record Issued(X509Certificate certificate, AdapterTls tls) {}

  private final Onboarding onboarding;
  private final CertificateAuthority ca;

  DemoCertificates(Onboarding onboarding, CertificateAuthority ca) {
    this.onboarding = onboarding;
    this.ca = ca;
  }

  public Issued issue(String hospitalCode) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair keys = g.generateKeyPair();
      String csr = csr(hospitalCode, keys);
      X509Certificate cert = onboarding.sign(hospitalCode, HOST, csr);
      AdapterTls tls =
          AdapterTls.of(
              keys.getPrivate(),
              new X509Certificate[] {cert, ca.certificate()},
              ca.certificate(),
              // What these adapters would check is the gateway's own client certificate, which
              // is not among the hospital certificates the CA revokes: nothing to look up.
              RevocationList.none());
      return new Issued(cert, tls);
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("demo certificate for " + hospitalCode, e);
    }
  }

  /**
   * Records an issued certificate once the hospital is registered, revoking its earlier ones; a
   * certificate recorded already (by another instance of a cluster) is left as it is.
   */
  public void record(String hospitalCode, X509Certificate cert) {
    if (recorded(hospitalCode, cert)) {
      return;
    }
    try {
      onboarding.recordDemo(hospitalCode, cert);
    } catch (DuplicateKeyException e) {
      if (!recorded(hospitalCode, cert)) {
        throw e;
      }
      // another instance recorded it at the same moment
    }
  }

  private boolean recorded(String hospitalCode, X509Certificate cert) {
    String serial = cert.getSerialNumber().toString(16);
    return onboarding.certificates(hospitalCode).stream().anyMatch(c -> c.serial().equals(serial));
  }

  static String csr(String cn, KeyPair keys) throws OperatorCreationException, IOException {
    var request =
        new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + cn), keys.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
    StringWriter out = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
      pem.writeObject(request);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return out.toString();
  }
}
