package kr.hiway.gateway.pki;

import java.net.URI;
import java.util.List;
import java.util.Map;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.gateway.registry.RegisteredHospital;
import kr.hiway.vocabulary.ErrorCode;
import kr.hiway.vocabulary.Hospital;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's onboarding API (JSON; operator role): register a hospital, sign its CSR, list and
 * revoke its certificates. A second CSR is a rotation; see {@link Onboarding}.
 */
@RestController
class OnboardingApi {

  /** A hospital to register. */
  record Registration(
      String code, String nameKo, String nameEn, String province, String city, String baseUrl) {}

  /** A CSR to sign. */
  record SigningRequest(String csr) {}

  /** Why a certificate is revoked. */
  record Revocation(String reason) {}

  /** The answer to a signing: the certificate and the CA that signed it. */
  record Signed(IssuedCertificate certificate, String caCertificate) {}

  private final Onboarding onboarding;

  OnboardingApi(Onboarding onboarding) {
    this.onboarding = onboarding;
  }

  @PostMapping("/admin/hospitals")
  ResponseEntity<Map<String, Object>> register(@RequestBody Registration r) {
    for (String field : new String[] {r.code(), r.nameKo(), r.nameEn(), r.province(), r.city()}) {
      if (field == null || field.isBlank()) {
        throw new GatewayException(
            ErrorCode.INVALID_PARAMETER,
            "code, nameKo, nameEn, province, city and baseUrl are required.");
      }
    }
    RegisteredHospital h =
        onboarding.register(
            new Hospital(r.code(), r.nameKo(), r.nameEn(), r.province(), r.city()), r.baseUrl());
    return ResponseEntity.created(URI.create("/admin/hospitals/" + h.code()))
        .body(Map.of("code", h.code(), "baseUrl", h.baseUrl().toString(), "enabled", h.enabled()));
  }

  @PostMapping("/admin/hospitals/{code}/certificates")
  ResponseEntity<Signed> sign(@PathVariable String code, @RequestBody SigningRequest request) {
    IssuedCertificate issued = onboarding.issue(code, request.csr());
    return ResponseEntity.created(
            URI.create("/admin/hospitals/" + code + "/certificates/" + issued.serial()))
        .body(new Signed(issued, ca()));
  }

  @GetMapping("/admin/hospitals/{code}/certificates")
  List<IssuedCertificate> certificates(@PathVariable String code) {
    return onboarding.certificates(code);
  }

  @PostMapping("/admin/hospitals/{code}/certificates/{serial}/revoke")
  IssuedCertificate revoke(
      @PathVariable String code,
      @PathVariable String serial,
      @RequestBody(required = false) Revocation revocation) {
    return onboarding.revoke(code, serial, revocation == null ? null : revocation.reason());
  }

  private String ca() {
    return onboarding.caPem();
  }
}
