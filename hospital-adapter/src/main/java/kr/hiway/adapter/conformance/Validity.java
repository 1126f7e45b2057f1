package kr.hiway.adapter.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Resource;

/**
 * FHIR R4 validity of everything one run receives, against the base specification, offline. Each
 * distinct resource is validated once (a record seen on five pages costs one validation), and the
 * problems are kept per resource type, for one {@code valid.Type} check each.
 *
 * <p>Only errors count: warnings (a Korean code system the validator does not know, a display it
 * cannot check) are not failures. Not thread-safe: one per run.
 */
final class Validity {

  /** Problems listed per type before the rest are only counted. */
  private static final int SHOWN = 3;

  private final FhirContext fhir;
  private final FhirValidator validator;
  private final Set<String> seen = new HashSet<>();
  private final Map<String, int[]> counts = new TreeMap<>();
  private final Map<String, List<String>> problems = new TreeMap<>();

  Validity(FhirContext fhir, FhirValidator validator) {
    this.fhir = fhir;
    this.validator = validator;
  }

  /** A validator of the R4 base specification with offline terminology; takes seconds to build. */
  static FhirValidator validatorFor(FhirContext fhir) {
    ValidationSupportChain chain =
        new ValidationSupportChain(
            new DefaultProfileValidationSupport(fhir),
            new InMemoryTerminologyServerValidationSupport(fhir),
            new CommonCodeSystemsTerminologyService(fhir),
            new SnapshotGeneratingValidationSupport(fhir));
    return fhir.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
  }

  /** Validates the resource unless this run has seen the same content already. */
  void validate(Resource resource) {
    String json = fhir.newJsonParser().encodeResourceToString(resource);
    if (!seen.add(json)) {
      return;
    }
    String type = resource.fhirType();
    counts.computeIfAbsent(type, t -> new int[1])[0]++;
    String name =
        resource.getIdElement().hasIdPart()
            ? type + "/" + resource.getIdElement().getIdPart()
            : type;
    for (SingleValidationMessage m : validator.validateWithResult(json).getMessages()) {
      if (m.getSeverity() == ResultSeverityEnum.ERROR
          || m.getSeverity() == ResultSeverityEnum.FATAL) {
        problems
            .computeIfAbsent(type, t -> new ArrayList<>())
            .add(name + " at " + m.getLocationString() + ": " + m.getMessage());
      }
    }
  }

  /** One check per resource type received, plus one for each expected type never received. */
  List<Check> checks(List<String> expectedTypes) {
    Set<String> types = new LinkedHashSet<>(expectedTypes);
    types.addAll(counts.keySet());
    List<Check> out = new ArrayList<>();
    for (String type : types) {
      int n = counts.getOrDefault(type, new int[1])[0];
      List<String> found = problems.getOrDefault(type, List.of());
      String name = "valid." + type;
      if (n == 0) {
        out.add(Check.pass(name, "none received, nothing to validate"));
      } else if (found.isEmpty()) {
        out.add(Check.pass(name, n + " distinct resources valid FHIR R4"));
      } else {
        String shown = String.join("; ", found.subList(0, Math.min(SHOWN, found.size())));
        String more = found.size() > SHOWN ? " (and " + (found.size() - SHOWN) + " more)" : "";
        out.add(Check.fail(name, found.size() + " errors in " + n + " resources: " + shown + more));
      }
    }
    return out;
  }
}
