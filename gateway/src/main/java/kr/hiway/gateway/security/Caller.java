package kr.hiway.gateway.security;

import java.util.Objects;
import java.util.Optional;

/**
 * Who is calling the FHIR API, as established from a validated access token.
 *
 * @param subject the token's subject (a username for patients, a client id for systems)
 * @param clientId the OAuth client that holds the token
 * @param patientId the SMART patient context, if the token carries one
 * @param scopes the SMART resource scopes granted
 * @param purposeOfUse for a third-party recipient, the purpose its registration binds it to (a v3
 *     PurposeOfUse code such as {@code TREAT}); empty for patients
 */
public record Caller(
    String subject,
    String clientId,
    Optional<String> patientId,
    SmartScopes scopes,
    Optional<String> purposeOfUse) {

  public Caller {
    Objects.requireNonNull(purposeOfUse, "purposeOfUse");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(scopes, "scopes");
  }
}
