package kr.hiway.consent.ledger;

import java.time.Instant;
import java.util.Map;

/**
 * {@code actor} re-identified the person behind {@code patientPseudonym} in pseudonym domain {@code
 * domain}, for {@code reason}. Re-identification is exceptional, so every one is logged.
 *
 * <p>Immutable and thread-safe; no component may be null or blank.
 */
public record Reidentification(
    String actor, String domain, String reason, String patientPseudonym, Instant time)
    implements LedgerEntry {

  static final String TYPE = "reidentification";

  public Reidentification {
    EntryCodec.text("actor", actor);
    EntryCodec.text("domain", domain);
    EntryCodec.text("reason", reason);
    EntryCodec.text("patientPseudonym", patientPseudonym);
    EntryCodec.instant("time", time);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Map<String, Object> toJson() {
    return EntryCodec.json(
        TYPE,
        time,
        "actor",
        actor,
        "domain",
        domain,
        "reason",
        reason,
        "patient",
        patientPseudonym);
  }
}
