package kr.hiway.consent.decision;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.hiway.consent.model.SensitiveClass;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Tells which sensitive classes a record belongs to.
 *
 * <p>A record is in a class through its own codes (the code sets in {@code
 * consent/sensitive-codes.txt}: KCD-8/ICD-10 diagnoses, ATC drugs, LOINC tests), its own {@code
 * meta.security} labels ({@code MH}, {@code PSY}, {@code BH}, {@code SUD}, {@code ETH}, {@code
 * HIV}, {@code STD}, {@code SEX}, {@code GDIS} of v3-ActCode) or its free text (a note's
 * attachments and description, a report's conclusion: the Korean and English terms of the same
 * file; see {@code RecordText}); or through a record it is linked to:
 *
 * <ul>
 *   <li>a record it points at: an Encounter's {@code diagnosis.condition} and {@code
 *       reasonReference}, a MedicationRequest's or Procedure's {@code reasonReference}, a
 *       DocumentReference's {@code context.related} and a DiagnosticReport's {@code result};
 *   <li>the encounter it was made at ({@code encounter}, a DocumentReference's {@code
 *       context.encounter}): a visit is in the classes of its own codes and of the diagnoses made
 *       at it (its {@code diagnosis.condition}, and every Condition whose {@code encounter} it is),
 *       and so is what tells of the visit: the note, the prescriptions, the Observations,
 *       procedures and reports of a visit for a gonococcal infection are all {@code STD}. Another
 *       diagnosis made at the visit, an allergy or an immunization stand for themselves.
 * </ul>
 *
 * <p>Propagation needs the linked records. When the recipient is not to receive Conditions or
 * Encounters, the gateway must still pass them as {@code context} ({@link #classify(List, List)}):
 * otherwise the note of a visit for an HIV diagnosis would look like any other.
 *
 * <p>Immutable and thread-safe; the standard instance is shared. Arguments must not be null.
 */
public final class SensitivityClassifier {

  private static final SensitivityClassifier STANDARD =
      new SensitivityClassifier(SensitiveCodes.load());

  private final SensitiveCodes codes;

  private SensitivityClassifier(SensitiveCodes codes) {
    this.codes = codes;
  }

  /** The classifier with the bundled code sets. */
  public static SensitivityClassifier standard() {
    return STANDARD;
  }

  /** The classes of one record by its own codes, labels and text only, without propagation. */
  public Set<SensitiveClass> classify(Resource resource) {
    return toSet(own(resource));
  }

  /**
   * The classes of each record of a release, propagation included, keyed by {@link #key}. Records
   * without an id are left out.
   */
  public Map<String, Set<SensitiveClass>> classify(List<? extends Resource> release) {
    return classify(release, List.of());
  }

  /**
   * As {@link #classify(List)}, with further records that are not released but may be linked to,
   * such as the patient's Conditions and Encounters at the same hospital; only the release is in
   * the result.
   */
  public Map<String, Set<SensitiveClass>> classify(
      List<? extends Resource> release, List<? extends Resource> context) {
    Map<String, Integer> own = new HashMap<>();
    for (Resource r : context) {
      putOwn(own, r);
    }
    for (Resource r : release) {
      putOwn(own, r);
    }
    Map<String, Integer> visits = new HashMap<>();
    List<Reference> refs = new ArrayList<>();
    visits(context, own, visits, refs);
    visits(release, own, visits, refs);
    Map<String, Set<SensitiveClass>> out = new HashMap<>();
    for (Resource r : release) {
      String key = key(r);
      if (key == null) {
        continue;
      }
      int mask = own.getOrDefault(key, 0);
      refs.clear();
      RecordCodes.references(r, refs);
      for (Reference ref : refs) {
        mask |= own.getOrDefault(key(ref), 0);
      }
      if (r instanceof Encounter) {
        mask |= visits.getOrDefault(key, 0);
      } else {
        refs.clear();
        RecordCodes.encounters(r, refs);
        for (Reference ref : refs) {
          mask |= visits.getOrDefault(key(ref), 0);
        }
      }
      out.put(key, toSet(mask));
    }
    return out;
  }

  /**
   * Adds to {@code visits} the classes of each Encounter: its own and those of what it points at,
   * and those of each Condition recorded at it.
   */
  private static void visits(
      List<? extends Resource> records,
      Map<String, Integer> own,
      Map<String, Integer> visits,
      List<Reference> refs) {
    for (Resource r : records) {
      String key = key(r);
      if (key == null) {
        continue;
      }
      if (r instanceof Encounter) {
        int mask = own.getOrDefault(key, 0);
        refs.clear();
        RecordCodes.references(r, refs);
        for (Reference ref : refs) {
          mask |= own.getOrDefault(key(ref), 0);
        }
        visits.merge(key, mask, (a, b) -> a | b);
      } else if (r instanceof Condition c && c.hasEncounter()) {
        int mask = own.getOrDefault(key, 0);
        if (mask != 0) {
          visits.merge(key(c.getEncounter()), mask, (a, b) -> a | b);
        }
      }
    }
  }

  /** The key of a record in {@link #classify(List)}: {@code Type/id}, or null without an id. */
  public static String key(Resource resource) {
    String id = resource.getIdElement().getIdPart();
    return id == null ? null : resource.fhirType() + "/" + id;
  }

  private void putOwn(Map<String, Integer> own, Resource r) {
    String key = key(r);
    if (key != null) {
      own.merge(key, own(r), (a, b) -> a | b);
    }
  }

  private int own(Resource r) {
    int mask = 0;
    for (Coding label : r.getMeta().getSecurity()) {
      mask |= RecordCodes.label(label);
    }
    List<Coding> codings = new ArrayList<>();
    RecordCodes.codings(r, codings);
    for (Coding c : codings) {
      mask |= codes.classesOf(c.getSystem(), c.getCode());
    }
    List<String> texts = new ArrayList<>();
    RecordText.texts(r, texts);
    for (String text : texts) {
      mask |= codes.classesOfText(text);
    }
    return mask;
  }

  private static String key(Reference ref) {
    if (ref.getReference() == null) {
      return "";
    }
    IdType id = new IdType(ref.getReference());
    return id.getResourceType() == null ? "" : id.getResourceType() + "/" + id.getIdPart();
  }

  private static Set<SensitiveClass> toSet(int mask) {
    if (mask == 0) {
      return Set.of();
    }
    Set<SensitiveClass> out = EnumSet.noneOf(SensitiveClass.class);
    for (SensitiveClass c : SensitiveClass.values()) {
      if ((mask & Candidate.bit(c)) != 0) {
        out.add(c);
      }
    }
    return Collections.unmodifiableSet(out);
  }
}
