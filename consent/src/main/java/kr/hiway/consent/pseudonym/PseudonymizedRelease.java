package kr.hiway.consent.pseudonym;

import java.util.List;
import java.util.Objects;
import org.hl7.fhir.r4.model.Resource;

/**
 * The result of pseudonymizing one person's release for one domain.
 *
 * <p>The list is unmodifiable but its resources are ordinary (mutable) HAPI objects, new and owned
 * by the caller; the record is as thread-safe as the caller's use of them. No component is null.
 *
 * @param resources the pseudonymized resources, in input order; at most one Patient, whose id is
 *     the person's pseudonym
 * @param mapping the pseudonym to national-id row to persist in the domain's pseudonym index before
 *     the release leaves the gateway
 * @param omitted how many input resources were left out: types the profile has no rules for,
 *     resources carrying a modifier extension (whose meaning the profile cannot vouch for), and
 *     further Patient resources of the same person (they collapse into one)
 */
public record PseudonymizedRelease(
    List<Resource> resources, PseudonymMapping mapping, int omitted) {

  public PseudonymizedRelease {
    resources = List.copyOf(resources);
    Objects.requireNonNull(mapping, "mapping");
    if (omitted < 0) {
      throw new IllegalArgumentException("omitted is not negative");
    }
  }
}
