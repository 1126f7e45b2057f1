package kr.hiway.consent.ledger;

import java.time.Instant;
import java.util.Map;

/**
 * Consent {@code consentId} reached its end date and no longer allows disclosure.
 *
 * <p>Immutable and thread-safe; no component may be null or blank.
 */
public record ConsentExpired(String consentId, String patientPseudonym, Instant time)
    implements LedgerEntry {

  static final String TYPE = "consent-expired";

  public ConsentExpired {
    EntryCodec.text("consentId", consentId);
    EntryCodec.text("patientPseudonym", patientPseudonym);
    EntryCodec.instant("time", time);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Map<String, Object> toJson() {
    return EntryCodec.json(TYPE, time, "consentId", consentId, "patient", patientPseudonym);
  }
}
