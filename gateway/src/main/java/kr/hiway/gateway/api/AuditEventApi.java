package kr.hiway.gateway.api;

import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.util.List;
import kr.hiway.gateway.audit.AuditTrail;
import kr.hiway.gateway.release.Access;
import kr.hiway.gateway.security.Caller;
import kr.hiway.gateway.security.SmartScopes.Permission;
import org.hl7.fhir.r4.model.AuditEvent;

/**
 * "Who saw my data": {@code AuditEvent?patient={id}} for a patient's own events, newest first. Each
 * says who asked (the client, and the user it acted for), when, for what purpose, under which
 * consents, what kinds of records from which hospitals, and what was withheld.
 */
final class AuditEventApi implements IResourceProvider {

  private static final int MAX_EVENTS = 500;

  private final Access access;
  private final AuditTrail audit;

  AuditEventApi(Access access, AuditTrail audit) {
    this.access = access;
    this.audit = audit;
  }

  @Override
  public Class<AuditEvent> getResourceType() {
    return AuditEvent.class;
  }

  @Search
  public List<AuditEvent> aboutPatient(@RequiredParam(name = "patient") ReferenceParam patient) {
    Caller caller = access.caller();
    String patientId = access.patientFor(caller, patient.getIdPart());
    access.require(caller, "AuditEvent", Permission.SEARCH);
    return audit.aboutPatient(patientId, MAX_EVENTS);
  }
}
