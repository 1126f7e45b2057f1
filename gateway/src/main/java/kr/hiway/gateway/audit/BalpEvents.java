package kr.hiway.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;

/** Builds AuditEvents in the shape of IHE Basic Audit Log Patterns (BALP) for RESTful access. */
final class BalpEvents {

  static final String OBSERVER = "hiway-gateway";

  private BalpEvents() {}

  /** What a pending row's outcome says: it was never completed. */
  static final String INCOMPLETE =
      "outcome incomplete: the access was recorded before the release and its outcome never"
          + " completed (the instance stopped); records may have been released";

  /**
   * The event of a stored record. A {@code pending} one is an access recorded before the release
   * whose outcome was not completed: the instance stopped, or the request is still running.
   */
  static AuditEvent of(String id, Instant recorded, AuditRecord r, boolean pending) {
    AuditEvent e = of(id, recorded, r);
    if (pending) {
      e.setOutcomeDesc(INCOMPLETE);
    }
    return e;
  }

  static AuditEvent of(String id, Instant recorded, AuditRecord r) {
    AuditEvent e = new AuditEvent();
    e.setId(id);
    e.setType(
        new Coding(
            "http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "Restful Operation"));
    String action = r.action().code();
    e.addSubtype(new Coding("http://hl7.org/fhir/restful-interaction", action, action));
    e.setAction(
        switch (r.action()) {
          case CREATE -> AuditEventAction.C;
          case UPDATE -> AuditEventAction.U;
          case READ -> AuditEventAction.R;
          default -> AuditEventAction.E;
        });
    e.setRecorded(Date.from(recorded));
    e.setOutcome(r.success() ? AuditEventOutcome._0 : AuditEventOutcome._4);
    e.setOutcomeDesc(r.reason());
    if (r.purpose() != null) {
      e.addPurposeOfEvent(
          new CodeableConcept(
              new Coding("http://terminology.hl7.org/CodeSystem/v3-ActReason", r.purpose(), null)));
    }
    // The client (application) that asked, and who it acted for.
    AuditEventAgentComponent client = e.addAgent();
    client.setType(
        new CodeableConcept(
            new Coding("http://dicom.nema.org/resources/ontology/DCM", "110150", "Application")));
    client.setWho(
        new Reference()
            .setDisplay(r.clientId())
            .setIdentifier(
                new org.hl7.fhir.r4.model.Identifier()
                    .setSystem("urn:hiway:oauth-client-id")
                    .setValue(r.clientId())));
    client.setRequestor(r.subject().equals(r.clientId()));
    if (!r.subject().equals(r.clientId())) {
      AuditEventAgentComponent user = e.addAgent();
      user.setType(
          r.byStaff()
              ? new CodeableConcept(
                  new Coding(
                      "http://terminology.hl7.org/CodeSystem/extra-security-role-type",
                      "humanuser",
                      "human user"))
              : new CodeableConcept(
                  new Coding(
                      "http://terminology.hl7.org/CodeSystem/v3-RoleClass", "PAT", "patient")));
      user.setWho(new Reference().setDisplay(r.subject()));
      user.setRequestor(true);
    }
    for (String consent : r.consentIds()) {
      client.addPolicy("Consent/" + consent);
    }
    // BALP: the requester agent names the access token by its jti, and where the request came from.
    AuditEventAgentComponent requester = e.getAgent().get(e.getAgent().size() - 1);
    if (r.tokenId() != null) {
      requester.addPolicy(r.tokenId());
    }
    if (r.address() != null) {
      requester
          .getNetwork()
          .setAddress(r.address())
          .setType(org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentNetworkType._2);
    }
    e.getSource().setObserver(new Reference().setDisplay(OBSERVER));
    e.getSource()
        .addType(
            new Coding(
                "http://terminology.hl7.org/CodeSystem/security-source-type",
                "4",
                "Application Server"));
    if (r.patientId() != null) {
      AuditEventEntityComponent patient = e.addEntity();
      patient.setWhat(new Reference("Patient/" + r.patientId()));
      patient.setType(
          new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person"));
      patient.setRole(
          new Coding("http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient"));
    }
    if (r.query() != null) {
      AuditEventEntityComponent query = e.addEntity();
      query.setType(
          new Coding(
              "http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object"));
      query.setRole(new Coding("http://terminology.hl7.org/CodeSystem/object-role", "24", "Query"));
      query.setQuery(r.query().getBytes(StandardCharsets.UTF_8));
    }
    AuditEventEntityComponent released = e.addEntity();
    // No empty list is written: FHIR strings carry no leading or trailing whitespace.
    StringBuilder what = new StringBuilder();
    what.append("released ").append(r.released()).append(", withheld ").append(r.withheld());
    if (!r.resourceTypes().isEmpty()) {
      what.append("; types ").append(String.join(",", r.resourceTypes()));
    }
    if (!r.hospitals().isEmpty()) {
      what.append("; hospitals ").append(String.join(",", r.hospitals()));
    }
    released.setDescription(what.toString());
    released.setType(
        new Coding(
            "http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object"));
    return e;
  }
}
