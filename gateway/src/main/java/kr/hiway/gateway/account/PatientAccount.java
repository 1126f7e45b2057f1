package kr.hiway.gateway.account;

import java.util.Objects;

/**
 * A patient's account at the demo identity provider, bound to one person.
 *
 * @param username the sign-in name
 * @param patientId the gateway's own id for the person, as used in FHIR ({@code Patient/{id}})
 * @param nationalId the person's national identifier; used only to derive linkage tokens, and
 *     deliberately left out of {@link #toString()} so that it cannot reach a log by accident
 */
public record PatientAccount(String username, String patientId, String nationalId) {

  public PatientAccount {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(nationalId, "nationalId");
  }

  @Override
  public String toString() {
    return "PatientAccount[username=" + username + ", patientId=" + patientId + "]";
  }
}
