package kr.hiway.consent.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Research recipient {@code recipient} received cohort export {@code job}: {@code resources}
 * resources of {@code resourceTypes}, after the re-identification risk assessment {@code risk} (its
 * report as JSON: persons, k, the smallest class and unique share before, the generalization
 * chosen, persons suppressed, the k achieved). {@code reviewer} is the staff member who approved a
 * release whose suppression exceeded the limit, or null when the export met its profile alone. The
 * persons' own disclosures are entered as {@link Disclosure}s when their records were prepared.
 *
 * <p>Immutable and thread-safe; no component may be blank, and only {@code reviewer} may be null.
 */
public record CohortExported(
    String recipient,
    String job,
    String risk,
    List<String> resourceTypes,
    String resources,
    String reviewer,
    Instant time)
    implements LedgerEntry {

  static final String TYPE = "cohort-export";

  public CohortExported {
    EntryCodec.text("recipient", recipient);
    EntryCodec.text("job", job);
    EntryCodec.text("risk", risk);
    resourceTypes = List.copyOf(resourceTypes);
    EntryCodec.text("resources", resources);
    if (!resources.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("resources must be a count");
    }
    if (reviewer != null) {
      EntryCodec.text("reviewer", reviewer);
    }
    EntryCodec.instant("time", time);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Map<String, Object> toJson() {
    Map<String, Object> json =
        EntryCodec.json(
            TYPE,
            time,
            "recipient",
            recipient,
            "job",
            job,
            "risk",
            risk,
            "resourceTypes",
            resourceTypes,
            "resources",
            resources);
    if (reviewer != null) {
      json.put("reviewer", reviewer);
    }
    return json;
  }
}
