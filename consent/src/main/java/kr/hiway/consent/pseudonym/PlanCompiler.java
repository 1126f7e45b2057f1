package kr.hiway.consent.pseudonym;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import kr.hiway.consent.pseudonym.CompiledProfile.CopyPlan;
import kr.hiway.consent.pseudonym.CompiledProfile.ResourcePlan;

/**
 * Validates a {@link DeidentificationProfile} against a FHIR R4 context and compiles it into the
 * plans {@link Pseudonymizer} runs. Every problem found is collected, and all are thrown together
 * as one {@link ProfileException}, so that an operator fixes a profile in one pass. Stateless.
 */
final class PlanCompiler {

  private PlanCompiler() {}

  /**
   * @throws ProfileException listing every problem, if there is any
   * @throws IllegalArgumentException if the context is not FHIR R4
   */
  static CompiledProfile compile(FhirContext fhir, DeidentificationProfile profile) {
    if (fhir.getVersion().getVersion() != FhirVersionEnum.R4) {
      throw new IllegalArgumentException("pseudonymization needs a FHIR R4 context");
    }
    Set<String> problems = new LinkedHashSet<>();
    for (String required : new TreeSet<>(DeidentificationProfile.REQUIRED_TYPES)) {
      if (!profile.resourceTypes().contains(required)) {
        problems.add(
            "no rules for resource type "
                + required
                + "; every profile must cover "
                + new TreeSet<>(DeidentificationProfile.REQUIRED_TYPES));
      }
    }
    Map<String, ResourcePlan> plans = new HashMap<>();
    Map<Class<?>, CopyPlan> copies = new HashMap<>();
    for (String type : profile.typesInOrder()) {
      if (!fhir.getResourceTypes().contains(type)) {
        problems.add("unknown resource type '" + type + "': not a FHIR R4 resource type");
        continue;
      }
      RuntimeResourceDefinition definition = fhir.getResourceDefinition(type);
      plans.put(type, new TypeCompiler(fhir, type, definition, copies, problems).compile(profile));
    }
    PolicyCheck.check(profile, problems);
    if (!problems.isEmpty()) {
      throw new ProfileException(new ArrayList<>(problems));
    }
    return new CompiledProfile(plans, copies);
  }
}
