package kr.hiway.adapter.source;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Whose a hospital's resource is, as the gateway judges it: one rule for the gateway, which drops
 * what fails it, and for the conformance kit, which fails an adapter that answers such records.
 */
public final class Ownership {

  /** A relative reference: {@code Type/id}, optionally with {@code /_history/version}. */
  public static final Pattern RELATIVE =
      Pattern.compile(
          "([A-Z][A-Za-z]{1,63})/([A-Za-z0-9.-]{1,64})(/_history/[A-Za-z0-9.-]{1,64})?");

  private Ownership() {}

  /**
   * Whether the resource is the linked patient's: the Patient itself, or a record whose subject
   * (patient, for AllergyIntolerance and Immunization) is {@code Patient/{localPatientId}}. A
   * record with no such reference, or with an absolute one, belongs to nobody we can vouch for.
   */
  public static boolean belongsTo(Resource resource, String localPatientId) {
    if (resource instanceof Patient patient) {
      return localPatientId.equals(patient.getIdElement().getIdPart());
    }
    Reference subject = patientReference(resource);
    if (subject == null || !subject.hasReference()) {
      return false;
    }
    Matcher m = RELATIVE.matcher(subject.getReference());
    return m.matches() && m.group(1).equals("Patient") && m.group(2).equals(localPatientId);
  }

  private static Reference patientReference(Resource r) {
    return switch (r) {
      case AllergyIntolerance a -> a.hasPatient() ? a.getPatient() : null;
      case Immunization i -> i.hasPatient() ? i.getPatient() : null;
      case Condition c -> c.hasSubject() ? c.getSubject() : null;
      case DiagnosticReport d -> d.hasSubject() ? d.getSubject() : null;
      case DocumentReference d -> d.hasSubject() ? d.getSubject() : null;
      case Encounter e -> e.hasSubject() ? e.getSubject() : null;
      case MedicationRequest m -> m.hasSubject() ? m.getSubject() : null;
      case Observation o -> o.hasSubject() ? o.getSubject() : null;
      case Procedure p -> p.hasSubject() ? p.getSubject() : null;
      default -> null;
    };
  }
}
