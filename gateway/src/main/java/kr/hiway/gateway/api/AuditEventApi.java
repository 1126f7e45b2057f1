package kr.hiway.gateway.api;

import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.time.Instant;
import java.util.List;
import kr.hiway.gateway.audit.AuditTrail;
import kr.hiway.gateway.audit.AuditTrail.Cursor;
import kr.hiway.gateway.audit.AuditTrail.EventPage;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.gateway.release.Access;
import kr.hiway.gateway.release.Continuation;
import kr.hiway.gateway.release.PagedQuery;
import kr.hiway.gateway.security.Caller;
import kr.hiway.gateway.security.SmartScopes.Permission;
import kr.hiway.vocabulary.ErrorCode;
import org.hl7.fhir.r4.model.AuditEvent;

/**
 * "Who saw my data": {@code AuditEvent?patient={id}} for a patient's own events, newest first. Each
 * says who asked (the client, and the user it acted for), when, for what purpose, under which
 * consents, what kinds of records from which hospitals, and what was withheld. It pages like the
 * record searches ({@code _count}, a sealed {@code next} link), so every event can be reached, and
 * its total counts them all.
 */
final class AuditEventApi implements IResourceProvider {

  private final Access access;
  private final AuditTrail audit;
  private final PageTokens tokens;

  AuditEventApi(Access access, AuditTrail audit, PageTokens tokens) {
    this.access = access;
    this.audit = audit;
    this.tokens = tokens;
  }

  @Override
  public Class<AuditEvent> getResourceType() {
    return AuditEvent.class;
  }

  @Search
  public IBundleProvider aboutPatient(
      @RequiredParam(name = "patient") ReferenceParam patient, RequestDetails request) {
    Caller caller = access.caller();
    String patientId = access.patientFor(caller, patient.getIdPart());
    access.require(caller, "AuditEvent", Permission.SEARCH);
    return page(caller, patientId, StatelessPaging.pageSize(request), null);
  }

  /**
   * The page a {@code next} link opens, once {@link StatelessPaging} has checked that the link was
   * issued to this client (and patient). The access rules are applied again: a link outlives
   * neither the caller's scopes nor its right to the patient.
   */
  AuditEventPage next(Caller caller, PagedQuery query, Continuation continuation) {
    String patientId = access.patientFor(caller, query.patientId());
    access.require(caller, "AuditEvent", Permission.SEARCH);
    return page(caller, patientId, continuation.pageSize(), cursor(query));
  }

  private AuditEventPage page(Caller caller, String patientId, int size, Cursor after) {
    EventPage events = audit.aboutPatient(patientId, size, after);
    int total = audit.countAboutPatient(patientId);
    String next = null;
    if (events.next() != null) {
      Cursor c = events.next();
      PagedQuery query =
          PagedQuery.auditEvents(patientId, List.of(c.recorded().toString(), c.id()));
      next = tokens.seal(query, new Continuation(size, total, List.of()), caller.clientId());
    }
    return new AuditEventPage(events.events(), total, next);
  }

  private static Cursor cursor(PagedQuery query) {
    List<String> after = query.params().get("after");
    try {
      return new Cursor(Instant.parse(after.get(0)), after.get(1));
    } catch (RuntimeException e) {
      // Only a token the gateway sealed gets here: this means a format change.
      throw new GatewayException(ErrorCode.INVALID_PARAMETER, "The paging link is not valid.");
    }
  }
}
