package kr.hiway.gateway.regulator;

import java.time.Instant;
import java.util.Set;

/**
 * Which ledger events a regulator asks for; every component may be null (no restriction).
 *
 * @param type an entry type such as {@code disclosure} or {@code consent-granted}
 * @param from events at or after this instant
 * @param to events before this instant
 * @param hospital a hospital code; consents that cover every hospital match any code
 * @param recipient a recipient (for re-identifications, the actor)
 * @param purpose a purpose of use code
 * @param consentId a consent id
 * @param patient a patient's regulator-domain pseudonym
 */
public record EventFilter(
    String type,
    Instant from,
    Instant to,
    String hospital,
    String recipient,
    String purpose,
    String consentId,
    String patient) {

  /** The entry types the ledger holds. */
  public static final Set<String> TYPES =
      Set.of(
          "consent-granted",
          "consent-revoked",
          "consent-expired",
          "disclosure",
          "reidentification",
          "reidentification-requested",
          "cohort-export");

  public EventFilter {
    if (type != null && !TYPES.contains(type)) {
      throw new IllegalArgumentException(
          "type: one of " + String.join(", ", TYPES.stream().sorted().toList()));
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to");
    }
  }

  /** No restriction at all. */
  public static final EventFilter ALL =
      new EventFilter(null, null, null, null, null, null, null, null);
}
