package kr.hiway.gateway.pki;

import java.security.cert.CRLException;
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
  ResponseEntity<String> ca() {
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/x-pem-file"))
        .body(onboarding.caPem());
  }

  @GetMapping("/pki/crl")
  ResponseEntity<byte[]> crl() throws CRLException {
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/pkix-crl"))
        .cacheControl(CacheControl.noCache())
        .body(onboarding.revocationList().getEncoded());
  }
}
