package kr.hiway.gateway.pki;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.gateway.registry.HospitalRegistry;
import kr.hiway.gateway.registry.RegisteredHospital;
import kr.hiway.gateway.transaction.AfterCommit;
import kr.hiway.vocabulary.ErrorCode;
import kr.hiway.vocabulary.Hospital;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hospital onboarding: registering a hospital, signing its CSRs into certificates, revoking them,
 * and the revocation list. A new CSR for a hospital that has a certificate is a rotation: the new
 * certificate is added and the old one stays valid until it is revoked or expires, so that the
 * hospital can switch without a gap. Keys stay with their owners: only CSRs come in. Thread-safe.
 */
@Service
public class Onboarding {

  private static final Logger log = LoggerFactory.getLogger(Onboarding.class);
  private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

  private final CertificateAuthority ca;
  private final String caPem;
  private final HospitalCertificates certificates;
  private final HospitalRegistry registry;
  private final boolean allowPlainHttp;
  private final PkiProperties props;
  private final HospitalTls tls;
  private final Clock clock;

  Onboarding(
      CertificateAuthority ca,
      HospitalCertificates certificates,
      HospitalRegistry registry,
      PkiProperties props,
      HospitalTls tls,
      Clock clock) {
    this.tls = tls;
    this.ca = ca;
    try {
      this.caPem = Pem.encode("CERTIFICATE", ca.certificate().getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("the CA certificate cannot be encoded", e);
    }
    this.certificates = certificates;
    this.registry = registry;
    this.allowPlainHttp = props.allowPlainHttp();
    this.props = props;
    this.clock = clock;
  }

  /** Adds a hospital or updates its entry; its base URL must be its own. */
  @Transactional
  public RegisteredHospital register(Hospital hospital, String baseUrl) {
    if (!CODE.matcher(hospital.code()).matches()) {
      throw invalid("A hospital code is 1 to 40 lower-case letters, digits and '-'.");
    }
    URI url = baseUrl(baseUrl);
    for (RegisteredHospital other : registry.all()) {
      if (!other.code().equals(hospital.code())
          && Hosts.of(other.baseUrl()).equals(Hosts.of(url))
          && Hosts.portOf(other.baseUrl()) == Hosts.portOf(url)) {
        throw new GatewayException(
            ErrorCode.HOSPITAL_CONFLICT,
            "Hospital " + other.code() + " is registered at that host and port already.");
      }
    }
    registry.register(hospital, url);
    tls.forget();
    log.info("hospital {} registered", hospital.code());
    return registry.byCode(hospital.code()).orElseThrow();
  }

  /** Signs a hospital's CSR into a server certificate for the exact host of its base URL. */
  @Transactional
  public IssuedCertificate issue(String hospitalCode, String csrPem) {
    RegisteredHospital hospital = hospital(hospitalCode);
    String host = Hosts.of(hospital.baseUrl());
    X509Certificate cert = sign(hospitalCode, host, csrPem);
    IssuedCertificate issued = certificates.record(hospitalCode, host, cert, clock.instant());
    tls.forget();
    log.info(
        "certificate {} issued to hospital {}, valid until {}",
        issued.serial(),
        hospitalCode,
        issued.notAfter());
    return issued;
  }

  /**
   * Checks and signs a CSR for a hospital at {@code host} without recording it; for the demo, which
   * needs the certificate before its adapters (and so their registry entries) exist. {@link
   * #recordDemo} records it afterwards.
   */
  public X509Certificate sign(String hospitalCode, String host, String csrPem) {
    CsrCheck.Checked checked = CsrCheck.check(csrPem, hospitalCode, host);
    try {
      return ca.issueServer(
          checked.subject(),
          checked.publicKey(),
          host,
          clock.instant(),
          props.certificateValidity());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the CA could not sign", e);
    }
  }

  /** Records a demo certificate, revoking the hospital's certificates of earlier starts. */
  @Transactional
  public void recordDemo(String hospitalCode, X509Certificate cert) {
    Instant now = clock.instant();
    certificates.revokeAll(hospitalCode, "superseded", now);
    AfterCommit.run(revocations::incrementAndGet);
    certificates.record(hospitalCode, Hosts.of(hospital(hospitalCode).baseUrl()), cert, now);
    tls.forget();
  }

  /** Revokes one of a hospital's certificates; revoking it twice changes nothing. */
  @Transactional
  public IssuedCertificate revoke(String hospitalCode, String serial, String reason) {
    IssuedCertificate cert =
        certificates
            .bySerial(serial.toLowerCase(Locale.ROOT))
            .filter(c -> c.hospital().equals(hospitalCode))
            .orElseThrow(() ->
                new GatewayException(
                    ErrorCode.NOT_FOUND,
                    "Hospital " + hospitalCode + " has no certificate " + serial + "."));
    String why = reason == null || reason.isBlank() ? "unspecified" : reason.strip();
    if (why.length() > 40) {
      throw invalid("A revocation reason is at most 40 characters.");
    }
    if (certificates.revoke(cert.serial(), why, clock.instant())) {
      tls.forget();
      AfterCommit.run(revocations::incrementAndGet);
      log.info("certificate {} of hospital {} revoked ({})", cert.serial(), hospitalCode, why);
    }
    return certificates.bySerial(cert.serial()).orElseThrow();
  }

  public List<IssuedCertificate> certificates(String hospitalCode) {
    hospital(hospitalCode);
    return certificates.ofHospital(hospitalCode);
  }

  /**
   * The current revocation list, signed by the CA. A list is signed at most once a minute (the URL
   * is public, and a signature per request would be an easy load), and again at once after a
   * revocation here.
   */
  public X509CRL revocationList() {
    Instant now = clock.instant();
    SignedCrl cached = crl;
    if (cached != null
        && cached.generation() == revocations.get()
        && cached.signedAt().plus(CRL_REUSE).isAfter(now)) {
      return cached.crl();
    }
    long generation = revocations.get();
    try {
      X509CRL fresh = ca.revocationList(certificates.revokedSerials(now), now, props.crlValidity());
      crl = new SignedCrl(fresh, now, generation);
      return fresh;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the CA could not sign its CRL", e);
    }
  }

  private record SignedCrl(X509CRL crl, Instant signedAt, long generation) {}

  private static final Duration CRL_REUSE = Duration.ofMinutes(1);
  private final AtomicLong revocations = new AtomicLong();
  private volatile SignedCrl crl;

  public X509Certificate caCertificate() {
    return ca.certificate();
  }

  /** The CA certificate as PEM, for hospitals to trust. */
  public String caPem() {
    return caPem;
  }

  private RegisteredHospital hospital(String code) {
    return registry
        .byCode(Objects.requireNonNull(code, "code"))
        .orElseThrow(() ->
            new GatewayException(ErrorCode.NOT_FOUND, "No hospital " + code + " is registered."));
  }

  private URI baseUrl(String text) {
    if (text == null || text.isBlank()) {
      throw invalid("baseUrl is required.");
    }
    URI url;
    try {
      url = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw invalid("baseUrl is not a URL.");
    }
    String scheme = url.getScheme();
    if (url.isOpaque()
        || url.getHost() == null
        || url.getRawUserInfo() != null
        || url.getRawQuery() != null
        || url.getRawFragment() != null
        || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
      throw invalid("baseUrl must be https://host[:port]/path, without user, query or fragment.");
    }
    if (!allowPlainHttp && !"https".equalsIgnoreCase(scheme)) {
      throw invalid("baseUrl must be https: hospitals are reached over mutual TLS only.");
    }
    return url;
  }

  private static GatewayException invalid(String message) {
    return new GatewayException(ErrorCode.INVALID_PARAMETER, message);
  }
}
