package kr.hiway.consent.pseudonym;

import java.util.Objects;

/**
 * Which person a pseudonym stands for in a domain: the row the gateway writes to its per-domain
 * pseudonym index when it releases that person's data, and the only means of re-identification (see
 * the package documentation).
 *
 * <p>Immutable and thread-safe; no component is null. {@link #toString()} hides the national
 * identifier, so that a mapping logged by accident does not spread it.
 *
 * @param domain the recipient domain, such as a research project id
 * @param pseudonym the person's pseudonym in that domain, {@code ps-} and 26 base32 characters
 * @param nationalId the national identifier in its usual form, {@code YYMMDD-NNNNNNN}
 */
public record PseudonymMapping(String domain, String pseudonym, String nationalId) {

  public PseudonymMapping {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(pseudonym, "pseudonym");
    Objects.requireNonNull(nationalId, "nationalId");
  }

  @Override
  public String toString() {
    return "PseudonymMapping[domain=" + domain + ", pseudonym=" + pseudonym + ", nationalId=***]";
  }
}
