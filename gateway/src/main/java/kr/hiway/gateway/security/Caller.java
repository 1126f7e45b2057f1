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
 */
public record Caller(
    String subject, String clientId, Optional<String> patientId, SmartScopes scopes) {

  public Caller {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(scopes, "scopes");
  }
}
