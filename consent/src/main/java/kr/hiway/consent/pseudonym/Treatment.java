package kr.hiway.consent.pseudonym;

import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import java.util.List;

/** What the compiled profile does with one value of an element. Immutable. */
sealed interface Treatment permits Treatment.Simple, Treatment.Partial {

  /** A treatment of the value as a whole. */
  enum Simple implements Treatment {
    KEEP,
    PSEUDONYMIZE,
    GENERALIZE_YEAR,
    GENERALIZE_BAND,
    MASK
  }

  /**
   * A new element of the same type holding only what the rules for its children give: the implied
   * treatment of every element that has listed sub-paths.
   */
  record Partial(BaseRuntimeElementCompositeDefinition<?> definition, List<ChildRule> children)
      implements Treatment {
    public Partial {
      children = List.copyOf(children);
    }
  }
}
