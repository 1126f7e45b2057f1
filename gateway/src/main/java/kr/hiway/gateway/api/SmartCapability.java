package kr.hiway.gateway.api;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestSecurityComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;

/** Adds the SMART on FHIR security section to the generated CapabilityStatement. */
final class SmartCapability {

  private final String issuer;

  SmartCapability(String issuer) {
    this.issuer = issuer;
  }

  @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
  public void addSecurity(IBaseConformance conformance) {
    CapabilityStatement cs = (CapabilityStatement) conformance;
    cs.setPublisher("Health Information Highway gateway");
    CapabilityStatementRestSecurityComponent security = cs.getRestFirstRep().getSecurity();
    security.setCors(false);
    security.addService(
        new CodeableConcept(
            new Coding(
                "http://terminology.hl7.org/CodeSystem/restful-security-service",
                "SMART-on-FHIR",
                "SMART-on-FHIR")));
    security.setDescription(
        "OAuth 2.0 with SMART App Launch 2; see .well-known/smart-configuration");
    Extension uris =
        security
            .addExtension()
            .setUrl("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris");
    uris.addExtension("authorize", new UriType(SmartConfiguration.authorizeUrl(issuer)));
    uris.addExtension("token", new UriType(SmartConfiguration.tokenUrl(issuer)));
    // R4's oauth-uris defines authorize, token, register and manage only: the revocation and
    // introspection endpoints are in .well-known/smart-configuration, where SMART puts them.
  }
}
