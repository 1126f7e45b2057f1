package kr.hiway.vocabulary;

import java.util.Arrays;
import java.util.Optional;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;

/** The nine kinds of clinical record an adapter serves, besides the Patient itself. */
public enum RecordType {
  ALLERGY_INTOLERANCE(AllergyIntolerance.class),
  CONDITION(Condition.class),
  DIAGNOSTIC_REPORT(DiagnosticReport.class),
  DOCUMENT_REFERENCE(DocumentReference.class),
  ENCOUNTER(Encounter.class),
  IMMUNIZATION(Immunization.class),
  MEDICATION_REQUEST(MedicationRequest.class),
  OBSERVATION(Observation.class),
  PROCEDURE(Procedure.class);

  private final Class<? extends Resource> resourceClass;
  private final String fhirType;

  RecordType(Class<? extends Resource> resourceClass) {
    this.resourceClass = resourceClass;
    this.fhirType = resourceClass.getSimpleName();
  }

  public Class<? extends Resource> resourceClass() {
    return resourceClass;
  }

  /** The FHIR resource type name, such as {@code Observation}. */
  public String fhirType() {
    return fhirType;
  }

  /** The record type of a FHIR resource type name, or empty for any other name. */
  public static Optional<RecordType> ofFhirType(String name) {
    return Arrays.stream(values()).filter(t -> t.fhirType.equals(name)).findFirst();
  }
}
