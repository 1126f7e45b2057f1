package kr.hiway.gateway.pki;

import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What anyone may fetch, as a CA publishes it: the CA certificate (PEM), which adapters trust, and
 * the current revocation list (DER, RFC 5280), which adapters download on a schedule.
 */
@RestController
class PublicPkiApi {

  private final Onboarding onboarding;

  PublicPkiApi(Onboarding onboarding) {
    this.onboarding = onboarding;
  }

  @GetMapping("/pki/ca.pem")
  ResponseEntity<String> ca() throws CertificateEncodingException {
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/x-pem-file"))
        .body(Pem.encode("CERTIFICATE", onboarding.caCertificate().getEncoded()));
  }

  @GetMapping("/pki/crl")
  ResponseEntity<byte[]> crl() throws CRLException {
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/pkix-crl"))
        .cacheControl(CacheControl.noCache())
        .body(onboarding.revocationList().getEncoded());
  }
}
