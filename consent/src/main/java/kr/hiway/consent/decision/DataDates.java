package kr.hiway.consent.decision;

import java.time.Instant;
import kr.hiway.consent.model.TimeRange;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/**
 * The clinical date of a record, which a consent's data period is checked against: when the thing
 * recorded happened, or for Conditions and allergies when it was recorded (a chronic condition
 * recorded this year is this year's data, whatever its onset). The start of the value's precision
 * is taken, dates read in Korean time. Stateless and thread-safe.
 */
public final class DataDates {

  private DataDates() {}

  /** The record's clinical date, or null when it has none that can be read. */
  public static Instant of(Resource r) {
    return switch (r) {
      case Condition c -> first(c.getRecordedDateElement(), c.getOnset());
      case Observation o -> first(o.getEffective(), o.getIssuedElement());
      case MedicationRequest m -> first(m.getAuthoredOnElement());
      case Procedure p -> first(p.getPerformed());
      case DiagnosticReport d -> first(d.getEffective(), d.getIssuedElement());
      case DocumentReference d -> first(d.getContext().getPeriod(), d.getDateElement());
      case Encounter e -> first(e.getPeriod());
      case Immunization i -> first(i.getOccurrence(), i.getRecordedElement());
      case AllergyIntolerance a -> first(a.getRecordedDateElement(), a.getOnset());
      default -> null;
    };
  }

  private static Instant first(Type... candidates) {
    for (Type t : candidates) {
      Instant at = start(t);
      if (at != null) {
        return at;
      }
    }
    return null;
  }

  private static Instant start(Type t) {
    String text = null;
    if (t instanceof Period p) {
      text = p.getStartElement().getValueAsString();
    } else if (t instanceof PrimitiveType<?> p) {
      text = p.getValueAsString();
    }
    if (text == null) {
      return null;
    }
    try {
      return TimeRange.ofFhir(text, null).start();
    } catch (IllegalArgumentException e) {
      // An unreadable date is no date: a bounded data period then does not cover the record.
      return null;
    }
  }
}
