package kr.hiway.consent.pseudonym;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeChildChoiceDefinition;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.hiway.consent.pseudonym.CompiledProfile.CopyPlan;
import kr.hiway.consent.pseudonym.CompiledProfile.ResourcePlan;
import kr.hiway.consent.pseudonym.PathTree.Entry;
import kr.hiway.consent.pseudonym.PathTree.Node;
import kr.hiway.consent.pseudonym.PathTree.Resolved;
import kr.hiway.consent.pseudonym.PathTree.Slot;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Reference;

/**
 * Compiles the rules of one resource type for {@link PlanCompiler}: resolves each path into a
 * {@link PathTree}, checks actions against element types and the {@link Floor}, checks that every
 * element FHIR requires is covered, and emits the {@link ChildRule}s. Problems go to the shared set
 * rather than being thrown, so that all of them are reported at once. One per type and call.
 */
final class TypeCompiler {

  private final FhirContext fhir;
  private final String type;
  private final RuntimeResourceDefinition definition;
  private final Map<Class<?>, CopyPlan> copies;
  private final Set<String> problems;

  TypeCompiler(
      FhirContext fhir,
      String type,
      RuntimeResourceDefinition definition,
      Map<Class<?>, CopyPlan> copies,
      Set<String> problems) {
    this.fhir = fhir;
    this.type = type;
    this.definition = definition;
    this.copies = copies;
    this.problems = problems;
  }

  ResourcePlan compile(DeidentificationProfile profile) {
    Node root = new Node(definition);
    ProfileAction idAction = null;
    Map<String, ProfileAction> own = profile.own(type);
    List<Map.Entry<String, ProfileAction>> rules = new ArrayList<>();
    for (Map.Entry<String, ProfileAction> rule : profile.common().entrySet()) {
      if (own.containsKey(rule.getKey())) {
        problems.add(type + "." + rule.getKey() + " is listed both in 'common' and in " + type);
      } else {
        rules.add(rule);
      }
    }
    rules.addAll(own.entrySet());
    for (Map.Entry<String, ProfileAction> rule : rules) {
      String path = rule.getKey();
      ProfileAction action = rule.getValue();
      if (path.equals("id")) {
        if (action != ProfileAction.PSEUDONYMIZE && action != ProfileAction.REMOVE) {
          problems.add(
              type + ".id: ids carry hospital record numbers; only pseudonymize or remove");
        }
        idAction = action;
        continue;
      }
      add(root, path, action);
    }
    List<ChildRule> children = compileNode(root, type);
    return new ResourcePlan(definition, idAction == ProfileAction.PSEUDONYMIZE, children);
  }

  private void add(Node root, String path, ProfileAction action) {
    String[] segments = path.split("\\.", -1);
    if (Arrays.asList(segments).contains("")) {
      problems.add("malformed path '" + type + "." + path + "': empty element name");
      return;
    }
    Node current = root;
    String shown = type;
    for (int i = 0; i < segments.length; i++) {
      String segment = segments[i];
      String parentPath = shown;
      shown = shown + "." + segment;
      Resolved resolved = PathTree.resolve(fhir, current.definition(), segment);
      if (resolved == null) {
        problems.add(
            "unknown element '"
                + segment
                + "' in "
                + parentPath
                + " ("
                + current.definition().getName()
                + ") for path "
                + type
                + "."
                + path);
        return;
      }
      boolean last = i == segments.length - 1;
      if (!checkSegment(current, resolved, shown, action, last, root)) {
        return;
      }
      boolean whole = resolved.key().equals(PathTree.WHOLE);
      if (!last && whole && resolved.child() instanceof RuntimeChildChoiceDefinition) {
        problems.add(shown + " is a choice: name one type to list its parts (e.g. valueQuantity)");
        return;
      }
      Slot slot =
          current
              .slots()
              .computeIfAbsent(resolved.child().getElementName(), n -> new Slot(resolved.child()));
      if (whole ? hasOther(slot, PathTree.WHOLE) : slot.entries().containsKey(PathTree.WHOLE)) {
        problems.add(shown + " overlaps another listing of the same choice element");
        return;
      }
      Entry entry = slot.entries().get(resolved.key());
      if (entry != null && entry.action() != null) {
        problems.add(
            last
                ? shown + " is listed twice"
                : shown
                    + " is already listed as "
                    + entry.action().label()
                    + ", so its parts"
                    + " cannot be listed too");
        return;
      }
      if (last) {
        if (entry != null) {
          problems.add(shown + " has parts listed; list either the element or its parts");
          return;
        }
        slot.entries().put(resolved.key(), new Entry(shown, resolved.types(), action, null));
        return;
      }
      if (entry == null) {
        if (resolved.types().size() != 1
            || !(resolved.types().get(0)
                instanceof BaseRuntimeElementCompositeDefinition<?> composite)) {
          problems.add(shown + " has no parts to list");
          return;
        }
        entry = new Entry(shown, resolved.types(), null, new Node(composite));
        slot.entries().put(resolved.key(), entry);
      }
      current = entry.node();
    }
  }

  private boolean checkSegment(
      Node current,
      Resolved resolved,
      String shown,
      ProfileAction action,
      boolean last,
      Node root) {
    String name = resolved.child().getElementName();
    boolean structural = Floor.isStructural(resolved.child(), current == root);
    if (structural && (action != ProfileAction.REMOVE || !last)) {
      problems.add(
          shown
              + ": narratives, contained resources, extensions and element ids are always"
              + " removed; only 'remove' is allowed");
      return false;
    }
    if ((action == ProfileAction.KEEP || action == ProfileAction.GENERALIZE_YEAR)
        && Floor.forbids(current.definition().getImplementingClass(), name)) {
      problems.add(
          shown
              + " can never be kept: "
              + current.definition().getName()
              + "."
              + name
              + " identifies a person or holds free text");
      return false;
    }
    return true;
  }

  private static boolean hasOther(Slot slot, String key) {
    return slot.entries().keySet().stream().anyMatch(k -> !k.equals(key));
  }

  private List<ChildRule> compileNode(Node node, String nodePath) {
    List<ChildRule> rules = new ArrayList<>();
    for (Slot slot : node.slots().values()) {
      Treatment any = null;
      Map<Class<?>, Treatment> byType = new HashMap<>();
      for (Map.Entry<String, Entry> keyed : slot.entries().entrySet()) {
        Entry entry = keyed.getValue();
        Treatment treatment =
            entry.action() == null
                ? new Treatment.Partial(
                    entry.node().definition(), compileNode(entry.node(), entry.path()))
                : treatment(entry);
        if (treatment == null) {
          continue;
        }
        if (keyed.getKey().equals(PathTree.WHOLE)) {
          any = treatment;
        } else {
          byType.put(entry.types().get(0).getImplementingClass(), treatment);
        }
      }
      if (any != null || !byType.isEmpty()) {
        rules.add(new ChildRule(slot.child(), slot.child().getMin() > 0, any, byType));
      }
    }
    checkRequired(node, nodePath);
    return rules;
  }

  private Treatment treatment(Entry entry) {
    switch (entry.action()) {
      case REMOVE:
        return null;
      case MASK:
        return Treatment.Simple.MASK;
      case PSEUDONYMIZE:
        if (entry.types().stream().allMatch(t -> t.getImplementingClass() == Reference.class)) {
          return Treatment.Simple.PSEUDONYMIZE;
        }
        problems.add(
            entry.path() + ": pseudonymize applies to ids and References, not " + names(entry));
        return null;
      case GENERALIZE_YEAR:
        if (entry.types().stream()
            .allMatch(t ->
                t.getImplementingClass() == DateType.class
                    || t.getImplementingClass() == DateTimeType.class)) {
          return Treatment.Simple.GENERALIZE_YEAR;
        }
        problems.add(
            entry.path() + ": generalize-year applies to date and dateTime, not " + names(entry));
        return null;
      case GENERALIZE_BAND:
        if (entry.types().stream().allMatch(t -> t.getImplementingClass() == DateType.class)) {
          return Treatment.Simple.GENERALIZE_BAND;
        }
        problems.add(entry.path() + ": generalize-band applies to date, not " + names(entry));
        return null;
      case KEEP:
      default:
        for (BaseRuntimeElementDefinition<?> t : entry.types()) {
          String danger = Floor.dangerIn(fhir, t, entry.path(), copies, new HashSet<>());
          if (danger != null) {
            problems.add(
                entry.path()
                    + " cannot be kept whole: it can hold "
                    + danger
                    + "; list its safe parts instead");
            return null;
          }
        }
        return Treatment.Simple.KEEP;
    }
  }

  private void checkRequired(Node node, String nodePath) {
    for (BaseRuntimeChildDefinition child : node.definition().getChildren()) {
      if (child.getMin() < 1) {
        continue;
      }
      Slot slot = node.slots().get(child.getElementName());
      boolean covered = slot != null && covers(slot);
      if (!covered) {
        String shown =
            nodePath
                + "."
                + child.getElementName()
                + (child instanceof RuntimeChildChoiceDefinition ? "[x]" : "");
        problems.add(
            shown
                + " is required by FHIR (min "
                + child.getMin()
                + ") but the profile leaves it out (or some of its types); keep, pseudonymize,"
                + " generalize or mask it");
      }
    }
  }

  /** Whether a slot keeps something of every value FHIR could put there. */
  private boolean covers(Slot slot) {
    Entry whole = slot.entries().get(PathTree.WHOLE);
    if (whole != null) {
      return whole.action() != ProfileAction.REMOVE;
    }
    // Only a choice listed per type gets here: every type it allows must be covered.
    for (String name : PathTree.choiceNames(fhir, slot.child())) {
      Entry e = slot.entries().get(name);
      if (e == null || e.action() == ProfileAction.REMOVE) {
        return false;
      }
    }
    return true;
  }

  private static String names(Entry entry) {
    return entry.types().stream().map(BaseRuntimeElementDefinition::getName).toList().toString();
  }
}
