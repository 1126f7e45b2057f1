package kr.hiway.consent.pseudonym;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A declarative de-identification profile: per FHIR resource type, which element paths are kept,
 * pseudonymized, generalized or masked. It is an allow-list: <b>whatever a profile does not list is
 * removed</b>, so a field that a hospital starts sending tomorrow does not leak.
 *
 * <p>The file is JSON ({@code //} comments allowed):
 *
 * <pre>{@code
 * { "name": "...", "version": 2,
 *   "dates": { "shiftDays": { "min": 1, "max": 365 }, "precision": "day" },
 *   "birthDate": { "bandYears": 5 }, "places": "province", "hospitals": "pseudonymize",
 *   "freeText": "remove", "quasiIdentifiers": [ "Patient.gender", ... ], "k": 5,
 *   "common":    { "id": "pseudonymize", "meta.source": "keep", ... },   // every type
 *   "resources": { "Observation": { "status": "keep", "subject": "pseudonymize", ... }, ... } }
 * }</pre>
 *
 * Paths are FHIR element names joined by dots, relative to the resource ({@code
 * referenceRange.low}); a choice is named whole ({@code value[x]}) or per type ({@code
 * valueQuantity}). Actions are those of {@link ProfileAction}, by label.
 *
 * <p>The release-wide settings are those of {@link ReleasePolicy}.
 *
 * <p>Loading validates the profile against the FHIR R4 definitions and refuses it, with a {@link
 * ProfileException} naming each problem, when: the file is not such JSON; a type is not a FHIR R4
 * resource type; one of {@link #REQUIRED_TYPES} has no rules; a path names no element; an action is
 * unknown or does not fit the element (pseudonymize on a non-Reference, generalize-year on a
 * non-date, keep on an id or on anything that can hold names, identifiers, addresses, contact
 * details, free-text notes, attachments or references); a path is listed twice or under another
 * listed path; or an element FHIR requires would be left out.
 *
 * <p>Immutable and thread-safe. No method accepts or returns null.
 */
public final class DeidentificationProfile {

  /** The classpath location of the profile shipped with this module. */
  public static final String DEFAULT_RESOURCE = "/pseudonym/deidentification-profile.json";

  /** The resource types every profile must have rules for: the Patient and the nine records. */
  public static final Set<String> REQUIRED_TYPES =
      Set.of(
          "Patient",
          "AllergyIntolerance",
          "Condition",
          "DiagnosticReport",
          "DocumentReference",
          "Encounter",
          "Immunization",
          "MedicationRequest",
          "Observation",
          "Procedure");

  private final String name;
  private final Map<String, ProfileAction> common;
  private final Map<String, Map<String, ProfileAction>> resources;
  private final ReleasePolicy policy;

  DeidentificationProfile(
      String name,
      Map<String, ProfileAction> common,
      Map<String, Map<String, ProfileAction>> resources,
      ReleasePolicy policy) {
    this.name = name;
    this.policy = Objects.requireNonNull(policy, "policy");
    this.common = Collections.unmodifiableMap(new LinkedHashMap<>(common));
    Map<String, Map<String, ProfileAction>> copy = new LinkedHashMap<>();
    resources.forEach(
        (type, rules) -> copy.put(type, Collections.unmodifiableMap(new LinkedHashMap<>(rules))));
    this.resources = Collections.unmodifiableMap(copy);
  }

  /**
   * Reads and validates a profile. The stream is read to its end but not closed.
   *
   * @throws ProfileException if the profile is malformed or invalid
   * @throws UncheckedIOException if the stream cannot be read
   */
  public static DeidentificationProfile load(InputStream in) {
    Objects.requireNonNull(in, "in");
    DeidentificationProfile profile = ProfileReader.read(in);
    PlanCompiler.compile(FhirContext.forR4Cached(), profile);
    return profile;
  }

  /**
   * The profile shipped with this module, {@value #DEFAULT_RESOURCE}.
   *
   * @throws ProfileException if it is invalid (a build defect)
   */
  public static DeidentificationProfile loadDefault() {
    try (InputStream in = DeidentificationProfile.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the classpath");
      }
      return load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The profile's name, as its file gives it. */
  public String name() {
    return name;
  }

  /** The release-wide choices: date shift and precision, bands, places, hospitals, k. */
  public ReleasePolicy policy() {
    return policy;
  }

  /** The resource types the profile has rules for, in file order. */
  public Set<String> resourceTypes() {
    return resources.keySet();
  }

  /**
   * The rules for a type: the common ones, then the type's own, in file order.
   *
   * @return an unmodifiable map from path to action; empty for a type the profile does not cover
   */
  public Map<String, ProfileAction> rules(String resourceType) {
    Map<String, ProfileAction> own = resources.get(Objects.requireNonNull(resourceType, "type"));
    if (own == null) {
      return Map.of();
    }
    Map<String, ProfileAction> all = new LinkedHashMap<>(common);
    all.putAll(own);
    return Collections.unmodifiableMap(all);
  }

  Map<String, ProfileAction> common() {
    return common;
  }

  Map<String, ProfileAction> own(String resourceType) {
    return resources.getOrDefault(resourceType, Map.of());
  }

  List<String> typesInOrder() {
    return List.copyOf(resources.keySet());
  }

  @Override
  public String toString() {
    return "DeidentificationProfile[" + name + ", " + resources.size() + " types]";
  }
}
