package kr.hiway.gateway.pki;

import java.time.Instant;

/**
 * A certificate the gateway CA issued to a hospital, as the operator API shows it.
 *
 * @param serial the serial number in lower-case hex
 * @param hospital the hospital's code
 * @param subject the subject DN
 * @param host the host it is valid for (its SAN)
 * @param sha256 the SHA-256 fingerprint of the DER certificate, lower-case hex
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param revokedAt when it was revoked, or null
 * @param pem the certificate in PEM
 */
public record IssuedCertificate(
    String serial,
    String hospital,
    String subject,
    String host,
    String sha256,
    Instant notBefore,
    Instant notAfter,
    Instant revokedAt,
    String pem) {}
