package kr.hiway.adapter.conformance;

import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;

/**
 * What the contract says about a record's elements, as the gateway reads them: the element the
 * {@code date} parameter searches ({@code docs/adapter-search.md}) and the reference to the patient
 * the record belongs to. Read here from the answers, not from the adapter's code, so the kit judges
 * any adapter alike. Stateless.
 */
final class Records {

  private Records() {}

  /** The element {@code date} searches, or null when the record has none. */
  static BaseDateTimeType date(Resource r) {
    BaseDateTimeType value =
        switch (r) {
          case AllergyIntolerance a -> a.getRecordedDateElement();
          case Condition c -> c.hasOnsetDateTimeType() ? c.getOnsetDateTimeType() : null;
          case DiagnosticReport d ->
              d.hasEffectiveDateTimeType() ? d.getEffectiveDateTimeType() : null;
          case DocumentReference d -> d.getDateElement();
          case Encounter e -> e.getPeriod().getStartElement();
          case Immunization i ->
              i.hasOccurrenceDateTimeType() ? i.getOccurrenceDateTimeType() : null;
          case MedicationRequest m -> m.getAuthoredOnElement();
          case Observation o -> o.hasEffectiveDateTimeType() ? o.getEffectiveDateTimeType() : null;
          case Procedure p -> p.hasPerformedDateTimeType() ? p.getPerformedDateTimeType() : null;
          default -> null;
        };
    return value == null || value.isEmpty() ? null : value;
  }

  /** {@code Type/id}, for messages. */
  static String name(Resource r) {
    return r.fhirType() + "/" + r.getIdElement().getIdPart();
  }
}
