package kr.hiway.gateway.account;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import kr.hiway.gateway.pii.NationalIdCipher;
import kr.hiway.gateway.pii.NationalIdCipher.Column;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The patient accounts, in the {@code patient_account} table. The national identifier is kept
 * sealed ({@link NationalIdCipher}) and found by its keyed hash, never stored in clear.
 * Thread-safe.
 */
@Repository
public class PatientAccounts {

  /** The authority every patient account holds. */
  public static final String ROLE_PATIENT = "ROLE_PATIENT";

  private static final String COLUMNS = "SELECT username, patient_id, national_id_sealed";

  private final JdbcClient jdbc;
  private final PasswordEncoder passwords;
  private final NationalIdCipher nationalIds;
  private final RowMapper<PatientAccount> row;
  private final SecureRandom random = new SecureRandom();
  private final ConcurrentHashMap<String, PatientAccount> byPatientId = new ConcurrentHashMap<>();
  private static final int MAX_KEPT = 100_000;

  PatientAccounts(JdbcClient jdbc, PasswordEncoder passwords, NationalIdCipher nationalIds) {
    this.jdbc = jdbc;
    this.passwords = passwords;
    this.nationalIds = nationalIds;
    this.row =
        (rs, n) -> {
          String username = rs.getString("username");
          return new PatientAccount(
              username,
              rs.getString("patient_id"),
              nationalIds.open(
                  Column.PATIENT_ACCOUNT, username, rs.getString("national_id_sealed")));
        };
  }

  public Optional<PatientAccount> byUsername(String username) {
    return jdbc.sql(COLUMNS + " FROM patient_account WHERE username = ?")
        .param(username)
        .query(row)
        .optional();
  }

  /** The account of the person with this national identifier, found by its keyed hash. */
  public Optional<PatientAccount> byNationalId(String nationalId) {
    return jdbc.sql(COLUMNS + " FROM patient_account WHERE national_id_hash = ?")
        .param(nationalIds.lookupHash(nationalId))
        .query(row)
        .optional();
  }

  /**
   * The account with this patient id. Every record request and every disclosure needs it, and an
   * account's binding to its person never changes (accounts are neither updated nor deleted), so
   * what was found is kept: a database round trip per request was a twentieth of a Patient read.
   * Unknown ids are not kept. If accounts ever become deletable or re-bindable, this must change.
   */
  public Optional<PatientAccount> byPatientId(String patientId) {
    PatientAccount known = byPatientId.get(patientId);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<PatientAccount> found =
        jdbc.sql(COLUMNS + " FROM patient_account WHERE patient_id = ?")
            .param(patientId)
            .query(row)
            .optional();
    found.ifPresent(account -> {
      if (byPatientId.size() >= MAX_KEPT) {
        byPatientId.clear(); // bounded; the busy part refills at once
      }
      byPatientId.put(patientId, account);
    });
    return found;
  }

  /**
   * Creates an account for a person unless the username exists already, and returns the account as
   * stored. The patient id is random: it says nothing about the person.
   */
  @Transactional
  public PatientAccount createIfAbsent(String username, String rawPassword, String nationalId) {
    Optional<PatientAccount> existing = byUsername(username);
    if (existing.isPresent()) {
      return existing.get();
    }
    if (jdbc.sql("SELECT count(*) FROM staff_account WHERE username = ?")
            .param(username)
            .query(Long.class)
            .single()
        > 0) {
      throw new IllegalArgumentException(username + " is a staff account");
    }
    byte[] id = new byte[12];
    random.nextBytes(id);
    String patientId = "pt-" + HexFormat.of().formatHex(id);
    jdbc.sql(
            "INSERT INTO patient_account (username, password_hash, patient_id,"
                + " national_id_sealed, national_id_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)")
        .params(
            username,
            passwords.encode(rawPassword),
            patientId,
            nationalIds.seal(Column.PATIENT_ACCOUNT, username, nationalId),
            nationalIds.lookupHash(nationalId),
            Timestamp.from(Instant.now()))
        .update();
    return new PatientAccount(username, patientId, nationalId);
  }

  /** The account as the sign-in form checks it, if there is one. */
  Optional<UserDetails> signIn(String username) {
    return jdbc.sql("SELECT username, password_hash FROM patient_account WHERE username = ?")
        .param(username)
        .query((rs, n) ->
            User.withUsername(rs.getString("username"))
                .password(rs.getString("password_hash"))
                .authorities(ROLE_PATIENT)
                .build())
        .optional();
  }
}
