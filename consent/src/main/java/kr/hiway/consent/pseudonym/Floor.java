package kr.hiway.consent.pseudonym;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeChildContainedResources;
import ca.uhn.fhir.context.RuntimeChildExtension;
import ca.uhn.fhir.context.RuntimeChildNarrativeDefinition;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.hiway.consent.pseudonym.CompiledProfile.CopyPlan;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Signature;

/**
 * The safety floor under every profile: datatype parts that no profile may keep, whatever it says,
 * because they name, locate or contact a person, identify a record, or hold free text. A profile
 * cannot keep them directly, nor keep whole anything that can contain them; references are only
 * ever pseudonymized. Stateless.
 */
final class Floor {

  private static final String ALL = "*";

  private static final Map<Class<?>, Set<String>> NEVER_KEPT =
      Map.of(
          Reference.class, Set.of(ALL),
          Identifier.class, Set.of("value", "assigner"),
          HumanName.class, Set.of(ALL),
          ContactPoint.class, Set.of("value"),
          Address.class, Set.of("line", "text", "postalCode"),
          Attachment.class, Set.of("data", "url", "title", "hash"),
          Annotation.class, Set.of(ALL),
          Narrative.class, Set.of(ALL),
          Signature.class, Set.of(ALL),
          Extension.class, Set.of(ALL));

  private Floor() {}

  /** Whether the part {@code child} of a {@code parent} may never be kept. */
  static boolean forbids(Class<?> parent, String child) {
    Set<String> parts = NEVER_KEPT.get(parent);
    return parts != null && (parts.contains(ALL) || parts.contains(child));
  }

  /**
   * Whether a child element is structural (narrative, contained resources, extensions, element
   * ids), which is always removed and may be listed with {@code remove} only.
   */
  static boolean isStructural(BaseRuntimeChildDefinition child, boolean resourceLevel) {
    return child instanceof RuntimeChildExtension
        || child instanceof RuntimeChildContainedResources
        || child instanceof RuntimeChildNarrativeDefinition
        || (!resourceLevel && child.getElementName().equals("id"));
  }

  /**
   * What a kept element of this type could carry that the floor forbids, as a path and type, or
   * null if it is safe to keep whole. Walking a safe type records how to copy it in {@code copies}.
   */
  static String dangerIn(
      FhirContext fhir,
      BaseRuntimeElementDefinition<?> type,
      String path,
      Map<Class<?>, CopyPlan> copies,
      Set<Class<?>> visiting) {
    Class<?> cls = type.getImplementingClass();
    if (NEVER_KEPT.containsKey(cls) || type instanceof RuntimeResourceDefinition) {
      return type.getName() + " (at " + path + ")";
    }
    if (!(type instanceof BaseRuntimeElementCompositeDefinition<?> composite)) {
      return null;
    }
    if (copies.containsKey(cls) || !visiting.add(cls)) {
      return null;
    }
    List<BaseRuntimeChildDefinition> kept = new ArrayList<>();
    for (BaseRuntimeChildDefinition child : composite.getChildren()) {
      String childPath = path + "." + child.getElementName();
      if (child instanceof RuntimeChildContainedResources
          || child instanceof RuntimeChildNarrativeDefinition) {
        return "a narrative or contained resources (at " + childPath + ")";
      }
      if (isStructural(child, false)) {
        continue;
      }
      for (BaseRuntimeElementDefinition<?> childType : PathTree.typesOf(fhir, child)) {
        String danger = dangerIn(fhir, childType, childPath, copies, visiting);
        if (danger != null) {
          return danger;
        }
      }
      kept.add(child);
    }
    copies.put(cls, new CopyPlan(composite, kept));
    return null;
  }
}
