package kr.hiway.consent.pseudonym;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import java.util.List;
import java.util.Map;

/**
 * A profile resolved against one {@code FhirContext}: what {@link Pseudonymizer} runs. Immutable.
 *
 * @param plans the plan of each resource type, by type name
 * @param copies for every composite type reachable under a kept element, its definition and the
 *     children a kept copy carries over (all but element ids and extensions), by class
 */
record CompiledProfile(Map<String, ResourcePlan> plans, Map<Class<?>, CopyPlan> copies) {

  CompiledProfile {
    plans = Map.copyOf(plans);
    copies = Map.copyOf(copies);
  }

  /** How one resource type is rebuilt. */
  record ResourcePlan(
      RuntimeResourceDefinition definition, boolean pseudonymizeId, List<ChildRule> children) {
    ResourcePlan {
      children = List.copyOf(children);
    }
  }

  /** How a kept composite value is copied. */
  record CopyPlan(
      BaseRuntimeElementCompositeDefinition<?> definition,
      List<BaseRuntimeChildDefinition> children) {
    CopyPlan {
      children = List.copyOf(children);
    }
  }
}
