package kr.hiway.consent.model;

import java.util.Optional;

/**
 * The nine kinds of clinical record the gateway relays, and so the only values a consent's {@code
 * provision.class} may name (system {@code http://hl7.org/fhir/resource-types}). Immutable and
 * thread-safe.
 */
public enum ResourceKind {
  ALLERGY_INTOLERANCE("AllergyIntolerance"),
  CONDITION("Condition"),
  DIAGNOSTIC_REPORT("DiagnosticReport"),
  DOCUMENT_REFERENCE("DocumentReference"),
  ENCOUNTER("Encounter"),
  IMMUNIZATION("Immunization"),
  MEDICATION_REQUEST("MedicationRequest"),
  OBSERVATION("Observation"),
  PROCEDURE("Procedure");

  private final String fhirType;

  ResourceKind(String fhirType) {
    this.fhirType = fhirType;
  }

  /** The FHIR resource type name, such as {@code Observation}. */
  public String fhirType() {
    return fhirType;
  }

  /** The kind with this FHIR resource type name; empty for null or any other name. */
  public static Optional<ResourceKind> ofFhirType(String name) {
    for (ResourceKind k : values()) {
      if (k.fhirType.equals(name)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
