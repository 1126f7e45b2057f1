package kr.hiway.gateway.pki;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The certificates issued to hospitals, in the {@code hospital_certificate} table. Thread-safe. */
@Repository
public class HospitalCertificates {

  private static final String COLUMNS =
      "serial, hospital_code, subject, host, sha256, not_before, not_after, revoked_at, pem";

  private final JdbcClient jdbc;

  HospitalCertificates(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  IssuedCertificate record(String hospitalCode, String host, X509Certificate cert, Instant now) {
    IssuedCertificate issued =
        new IssuedCertificate(
            cert.getSerialNumber().toString(16),
            hospitalCode,
            cert.getSubjectX500Principal().getName(),
            host,
            fingerprint(cert),
            cert.getNotBefore().toInstant(),
            cert.getNotAfter().toInstant(),
            null,
            Pem.encode("CERTIFICATE", der(cert)));
    jdbc.sql(
            "INSERT INTO hospital_certificate (serial, hospital_code, subject, host, sha256,"
                + " not_before, not_after, issued_at, pem) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            issued.serial(),
            hospitalCode,
            issued.subject(),
            host,
            issued.sha256(),
            Timestamp.from(issued.notBefore()),
            Timestamp.from(issued.notAfter()),
            Timestamp.from(now),
            issued.pem())
        .update();
    return issued;
  }

  /** Every certificate issued to a hospital, newest first. */
  public List<IssuedCertificate> ofHospital(String hospitalCode) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM hospital_certificate WHERE hospital_code = ? ORDER BY not_before DESC,"
                + " serial")
        .param(hospitalCode)
        .query(HospitalCertificates::row)
        .list();
  }

  Optional<IssuedCertificate> bySerial(String serial) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM hospital_certificate WHERE serial = ?")
        .param(serial)
        .query(HospitalCertificates::row)
        .optional();
  }

  /** An unrevoked certificate as pinning needs it. */
  record Unrevoked(String hospitalCode, String sha256, Instant notBefore, Instant notAfter) {}

  /** Every certificate not revoked, of every hospital: one query. */
  List<Unrevoked> unrevoked() {
    return jdbc.sql(
            "SELECT hospital_code, sha256, not_before, not_after FROM hospital_certificate"
                + " WHERE revoked_at IS NULL")
        .query((rs, n) ->
            new Unrevoked(
                rs.getString("hospital_code"),
                rs.getString("sha256"),
                rs.getTimestamp("not_before").toInstant(),
                rs.getTimestamp("not_after").toInstant()))
        .list();
  }

  /** Marks a certificate revoked; false if it was revoked already. */
  boolean revoke(String serial, String reason, Instant now) {
    return jdbc.sql(
                "UPDATE hospital_certificate SET revoked_at = ?, revocation_reason = ? WHERE serial"
                    + " = ? AND revoked_at IS NULL")
            .params(Timestamp.from(now), reason, serial)
            .update()
        == 1;
  }

  /** Revokes every unrevoked certificate of a hospital (the demo, at each start). */
  int revokeAll(String hospitalCode, String reason, Instant now) {
    return jdbc.sql(
            "UPDATE hospital_certificate SET revoked_at = ?, revocation_reason = ? WHERE"
                + " hospital_code = ? AND revoked_at IS NULL")
        .params(Timestamp.from(now), reason, hospitalCode)
        .update();
  }

  /** The serials of revoked certificates that have not yet expired, for the CRL. */
  List<BigInteger> revokedSerials(Instant now) {
    return jdbc
        .sql(
            "SELECT serial FROM hospital_certificate WHERE revoked_at IS NOT NULL AND not_after > ?"
                + " ORDER BY serial")
        .param(Timestamp.from(now))
        .query(String.class)
        .list()
        .stream()
        .map(s -> new BigInteger(s, 16))
        .toList();
  }

  /** When the last of each hospital's active certificates ends, for those that have any. */
  public Map<String, Instant> latestExpiries(Instant now) {
    Map<String, Instant> out = new HashMap<>();
    jdbc.sql(
            "SELECT hospital_code, MAX(not_after) FROM hospital_certificate WHERE revoked_at IS"
                + " NULL AND not_after > ? GROUP BY hospital_code")
        .param(Timestamp.from(now))
        .query(rs -> {
          out.put(rs.getString(1), rs.getTimestamp(2).toInstant());
        });
    return out;
  }

  static String fingerprint(X509Certificate cert) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der(cert)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] der(X509Certificate cert) {
    try {
      return cert.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static IssuedCertificate row(ResultSet rs, int n) throws SQLException {
    Timestamp revoked = rs.getTimestamp("revoked_at");
    return new IssuedCertificate(
        rs.getString("serial"),
        rs.getString("hospital_code"),
        rs.getString("subject"),
        rs.getString("host"),
        rs.getString("sha256"),
        rs.getTimestamp("not_before").toInstant(),
        rs.getTimestamp("not_after").toInstant(),
        revoked == null ? null : revoked.toInstant(),
        rs.getString("pem"));
  }
}
