package kr.hiway.gateway.api;

import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import kr.hiway.consent.model.ConsentFhir;
import kr.hiway.consent.model.ConsentGrant;
import kr.hiway.consent.model.ConsentStatus;
import kr.hiway.consent.model.ConsentTerms;
import kr.hiway.consent.model.ConsentValidationException;
import kr.hiway.consent.model.PurposeOfUse;
import kr.hiway.consent.store.ConsentNotFoundException;
import kr.hiway.consent.store.ConsentStore;
import kr.hiway.gateway.audit.AuditAction;
import kr.hiway.gateway.audit.AuditRecord;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.gateway.registry.Targets;
import kr.hiway.gateway.release.Access;
import kr.hiway.gateway.release.ConsentWrites;
import kr.hiway.gateway.security.Caller;
import kr.hiway.gateway.security.SmartScopes.Permission;
import kr.hiway.gateway.security.backend.RecipientRegistration;
import kr.hiway.vocabulary.ErrorCode;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * A patient's consents: create ({@code POST /fhir/Consent}), read, list ({@code ?patient=}), and
 * revoke ({@code PUT} with {@code status = inactive}, the only change allowed; the history stays).
 * Only the patient themself manages their consents.
 */
final class ConsentApi implements IResourceProvider {

  private final Access access;
  private final ConsentStore store;
  private final ConsentFhir consents;
  private final RegisteredClientRepository clients;
  private final Targets targets;
  private final ConsentWrites writes;
  private final Clock clock;

  ConsentApi(
      Access access,
      ConsentStore store,
      ConsentFhir consents,
      RegisteredClientRepository clients,
      Targets targets,
      ConsentWrites writes,
      Clock clock) {
    this.access = access;
    this.store = store;
    this.consents = consents;
    this.clients = clients;
    this.targets = targets;
    this.writes = writes;
    this.clock = clock;
  }

  @Override
  public Class<Consent> getResourceType() {
    return Consent.class;
  }

  @Create
  public MethodOutcome create(@ResourceParam Consent submitted, RequestDetails request) {
    Caller caller = access.caller();
    String patientId = access.ownPatient(caller);
    access.require(caller, "Consent", Permission.CREATE);
    ConsentGrant grant;
    try {
      grant = consents.validateSubmitted(submitted, clock.instant());
    } catch (ConsentValidationException e) {
      throw invalid(e);
    }
    if (!grant.patientId().equals(patientId)) {
      throw new GatewayException(
          ErrorCode.OTHER_PATIENT, "A patient may only consent for themself.");
    }
    RegisteredClient recipient = clients.findByClientId(grant.recipient());
    if (recipient == null) {
      throw invalidField("Consent.provision.actor", "the recipient is not a registered client");
    }
    requireUsablePurposes(grant, recipient);
    for (String hospital : grant.custodians()) {
      if (targets.byCode(hospital).isEmpty()) {
        throw invalidField("Consent.provision.actor", "no such hospital: " + hospital);
      }
    }
    ConsentTerms stored =
        writes.create(
            grant, event(caller, patientId, AuditAction.CREATE, "consent granted", request));
    Consent created = consents.toFhir(stored);
    return new MethodOutcome(new IdType("Consent", stored.id()), true).setResource(created);
  }

  @Read
  public Consent read(@IdParam IdType id) {
    Caller caller = access.caller();
    String patientId = access.ownPatient(caller);
    access.require(caller, "Consent", Permission.READ);
    return store
        .read(id.getIdPart())
        .filter(t -> t.patientId().equals(patientId))
        .map(consents::toFhir)
        .orElseThrow(() -> new GatewayException(ErrorCode.NOT_FOUND, "No such consent."));
  }

  @Search
  public List<Consent> byPatient(
      @RequiredParam(name = "patient") ReferenceParam patient,
      @OptionalParam(name = "status") TokenParam status) {
    Caller caller = access.caller();
    String patientId = access.patientFor(caller, patient.getIdPart());
    access.require(caller, "Consent", Permission.SEARCH);
    List<ConsentTerms> found =
        status == null
            ? store.listByPatient(patientId)
            : store.listByPatient(
                patientId,
                ConsentStatus.ofCode(status.getValue())
                    .orElseThrow(() ->
                        new GatewayException(ErrorCode.INVALID_PARAMETER, "status: unknown code")));
    return found.stream().map(consents::toFhir).toList();
  }

  /** Revocation: the same consent with {@code status = inactive}. Nothing else may change. */
  @Update
  public MethodOutcome revoke(
      @IdParam IdType id, @ResourceParam Consent changed, RequestDetails request) {
    Caller caller = access.caller();
    String patientId = access.ownPatient(caller);
    access.require(caller, "Consent", Permission.UPDATE);
    if (changed.getStatus() != Consent.ConsentState.INACTIVE) {
      throw new GatewayException(
          ErrorCode.CONSENT_CHANGE_UNSUPPORTED,
          "A consent can only be revoked (status inactive); grant a new one to change terms.");
    }
    try {
      ConsentTerms revoked =
          writes.revoke(
              id.getIdPart(),
              patientId,
              event(caller, patientId, AuditAction.UPDATE, "consent revoked", request));
      return new MethodOutcome(new IdType("Consent", revoked.id()), false)
          .setResource(consents.toFhir(revoked));
    } catch (ConsentNotFoundException e) {
      throw new GatewayException(ErrorCode.NOT_FOUND, "No such consent.");
    }
  }

  private static AuditRecord event(
      Caller caller, String patientId, AuditAction action, String reason, RequestDetails request) {
    return AuditRecord.success(action, caller.clientId(), caller.subject())
        .patient(patientId)
        .types(List.of("Consent"))
        .reason(reason)
        .query(request.getCompleteUrl())
        .build();
  }

  /**
   * A recipient's purpose of use is bound at its registration and travels in its tokens: a purpose
   * granted beside it could never be used, and a patient who ticked it would believe otherwise. A
   * client registered without a purpose (not a SMART Backend Services recipient) is refused when it
   * asks, not here.
   */
  private static void requireUsablePurposes(ConsentGrant grant, RegisteredClient recipient) {
    Optional<String> registered = RecipientRegistration.purposeOf(recipient);
    if (registered.isEmpty()) {
      return;
    }
    List<PurposeOfUse> purposes =
        grant.purposes().stream().sorted(Comparator.comparing(PurposeOfUse::code)).toList();
    for (PurposeOfUse purpose : purposes) {
      if (!purpose.code().equals(registered.get())) {
        String field = "Consent.provision.purpose";
        GatewayException e =
            new GatewayException(
                ErrorCode.PURPOSE_NOT_USABLE,
                field
                    + ": the recipient is registered for "
                    + registered.get()
                    + " and can never use "
                    + purpose.code());
        ((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep().addExpression(field);
        throw e;
      }
    }
  }

  private static GatewayException invalid(ConsentValidationException e) {
    ErrorCode error = e.unparseable() ? ErrorCode.INVALID_PARAMETER : ErrorCode.INVALID_CONSENT;
    return new GatewayException(error, "The Consent is not valid.", e.toOperationOutcome());
  }

  private static GatewayException invalidField(String field, String message) {
    GatewayException e = new GatewayException(ErrorCode.INVALID_CONSENT, field + ": " + message);
    ((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep().addExpression(field);
    return e;
  }
}
