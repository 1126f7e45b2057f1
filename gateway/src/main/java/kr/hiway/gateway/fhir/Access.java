package kr.hiway.gateway.fhir;

import kr.hiway.gateway.security.Caller;
import kr.hiway.gateway.security.Callers;
import kr.hiway.gateway.security.SmartScopes.Level;
import org.springframework.stereotype.Component;

/**
 * Who may see what. A patient sees only the patient of their token, and only the types their scopes
 * allow. Every other caller is refused until a consent lets them in.
 */
@Component
class Access {

  /** The caller of this request; a request without one never gets past the security filters. */
  Caller caller() {
    return Callers.current()
        .orElseThrow(() ->
            new GatewayException(GatewayError.NOT_AUTHENTICATED, "An access token is required."));
  }

  /**
   * The patient id the caller may act for, which must be the one requested. The patient id always
   * comes from the token, never from the request: a request can only narrow, not widen.
   */
  String patientFor(Caller caller, String requestedPatientId) {
    String own = ownPatient(caller);
    if (!own.equals(requestedPatientId)) {
      throw new GatewayException(
          GatewayError.OTHER_PATIENT, "A patient may only read their own records.");
    }
    return own;
  }

  /** The patient of the caller's token; refused for a token without a patient context. */
  String ownPatient(Caller caller) {
    return caller
        .patientId()
        .orElseThrow(() ->
            new GatewayException(
                GatewayError.INSUFFICIENT_SCOPE,
                "This token has no patient context; only a patient's own records can be"
                    + " read."));
  }

  /** Whether the caller's patient scopes grant {@code permission} ('r' or 's') on a type. */
  boolean allows(Caller caller, String type, char permission) {
    return caller.scopes().allows(Level.PATIENT, type, permission);
  }

  void require(Caller caller, String type, char permission) {
    if (!allows(caller, type, permission)) {
      throw new GatewayException(
          GatewayError.INSUFFICIENT_SCOPE, "The token's scopes do not cover " + type + ".");
    }
  }

  /** The checks a page request repeats: same patient, and the scopes still cover every type. */
  void checkQuery(Caller caller, PagedQuery query) {
    patientFor(caller, query.patientId());
    char permission = query.kind() == PagedQuery.Kind.SEARCH ? 's' : 'r';
    for (String type : query.types()) {
      require(caller, type, permission);
    }
    if (query.withPatient()) {
      require(caller, "Patient", 'r');
    }
  }
}
