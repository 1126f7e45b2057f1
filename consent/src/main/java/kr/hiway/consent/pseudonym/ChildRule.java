package kr.hiway.consent.pseudonym;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import java.util.Map;

/**
 * The compiled rule for one child element: one treatment for every value ({@code any}), or, for a
 * choice listed per type, one per value class. Values of a class the map lacks are removed.
 * Immutable.
 *
 * @param child HAPI's definition of the child, whose accessor and mutator are used
 * @param required whether FHIR requires the element (min ≥ 1), so that it is masked rather than
 *     dropped when its treatment leaves nothing
 * @param any the treatment of every value, or null to look up {@code byType}
 * @param byType treatments by value class, for a choice listed per type
 */
record ChildRule(
    BaseRuntimeChildDefinition child,
    boolean required,
    Treatment any,
    Map<Class<?>, Treatment> byType) {

  ChildRule {
    byType = Map.copyOf(byType);
  }

  Treatment treatmentOf(Object value) {
    return any != null ? any : byType.get(value.getClass());
  }
}
