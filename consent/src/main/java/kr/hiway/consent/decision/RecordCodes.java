package kr.hiway.consent.decision;

import java.util.List;
import kr.hiway.consent.model.ConsentCodes;
import kr.hiway.consent.model.SensitiveClass;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** Where each kind of record carries the codes and references that classify it. Stateless. */
final class RecordCodes {

  private RecordCodes() {}

  /** Adds the record's classifying codings to {@code out}. */
  static void codings(Resource r, List<Coding> out) {
    switch (r) {
      case Condition c -> add(out, c.getCode());
      case Observation o -> {
        add(out, o.getCode());
        o.getComponent().forEach(comp -> add(out, comp.getCode()));
        if (o.hasValueCodeableConcept()) {
          add(out, o.getValueCodeableConcept());
        }
      }
      case MedicationRequest m -> {
        if (m.hasMedicationCodeableConcept()) {
          add(out, m.getMedicationCodeableConcept());
        }
        m.getReasonCode().forEach(c -> add(out, c));
      }
      case Procedure p -> {
        add(out, p.getCode());
        p.getReasonCode().forEach(c -> add(out, c));
      }
      case DiagnosticReport d -> {
        add(out, d.getCode());
        d.getConclusionCode().forEach(c -> add(out, c));
      }
      case DocumentReference d -> {
        add(out, d.getType());
        d.getCategory().forEach(c -> add(out, c));
      }
      case Encounter e -> e.getReasonCode().forEach(c -> add(out, c));
      case Immunization i -> {
        add(out, i.getVaccineCode());
        i.getReasonCode().forEach(c -> add(out, c));
      }
      case AllergyIntolerance a -> add(out, a.getCode());
      default -> {}
    }
  }

  /** Adds the references through which a pointed-at record's classes pass to this one. */
  static void references(Resource r, List<Reference> out) {
    switch (r) {
      case Encounter e -> {
        e.getDiagnosis().forEach(d -> out.add(d.getCondition()));
        out.addAll(e.getReasonReference());
      }
      case MedicationRequest m -> out.addAll(m.getReasonReference());
      case Procedure p -> out.addAll(p.getReasonReference());
      case DocumentReference d -> out.addAll(d.getContext().getRelated());
      case DiagnosticReport d -> out.addAll(d.getResult());
      default -> {}
    }
  }

  /**
   * Adds the encounters whose classes pass to a record made at them ({@code encounter}, a
   * DocumentReference's {@code context.encounter}): notes, prescriptions, Observations, procedures
   * and reports, which tell of the visit. A Condition stands for itself (a sprain seen at a
   * psychiatric visit is still a sprain), and allergies and immunizations are facts about the
   * person rather than the visit.
   */
  static void encounters(Resource r, List<Reference> out) {
    switch (r) {
      case Observation o -> add(out, o.getEncounter());
      case MedicationRequest m -> add(out, m.getEncounter());
      case Procedure p -> add(out, p.getEncounter());
      case DiagnosticReport d -> add(out, d.getEncounter());
      case DocumentReference d -> out.addAll(d.getContext().getEncounter());
      default -> {}
    }
  }

  /** The class mask of one {@code meta.security} label; synonyms of the consent labels count. */
  static int label(Coding c) {
    if (!ConsentCodes.ACT_CODE.equals(c.getSystem()) || c.getCode() == null) {
      return 0;
    }
    SensitiveClass s =
        switch (c.getCode()) {
          case "MH", "PSY", "BH" -> SensitiveClass.MENTAL_HEALTH;
          case "SUD", "ETH" -> SensitiveClass.SUBSTANCE_USE;
          case "HIV" -> SensitiveClass.HIV;
          case "STD" -> SensitiveClass.SEXUALLY_TRANSMITTED;
          case "SEX" -> SensitiveClass.REPRODUCTIVE;
          case "GDIS" -> SensitiveClass.GENETIC;
          default -> null;
        };
    return s == null ? 0 : Candidate.bit(s);
  }

  private static void add(List<Reference> out, Reference ref) {
    if (ref != null && ref.hasReference()) {
      out.add(ref);
    }
  }

  private static void add(List<Coding> out, CodeableConcept concept) {
    if (concept != null) {
      out.addAll(concept.getCoding());
    }
  }
}
