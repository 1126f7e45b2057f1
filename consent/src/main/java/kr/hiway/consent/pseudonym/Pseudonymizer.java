package kr.hiway.consent.pseudonym;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import kr.hiway.consent.pseudonym.CompiledProfile.ResourcePlan;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * Turns one person's FHIR R4 records into the pseudonymized release a recipient domain may see,
 * under a {@link DeidentificationProfile}.
 *
 * <p>Each output resource is built anew from what the profile allows, so nothing the profile does
 * not name survives (narratives, contained resources, extensions, notes, attachments' content,
 * reference displays, identifiers). The person becomes {@code Patient/{pseudonym}}; every other id
 * and every reference target becomes a keyed pseudonym of its type and id, so references inside a
 * release still resolve, and the same record keeps the same pseudonym across releases to the same
 * domain. Input ids and references may be a hospital's ({@code P123-enc-1}, {@code Patient/P123})
 * or the gateway's ({@code snuh.P123-enc-1}, {@code Patient/{gateway id}}); none is interpreted.
 *
 * <p>A release is one person's: every {@code Patient} reference in it is taken to be that person,
 * and several Patient resources (one per hospital) collapse into the first. Resources of types the
 * profile does not cover, and resources carrying a modifier extension (whose meaning the profile
 * cannot vouch for once it is removed), are left out and counted in {@link
 * PseudonymizedRelease#omitted()}.
 *
 * <p>Every date and time kept is moved by the person's offset in the domain and cut to the
 * profile's precision ({@link DateShifter}); instants are dropped; a birth date is cut to its
 * birth-year band; the hospital in {@code meta.source} is pseudonymized in the domain or removed,
 * as the profile's {@link ReleasePolicy} says. So two domains' copies of one person share no exact
 * date, hospital, id or pseudonym to be joined on.
 *
 * <p>Thread-safe: immutable after construction, and each call works on its own state. Input
 * resources are only read, never changed, and may be shared between concurrent calls. No argument
 * may be null, nor any resource in a release. Nothing is logged.
 */
public final class Pseudonymizer {

  private final PseudonymKeys keys;
  private final CompiledProfile profile;
  private final ReleasePolicy policy;
  private final Set<String> resourceTypes;

  /**
   * Compiles the profile against the context once.
   *
   * @param fhir a FHIR R4 context (the gateway's, shared)
   * @param keys the pseudonymization keys
   * @param profile a loaded profile
   * @throws IllegalArgumentException if the context is not R4
   */
  public Pseudonymizer(FhirContext fhir, PseudonymKeys keys, DeidentificationProfile profile) {
    Objects.requireNonNull(fhir, "fhir");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.profile = PlanCompiler.compile(fhir, Objects.requireNonNull(profile, "profile"));
    this.policy = profile.policy();
    this.resourceTypes = Set.copyOf(fhir.getResourceTypes());
  }

  /**
   * The profile's release policy: its date, place and hospital choices, quasi-identifiers and k.
   */
  public ReleasePolicy policy() {
    return policy;
  }

  /**
   * Pseudonymizes one person's release for one domain.
   *
   * @param domain the recipient domain, such as a research project id (see {@link PseudonymKeys})
   * @param nationalId the person's resident registration number, with or without the hyphen
   * @param release the person's resources, from one or several hospitals; not modified
   * @return new resources, in input order, and the mapping to persist before releasing them
   * @throws IllegalArgumentException if the domain or the national identifier is malformed (the
   *     message never quotes the identifier)
   */
  public PseudonymizedRelease pseudonymize(
      String domain, String nationalId, List<? extends Resource> release) {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(release, "release");
    String digits = NationalIds.digits(nationalId);
    Pseudonyms pseudonyms = new Pseudonyms(keys.domainKey(domain));
    String person = pseudonyms.person(digits);
    ReleaseRun run =
        new ReleaseRun(
            profile,
            policy,
            resourceTypes,
            pseudonyms,
            person,
            NationalIds.birthDate(digits),
            ResidualText.of(digits, release),
            shifter(pseudonyms, digits));
    List<Resource> out = new ArrayList<>(release.size());
    int omitted = 0;
    boolean patientDone = false;
    for (Resource resource : release) {
      Objects.requireNonNull(resource, "a release holds no null resource");
      ResourcePlan plan = profile.plans().get(resource.fhirType());
      if (plan == null || (resource instanceof Patient && patientDone)) {
        omitted++;
        continue;
      }
      try {
        out.add(run.resource(plan, resource));
        patientDone |= resource instanceof Patient;
      } catch (ReleaseRun.Omit e) {
        omitted++;
      }
    }
    PseudonymMapping mapping = new PseudonymMapping(domain, person, NationalIds.hyphenated(digits));
    return new PseudonymizedRelease(out, mapping, omitted);
  }

  /**
   * The number of days every date of the person is moved by in the domain's releases: in {@code
   * ±[shiftMinDays, shiftMaxDays]} of the profile, never 0, unrelated between domains. For tests
   * and the measurements of a release's linkability; never shown to a recipient.
   *
   * @throws IllegalArgumentException if the domain or the national identifier is malformed
   */
  public int dateOffsetDays(String domain, String nationalId) {
    Objects.requireNonNull(domain, "domain");
    String digits = NationalIds.digits(nationalId);
    return shifter(new Pseudonyms(keys.domainKey(domain)), digits).offsetDays();
  }

  private DateShifter shifter(Pseudonyms pseudonyms, String digits) {
    int days =
        DateShifter.offset(
            pseudonyms.shiftTag(digits), policy.shiftMinDays(), policy.shiftMaxDays());
    return new DateShifter(days, policy.datePrecision());
  }

  /**
   * The person's pseudonym in a domain, without a release: what {@link #pseudonymize} gives as
   * {@code Patient/{pseudonym}}. For finding data already released; it is no re-identification path
   * (see {@link PseudonymIndex}).
   *
   * @throws IllegalArgumentException if the domain or the national identifier is malformed
   */
  public String pseudonymOf(String domain, String nationalId) {
    return mappingOf(domain, nationalId).pseudonym();
  }

  /**
   * The person's pseudonym in a domain with the mapping to record in the {@link PseudonymIndex}
   * before anything bearing the pseudonym leaves the gateway.
   *
   * @throws IllegalArgumentException if the domain or the national identifier is malformed
   */
  public PseudonymMapping mappingOf(String domain, String nationalId) {
    Objects.requireNonNull(domain, "domain");
    String digits = NationalIds.digits(nationalId);
    return new PseudonymMapping(
        domain,
        new Pseudonyms(keys.domainKey(domain)).person(digits),
        NationalIds.hyphenated(digits));
  }
}
