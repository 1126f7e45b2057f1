package kr.hiway.consent.ledger;

import java.time.Instant;
import java.util.Map;

/**
 * The patient revoked consent {@code consentId}.
 *
 * <p>Immutable and thread-safe; no component may be null or blank.
 */
public record ConsentRevoked(String consentId, String patientPseudonym, Instant time)
    implements LedgerEntry {

  static final String TYPE = "consent-revoked";

  public ConsentRevoked {
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
