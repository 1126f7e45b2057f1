package kr.hiway.gateway.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.hiway.gateway.security.backend.RecipientRegistration;
import kr.hiway.vocabulary.RecordType;

/**
 * What SMART App Launch 2 asks a server to publish at {@code .well-known/smart-configuration}, and
 * the scopes the gateway understands. One place, so the discovery document, the capability
 * statement and the registered clients agree.
 */
public final class SmartConfiguration {

  private SmartConfiguration() {}

  /** Every scope a patient-facing app may ask for. */
  public static List<String> patientScopes() {
    List<String> scopes = new ArrayList<>(List.of("openid", "fhirUser", "launch/patient"));
    scopes.add("offline_access");
    scopes.add("patient/*.rs");
    scopes.add("patient/*.read");
    scopes.add("patient/Patient.rs");
    scopes.add("patient/Patient.read");
    scopes.add("patient/Consent.cruds");
    scopes.add("patient/Consent.rs");
    scopes.add("patient/AuditEvent.rs");
    for (RecordType t : RecordType.values()) {
      scopes.add("patient/" + t.fhirType() + ".rs");
      scopes.add("patient/" + t.fhirType() + ".read");
    }
    return List.copyOf(scopes);
  }

  static String authorizeUrl(String issuer) {
    return issuer + "/oauth2/authorize";
  }

  static String tokenUrl(String issuer) {
    return issuer + "/oauth2/token";
  }

  static String revokeUrl(String issuer) {
    return issuer + "/oauth2/revoke";
  }

  static String introspectUrl(String issuer) {
    return issuer + "/oauth2/introspect";
  }

  /** The discovery document, for a server whose issuer is {@code issuer}. */
  static Map<String, Object> document(String issuer) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("issuer", issuer);
    doc.put("jwks_uri", issuer + "/oauth2/jwks");
    doc.put("authorization_endpoint", authorizeUrl(issuer));
    doc.put("token_endpoint", tokenUrl(issuer));
    doc.put("revocation_endpoint", revokeUrl(issuer));
    doc.put("introspection_endpoint", introspectUrl(issuer));
    doc.put(
        "grant_types_supported",
        List.of("authorization_code", "refresh_token", "client_credentials"));
    doc.put(
        "token_endpoint_auth_methods_supported",
        List.of("client_secret_basic", "client_secret_post", "private_key_jwt", "none"));
    // What private_key_jwt assertions may be signed with (SMART requires RS384 and ES384).
    doc.put(
        "token_endpoint_auth_signing_alg_values_supported",
        List.of("RS384", "ES384", "RS256", "ES256"));
    List<String> scopes = new ArrayList<>(patientScopes());
    scopes.addAll(RecipientRegistration.scopes());
    doc.put("scopes_supported", scopes);
    doc.put("response_types_supported", List.of("code"));
    doc.put("code_challenge_methods_supported", List.of("S256"));
    doc.put(
        "capabilities",
        List.of(
            "launch-standalone",
            "client-public",
            "client-confidential-symmetric",
            "client-confidential-asymmetric",
            "context-standalone-patient",
            "permission-patient",
            "permission-v1",
            "permission-v2",
            "permission-offline",
            "sso-openid-connect"));
    return doc;
  }
}
