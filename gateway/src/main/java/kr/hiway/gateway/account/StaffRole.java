package kr.hiway.gateway.account;

import java.util.Arrays;
import java.util.Optional;

/** What a staff member may do, beyond what any signed-in user may. */
public enum StaffRole {
  /** Reviews the consent ledger: events, disclosures, compliance, proofs. */
  REGULATOR("regulator"),
  /** Re-identifies a pseudonym, with a stated reason. */
  TRUST_CENTER("trust-center"),
  /** Runs the network: registers hospitals, issues and revokes their certificates, watches them. */
  OPERATOR("operator");

  private final String code;

  StaffRole(String code) {
    this.code = code;
  }

  /** The role as stored and as carried in tokens, e.g. {@code regulator}. */
  public String code() {
    return code;
  }

  /** The Spring Security authority of the role, e.g. {@code ROLE_REGULATOR}. */
  public String authority() {
    return "ROLE_" + name();
  }

  public static Optional<StaffRole> ofCode(String code) {
    return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
  }

  public static Optional<StaffRole> ofAuthority(String authority) {
    return Arrays.stream(values()).filter(r -> r.authority().equals(authority)).findFirst();
  }
}
