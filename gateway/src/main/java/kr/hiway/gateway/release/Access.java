package kr.hiway.gateway.release;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import kr.hiway.consent.decision.ConsentDecider;
import kr.hiway.consent.decision.PreparedRequest;
import kr.hiway.consent.decision.Requester;
import kr.hiway.consent.model.ConsentTerms;
import kr.hiway.consent.model.PurposeOfUse;
import kr.hiway.consent.store.ConsentStore;
import kr.hiway.gateway.audit.AuditAction;
import kr.hiway.gateway.audit.AuditRecord;
import kr.hiway.gateway.audit.AuditTrail;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.gateway.error.Refusals;
import kr.hiway.gateway.security.Caller;
import kr.hiway.gateway.security.Callers;
import kr.hiway.gateway.security.SmartScopes.Level;
import kr.hiway.gateway.security.SmartScopes.Permission;
import kr.hiway.vocabulary.ErrorCode;
import org.springframework.stereotype.Component;

/**
 * Who may see what. A patient sees only the patient of their token, and only the types their scopes
 * allow. A third party sees a patient's records only within that patient's active consents, read
 * afresh for every request so that a revocation binds every request that starts after it. Every
 * refusal here is audited before it is answered.
 */
@Component
public class Access {

  private final ConsentStore consents;
  private final AuditTrail audit;
  private final Clock clock;

  Access(ConsentStore consents, AuditTrail audit, Clock clock) {
    this.consents = consents;
    this.audit = audit;
    this.clock = clock;
  }

  /** The caller of this request; a request without one never gets past the security filters. */
  public Caller caller() {
    return Callers.current()
        .orElseThrow(() ->
            new GatewayException(ErrorCode.NOT_AUTHENTICATED, "An access token is required."));
  }

  /**
   * The ground on which the caller of {@code ask} may read {@code types} ({@code permission} read
   * or search) of the patient {@code requestedPatientId}, or a refusal. The patient id always comes
   * from the token or the consent, never from the request alone: a request can only narrow, not
   * widen.
   */
  public Grant grant(
      Ask ask, String requestedPatientId, Collection<String> types, Permission permission) {
    Caller caller = ask.caller();
    if (caller.patientId().isPresent()) {
      String own = patientFor(caller, requestedPatientId);
      for (String type : types) {
        require(caller, Level.PATIENT, type, permission);
      }
      return new Grant.Own(own);
    }
    if (!caller.scopes().hasLevel(Level.SYSTEM)) {
      throw new GatewayException(
          ErrorCode.INSUFFICIENT_SCOPE, "This token has no patient context and no system scopes.");
    }
    for (String type : types) {
      require(caller, Level.SYSTEM, type, permission);
    }
    PurposeOfUse purpose =
        caller
            .purposeOfUse()
            .flatMap(PurposeOfUse::ofCode)
            .orElseThrow(() ->
                new GatewayException(
                    ErrorCode.INSUFFICIENT_SCOPE,
                    "This client is registered for no purpose of use."));
    // An unknown patient simply has no consents: a third party learns nothing from the answer.
    Instant now = clock.instant();
    List<ConsentTerms> active = consents.activeFor(requestedPatientId, caller.clientId(), now);
    PreparedRequest decisions =
        ConsentDecider.prepare(
            new Requester.ThirdParty(caller.clientId()), purpose, requestedPatientId, active, now);
    if (decisions.coverage().isEmpty()) {
      audit.record(
          AuditRecord.refusal(ask.action(), caller.clientId(), caller.subject())
              .patient(requestedPatientId)
              .purpose(purpose.code())
              .types(List.copyOf(types))
              .reason("no active consent covers this recipient and purpose")
              .query(ask.query())
              .build());
      Refusals.audited();
      throw new GatewayException(
          ErrorCode.NO_CONSENT, "No active consent of the patient covers this request.");
    }
    return new Grant.Consented(
        requestedPatientId, caller.clientId(), purpose, decisions, decisions.coverage());
  }

  /** The patient id a patient caller may act for, which must be the one requested. */
  public String patientFor(Caller caller, String requestedPatientId) {
    String own = ownPatient(caller);
    if (!own.equals(requestedPatientId)) {
      throw new GatewayException(
          ErrorCode.OTHER_PATIENT, "A patient may only read their own records.");
    }
    return own;
  }

  /** The patient of the caller's token; refused for a token without a patient context. */
  public String ownPatient(Caller caller) {
    return caller
        .patientId()
        .orElseThrow(() ->
            new GatewayException(
                ErrorCode.INSUFFICIENT_SCOPE,
                "This token has no patient context; only a patient's own records can be"
                    + " read this way."));
  }

  /** Whether the caller's scopes at their level grant {@code permission} on a type. */
  public boolean allows(Caller caller, String type, Permission permission) {
    Level level = caller.patientId().isPresent() ? Level.PATIENT : Level.SYSTEM;
    return caller.scopes().allows(level, type, permission);
  }

  public void require(Caller caller, String type, Permission permission) {
    require(
        caller, caller.patientId().isPresent() ? Level.PATIENT : Level.SYSTEM, type, permission);
  }

  private static void require(Caller caller, Level level, String type, Permission permission) {
    if (!caller.scopes().allows(level, type, permission)) {
      throw new GatewayException(
          ErrorCode.INSUFFICIENT_SCOPE, "The token's scopes do not cover " + type + ".");
    }
  }

  /**
   * The checks a page request repeats: same patient, scopes still covering, consent still on. A
   * refusal is audited without the request's query: the query is sealed in its token.
   */
  public Grant checkQuery(Caller caller, PagedQuery query) {
    Permission permission =
        query.kind() == PagedQuery.Kind.SEARCH ? Permission.SEARCH : Permission.READ;
    return grant(
        new Ask(caller, AuditAction.PAGE, null), query.patientId(), query.types(), permission);
  }
}
