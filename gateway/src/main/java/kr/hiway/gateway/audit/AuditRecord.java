package kr.hiway.gateway.audit;

import java.util.List;
import java.util.Objects;

/**
 * One access to a patient's data, or one refusal, as it is audited.
 *
 * @param action what was asked: {@code read}, {@code search-type}, {@code operation} ($everything)
 *     or {@code create}/{@code update} (consents)
 * @param success whether anything was released (or written)
 * @param patientId the gateway patient concerned, or null if the request named none
 * @param clientId the OAuth client that asked
 * @param subject who asked: a patient's username or the client itself
 * @param purpose the purpose of use asserted, or null for a patient's own access
 * @param consentIds the consents the decision rests on
 * @param hospitals the hospitals whose records were released
 * @param resourceTypes the types of the records released
 * @param released how many records were released
 * @param withheld how many records the consent decisions withheld
 * @param reason why, in a sentence (a refusal's reason, or the decision summary)
 * @param query the request's path and query, for the query entity
 */
public record AuditRecord(
    String action,
    boolean success,
    String patientId,
    String clientId,
    String subject,
    String purpose,
    List<String> consentIds,
    List<String> hospitals,
    List<String> resourceTypes,
    int released,
    int withheld,
    String reason,
    String query) {

  public AuditRecord {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(subject, "subject");
    consentIds = List.copyOf(consentIds);
    hospitals = List.copyOf(hospitals);
    resourceTypes = List.copyOf(resourceTypes);
  }
}
