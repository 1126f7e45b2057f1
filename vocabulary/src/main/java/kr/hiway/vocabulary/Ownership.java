package kr.hiway.vocabulary;

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
   * The parts of a relative reference ({@link #RELATIVE}); {@code version} is null if it names
   * none.
   */
  public record Relative(String type, String id, String version) {

    private static final String HISTORY = "/_history/";

    /**
     * The parts of {@code reference} if it matches {@link #RELATIVE} whole, else null. Checked
     * character by character: this runs for every reference of every record released.
     */
    public static Relative parse(String reference) {
      int slash = reference.indexOf('/');
      if (slash < 2 || slash > 64 || !isUpper(reference.charAt(0))) {
        return null;
      }
      for (int i = 1; i < slash; i++) {
        if (!isLetter(reference.charAt(i))) {
          return null;
        }
      }
      int idEnd = reference.indexOf('/', slash + 1);
      if (idEnd < 0) {
        idEnd = reference.length();
      }
      if (!isId(reference, slash + 1, idEnd)) {
        return null;
      }
      String version = null;
      if (idEnd < reference.length()) {
        int at = idEnd + HISTORY.length();
        if (!reference.startsWith(HISTORY, idEnd) || !isId(reference, at, reference.length())) {
          return null;
        }
        version = reference.substring(at);
      }
      return new Relative(
          reference.substring(0, slash), reference.substring(slash + 1, idEnd), version);
    }

    private static boolean isId(String s, int from, int to) {
      if (to - from < 1 || to - from > 64) {
        return false;
      }
      for (int i = from; i < to; i++) {
        char c = s.charAt(i);
        if (!isLetter(c) && !(c >= '0' && c <= '9') && c != '.' && c != '-') {
          return false;
        }
      }
      return true;
    }

    private static boolean isUpper(char c) {
      return c >= 'A' && c <= 'Z';
    }

    private static boolean isLetter(char c) {
      return isUpper(c) || (c >= 'a' && c <= 'z');
    }
  }

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
    Relative ref = Relative.parse(subject.getReference());
    return ref != null && ref.type().equals("Patient") && ref.id().equals(localPatientId);
  }

  /**
   * The element of a record of {@code resourceType} (one of the nine record types) whose reference
   * says whose the record is: {@code patient} for AllergyIntolerance and Immunization, else {@code
   * subject}. For those who judge a record by its JSON, with the same rule as {@link #belongsTo}.
   */
  public static String referenceElement(String resourceType) {
    return switch (resourceType) {
      case "AllergyIntolerance", "Immunization" -> "patient";
      default -> "subject";
    };
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
