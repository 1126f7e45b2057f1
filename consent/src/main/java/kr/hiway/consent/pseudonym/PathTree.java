package kr.hiway.consent.pseudonym;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeChildChoiceDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The listed paths of one resource type, resolved against HAPI's element definitions into a tree: a
 * {@link Node} per composite element with listed parts, a {@link Slot} per child element named, an
 * {@link Entry} per listing (or implied parent). Built and read by {@link PlanCompiler} on one
 * thread.
 */
final class PathTree {

  /** The key of an entry that covers an element whole (or every type of a choice). */
  static final String WHOLE = "*";

  /** A composite element (or the resource) with listed parts. */
  record Node(BaseRuntimeElementCompositeDefinition<?> definition, Map<String, Slot> slots) {
    Node(BaseRuntimeElementCompositeDefinition<?> definition) {
      this(definition, new LinkedHashMap<>());
    }
  }

  /** A child element of a node, listed whole or per choice type. */
  record Slot(BaseRuntimeChildDefinition child, Map<String, Entry> entries) {
    Slot(BaseRuntimeChildDefinition child) {
      this(child, new LinkedHashMap<>());
    }
  }

  /**
   * One listed element, or one implied because parts of it are listed (then {@code action} is null
   * and {@code node} holds the parts).
   *
   * @param path the path as shown in messages, such as {@code Observation.valueQuantity}
   * @param types the element types the entry covers: one, or every type of a {@code [x]} choice
   */
  record Entry(
      String path, List<BaseRuntimeElementDefinition<?>> types, ProfileAction action, Node node) {}

  /** A path segment resolved against a composite: the child, the entry key and the types. */
  record Resolved(
      BaseRuntimeChildDefinition child, String key, List<BaseRuntimeElementDefinition<?>> types) {}

  private PathTree() {}

  /**
   * The FHIR names of a choice's types, such as {@code valueQuantity}. HAPI also knows the choice
   * by internal aliases ({@code medicationResource}, {@code reportedPatient}), which are no FHIR
   * path: a real name ends with the name of a datatype.
   */
  static Set<String> choiceNames(FhirContext fhir, BaseRuntimeChildDefinition choice) {
    Set<String> names = new LinkedHashSet<>();
    int base = choice.getElementName().length();
    for (String name : choice.getValidChildNames()) {
      if (name.length() > base && fhir.getElementDefinition(name.substring(base)) != null) {
        names.add(name);
      }
    }
    return names;
  }

  /**
   * Resolves one path segment: an element name, {@code name[x]} for a whole choice, or a choice
   * name with its type ({@code valueQuantity}). Returns null if the composite has no such element.
   */
  static Resolved resolve(
      FhirContext fhir, BaseRuntimeElementCompositeDefinition<?> parent, String segment) {
    BaseRuntimeChildDefinition child = parent.getChildByName(segment);
    if (child == null) {
      return null;
    }
    if (Floor.isStructural(child, true)) {
      // Extensions look like choices to HAPI; they, narratives and contained resources are only
      // ever removed, so their types do not matter.
      return child.getElementName().equals(segment) ? new Resolved(child, WHOLE, List.of()) : null;
    }
    boolean choice = child instanceof RuntimeChildChoiceDefinition;
    if (segment.endsWith("[x]")) {
      String base = segment.substring(0, segment.length() - 3);
      if (!choice || !child.getElementName().equals(base)) {
        return null;
      }
      return new Resolved(child, WHOLE, typesOf(fhir, child));
    }
    if (!choice && child.getElementName().equals(segment)) {
      return new Resolved(child, WHOLE, List.of(child.getChildByName(segment)));
    }
    if (choice && choiceNames(fhir, child).contains(segment)) {
      return new Resolved(child, segment, List.of(child.getChildByName(segment)));
    }
    // HAPI also answers to internal names such as "subjectResource"; they are not FHIR paths.
    return null;
  }

  /** Every element type a child can hold, for walking definitions. */
  static List<BaseRuntimeElementDefinition<?>> typesOf(
      FhirContext fhir, BaseRuntimeChildDefinition child) {
    if (child instanceof RuntimeChildChoiceDefinition) {
      List<BaseRuntimeElementDefinition<?>> types = new ArrayList<>();
      for (String name : choiceNames(fhir, child)) {
        types.add(child.getChildByName(name));
      }
      return List.copyOf(types);
    }
    BaseRuntimeElementDefinition<?> type = child.getChildByName(child.getElementName());
    return type == null ? List.of() : List.of(type);
  }
}
