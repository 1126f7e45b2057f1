package kr.hiway.gateway.pki;

import java.io.IOException;
import java.io.StringReader;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Set;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.vocabulary.ErrorCode;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * Checks a hospital's certificate signing request before the CA signs it: a PEM PKCS#10 request,
 * signed by the key it carries (proof that the hospital holds it), for an RSA key of at least 2048
 * bits or an EC key on P-256, P-384 or P-521, whose subject's common name is the hospital's code
 * and whose requested subject alternative names, if any, are exactly the hospital's host. Every
 * refusal is a {@link GatewayException} saying what is wrong. Stateless.
 */
final class CsrCheck {

  /** What a checked CSR gives the CA. */
  record Checked(X500Name subject, PublicKey publicKey) {}

  private static final Set<ASN1ObjectIdentifier> CURVES =
      Set.of(
          X9ObjectIdentifiers.prime256v1,
          SECObjectIdentifiers.secp384r1,
          SECObjectIdentifiers.secp521r1);

  private CsrCheck() {}

  static Checked check(String pem, String hospitalCode, String host) {
    PKCS10CertificationRequest csr = parse(pem);
    // The key's kind first: a key the gateway would never accept needs no further look.
    checkStrength(csr.getSubjectPublicKeyInfo().getAlgorithm(), null);
    PublicKey key = keyOf(csr);
    checkStrength(csr.getSubjectPublicKeyInfo().getAlgorithm(), key);
    try {
      if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
        throw new GatewayException(
            ErrorCode.CSR_SIGNATURE_INVALID,
            "The CSR's signature does not verify with the key it carries.");
      }
    } catch (GatewayException e) {
      throw e;
    } catch (Exception e) {
      throw new GatewayException(
          ErrorCode.CSR_SIGNATURE_INVALID, "The CSR's signature cannot be verified.");
    }
    String cn = commonName(csr.getSubject());
    if (!hospitalCode.equals(cn)) {
      throw new GatewayException(
          ErrorCode.CSR_NAME_MISMATCH,
          "The CSR's subject common name must be the hospital code " + hospitalCode + ".");
    }
    checkRequestedNames(csr, host);
    // The certificate names what the gateway vouches for, whatever else the CSR asked.
    return new Checked(new X500Name("CN=" + hospitalCode + ",O=Health Information Highway"), key);
  }

  private static PKCS10CertificationRequest parse(String pem) {
    if (pem == null || pem.isBlank()) {
      throw new GatewayException(ErrorCode.CSR_MALFORMED, "The body must carry a CSR in PEM.");
    }
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object read = parser.readObject();
      if (read instanceof PKCS10CertificationRequest csr) {
        return csr;
      }
    } catch (IOException | RuntimeException e) {
      // falls through to the same answer: the text is not a CSR
    }
    throw new GatewayException(
        ErrorCode.CSR_MALFORMED,
        "The CSR is not a PEM PKCS#10 request (-----BEGIN CERTIFICATE REQUEST-----).");
  }

  private static PublicKey keyOf(PKCS10CertificationRequest csr) {
    try {
      return new JcaPKCS10CertificationRequest(csr).getPublicKey();
    } catch (Exception e) {
      throw new GatewayException(
          ErrorCode.CSR_WEAK_KEY, "The CSR's key is of a kind the gateway does not accept.");
    }
  }

  /** With {@code key} null, only the algorithm and curve are checked (RSA passes). */
  private static void checkStrength(AlgorithmIdentifier algorithm, PublicKey key) {
    if (key == null && PKCSObjectIdentifiers.rsaEncryption.equals(algorithm.getAlgorithm())) {
      return;
    }
    if (key instanceof RSAPublicKey rsa) {
      if (rsa.getModulus().bitLength() < 2048) {
        throw new GatewayException(
            ErrorCode.CSR_WEAK_KEY,
            "An RSA key must have at least 2048 bits; this one has "
                + rsa.getModulus().bitLength()
                + ".");
      }
      return;
    }
    if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())
        && algorithm.getParameters() instanceof ASN1ObjectIdentifier curve
        && CURVES.contains(curve)) {
      return;
    }
    throw new GatewayException(
        ErrorCode.CSR_WEAK_KEY,
        "The key must be RSA (2048 bits or more) or EC on P-256, P-384 or P-521.");
  }

  private static String commonName(X500Name subject) {
    RDN[] cns = subject.getRDNs(BCStyle.CN);
    if (cns.length != 1) {
      throw new GatewayException(
          ErrorCode.CSR_NAME_MISMATCH, "The CSR's subject must have exactly one common name.");
    }
    return IETFUtils.valueToString(cns[0].getFirst().getValue());
  }

  private static void checkRequestedNames(PKCS10CertificationRequest csr, String host) {
    GeneralName expected = Hosts.generalName(host);
    for (Attribute attribute :
        csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
      Extensions extensions = Extensions.getInstance(attribute.getAttrValues().getObjectAt(0));
      GeneralNames names =
          GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
      if (names == null) {
        continue;
      }
      for (GeneralName name : names.getNames()) {
        if (!name.equals(expected)) {
          throw new GatewayException(
              ErrorCode.CSR_NAME_MISMATCH,
              "The CSR asks for a subject alternative name other than the hospital's host "
                  + host
                  + ".");
        }
      }
    }
  }
}
