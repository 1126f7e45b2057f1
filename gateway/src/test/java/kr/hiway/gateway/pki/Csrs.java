package kr.hiway.gateway.pki;

import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** CSRs as a hospital makes them, good and bad, with Bouncy Castle. */
final class Csrs {

  static final Provider BC = new BouncyCastleProvider();

  private Csrs() {}

  static KeyPair ec(String curve) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
    g.initialize(new ECGenParameterSpec(curve));
    return g.generateKeyPair();
  }

  static KeyPair rsa(int bits) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(bits);
    return g.generateKeyPair();
  }

  /** A CSR for {@code cn}, asking for {@code san} as subject alternative name if not null. */
  static String pem(String cn, KeyPair keys, String san) throws Exception {
    return pem(request(cn, keys, san));
  }

  static PKCS10CertificationRequest request(String cn, KeyPair keys, String san) throws Exception {
    PKCS10CertificationRequestBuilder b =
        new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + cn), keys.getPublic());
    if (san != null) {
      ExtensionsGenerator ext = new ExtensionsGenerator();
      ext.addExtension(
          Extension.subjectAlternativeName, false, new GeneralNames(Hosts.generalName(san)));
      b.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate());
    }
    String algorithm =
        keys.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
    return b.build(new JcaContentSignerBuilder(algorithm).setProvider(BC).build(keys.getPrivate()));
  }

  /** A CSR whose signature was altered after signing. */
  static String tampered(String cn, KeyPair keys) throws Exception {
    byte[] der = request(cn, keys, null).getEncoded();
    der[der.length - 3] ^= 0x5a;
    return pem(new PKCS10CertificationRequest(der));
  }

  static String pem(PKCS10CertificationRequest csr) throws Exception {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(csr);
    }
    return out.toString();
  }
}
