package kr.hiway.adapter.server;

import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;

/**
 * Which element of each record type the search parameters {@code date}, {@code category} and {@code
 * code} look at. The mapping is documented in {@code docs/adapter-search.md}; where R4 names the
 * parameter differently (Condition has {@code onset-date}, DocumentReference {@code type}), the
 * adapter offers the common name so the gateway can query every type alike.
 */
final class Facets {

  private Facets() {}

  /** The clinically relevant time of a record, or null when it has none. */
  static Date date(Resource r) {
    return switch (r) {
      case AllergyIntolerance a -> a.getRecordedDate();
      case Condition c -> c.hasOnsetDateTimeType() ? c.getOnsetDateTimeType().getValue() : null;
      case DiagnosticReport d ->
          d.hasEffectiveDateTimeType() ? d.getEffectiveDateTimeType().getValue() : null;
      case DocumentReference d -> d.getDate();
      case Encounter e -> e.getPeriod().getStart();
      case Immunization i ->
          i.hasOccurrenceDateTimeType() ? i.getOccurrenceDateTimeType().getValue() : null;
      case MedicationRequest m -> m.getAuthoredOn();
      case Observation o ->
          o.hasEffectiveDateTimeType() ? o.getEffectiveDateTimeType().getValue() : null;
      case Procedure p ->
          p.hasPerformedDateTimeType() ? p.getPerformedDateTimeType().getValue() : null;
      default -> null;
    };
  }

  static List<Coding> categories(Resource r) {
    return switch (r) {
      case AllergyIntolerance a ->
          a.getCategory().stream()
              .map(Enumeration::getValueAsString)
              .map(v -> new Coding("http://hl7.org/fhir/allergy-intolerance-category", v, null))
              .toList();
      case Condition c -> codings(c.getCategory());
      case DiagnosticReport d -> codings(d.getCategory());
      case DocumentReference d -> codings(d.getCategory());
      case Encounter e -> e.hasClass_() ? List.of(e.getClass_()) : List.of();
      case MedicationRequest m -> codings(m.getCategory());
      case Observation o -> codings(o.getCategory());
      case Procedure p -> p.getCategory().getCoding();
      default -> List.of();
    };
  }

  static List<Coding> codes(Resource r) {
    return switch (r) {
      case AllergyIntolerance a -> a.getCode().getCoding();
      case Condition c -> c.getCode().getCoding();
      case DiagnosticReport d -> d.getCode().getCoding();
      case DocumentReference d -> d.getType().getCoding();
      case Encounter e -> codings(e.getType());
      case Immunization i -> i.getVaccineCode().getCoding();
      case MedicationRequest m ->
          m.hasMedicationCodeableConcept()
              ? m.getMedicationCodeableConcept().getCoding()
              : List.of();
      case Observation o -> o.getCode().getCoding();
      case Procedure p -> p.getCode().getCoding();
      default -> List.of();
    };
  }

  private static List<Coding> codings(List<CodeableConcept> concepts) {
    return concepts.stream().flatMap(c -> c.getCoding().stream()).toList();
  }
}
