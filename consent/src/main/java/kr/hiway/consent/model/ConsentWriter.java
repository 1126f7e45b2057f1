package kr.hiway.consent.model;

import java.util.List;
import java.util.TreeSet;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.hl7.fhir.r4.model.Consent.ProvisionComponent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

/**
 * Writes stored terms as the canonical FHIR R4 Consent: always the same shape and order for the
 * same terms, so that the stored JSON of two versions differs only where they do. Stateless.
 */
final class ConsentWriter {

  private ConsentWriter() {}

  static Consent write(ConsentTerms t) {
    Consent c = new Consent();
    c.setId(t.id());
    String created = FhirTimes.formatInstant(t.createdAt());
    c.getMeta().setVersionId(Integer.toString(t.version()));
    c.getMeta().setLastUpdatedElement(new InstantType(created));
    c.setStatus(ConsentState.fromCode(t.status().code()));
    c.setScope(
        concept(ConsentCodes.CONSENT_SCOPE, ConsentCodes.PATIENT_PRIVACY, "Privacy Consent"));
    c.addCategory(
        concept(ConsentCodes.LOINC, ConsentCodes.PATIENT_CONSENT_LOINC, "Patient Consent"));
    c.setPatient(new Reference("Patient/" + t.patientId()));
    // The version's own time stands for Consent.dateTime: a client cannot backdate a consent.
    c.setDateTimeElement(new DateTimeType(created));
    c.setPolicyRule(concept(ConsentCodes.ACT_CODE, ConsentCodes.OPT_IN, "opt-in"));

    ProvisionComponent p = c.getProvision();
    p.setType(ConsentProvisionType.PERMIT);
    p.setPeriod(period(t.validity()));
    p.addActor()
        .setRole(concept(ConsentCodes.PARTICIPATION_TYPE, ConsentCodes.RECIPIENT_ROLE, null))
        .setReference(recipient(t.recipient()));
    for (String hospital : new TreeSet<>(t.custodians())) {
      p.addActor()
          .setRole(concept(ConsentCodes.PARTICIPATION_TYPE, ConsentCodes.CUSTODIAN_ROLE, null))
          .setReference(new Reference("Organization/" + hospital));
    }
    for (PurposeOfUse purpose : PurposeOfUse.values()) {
      if (t.purposes().contains(purpose)) {
        p.addPurpose(new Coding(ConsentCodes.ACT_REASON, purpose.code(), purpose.display()));
      }
    }
    for (SensitiveClass s : SensitiveClass.values()) {
      if (t.sensitiveClassesAllowed().contains(s)) {
        p.addSecurityLabel(new Coding(ConsentCodes.ACT_CODE, s.label(), s.display()));
      }
    }
    for (RecordType kind : RecordType.values()) {
      if (t.resourceTypes().contains(kind)) {
        p.addClass_(new Coding(ConsentCodes.RESOURCE_TYPES, kind.fhirType(), null));
      }
    }
    if (t.dataPeriod().isBounded()) {
      p.setDataPeriod(period(t.dataPeriod()));
    }
    return c;
  }

  private static Reference recipient(String clientId) {
    // Client ids that are not FHIR ids (an underscore, say) cannot go in a relative reference.
    if (ConsentReader.FHIR_ID.matcher(clientId).matches()) {
      return new Reference("Organization/" + clientId);
    }
    return new Reference()
        .setIdentifier(
            new Identifier().setSystem(ConsentCodes.CLIENT_ID_SYSTEM).setValue(clientId));
  }

  private static Period period(TimeRange range) {
    Period p = new Period();
    if (range.start() != null) {
      p.setStartElement(new DateTimeType(FhirTimes.formatStart(range.start())));
    }
    if (range.end() != null) {
      p.setEndElement(new DateTimeType(FhirTimes.formatEnd(range.end())));
    }
    return p;
  }

  private static CodeableConcept concept(String system, String code, String display) {
    return new CodeableConcept().setCoding(List.of(new Coding(system, code, display)));
  }
}
