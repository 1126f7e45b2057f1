package kr.hiway.gateway.account;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff accounts, in the {@code staff_account} table: regulators and the trust center. A staff
 * account is never a patient: a username may be one or the other. Thread-safe.
 */
@Repository
public class StaffAccounts {

  private final JdbcClient jdbc;
  private final PasswordEncoder passwords;
  private final PatientAccounts patients;

  StaffAccounts(JdbcClient jdbc, PasswordEncoder passwords, PatientAccounts patients) {
    this.jdbc = jdbc;
    this.passwords = passwords;
    this.patients = patients;
  }

  /**
   * Creates a staff account unless the username exists already.
   *
   * @throws IllegalArgumentException if the username is a patient's
   */
  @Transactional
  public void createIfAbsent(String username, String rawPassword, StaffRole role) {
    if (patients.byUsername(username).isPresent()) {
      throw new IllegalArgumentException(username + " is a patient account");
    }
    if (roleOf(username).isPresent()) {
      return;
    }
    jdbc.sql(
            "INSERT INTO staff_account (username, password_hash, role, created_at)"
                + " VALUES (?, ?, ?, ?)")
        .params(username, passwords.encode(rawPassword), role.code(), Timestamp.from(Instant.now()))
        .update();
  }

  public Optional<StaffRole> roleOf(String username) {
    return jdbc.sql("SELECT role FROM staff_account WHERE username = ?")
        .param(username)
        .query(String.class)
        .optional()
        .flatMap(StaffRole::ofCode);
  }

  Optional<UserDetails> signIn(String username) {
    return jdbc.sql("SELECT username, password_hash, role FROM staff_account WHERE username = ?")
        .param(username)
        .query((rs, n) ->
            User.withUsername(rs.getString("username"))
                .password(rs.getString("password_hash"))
                .authorities(StaffRole.ofCode(rs.getString("role")).orElseThrow().authority())
                .build())
        .optional();
  }
}
