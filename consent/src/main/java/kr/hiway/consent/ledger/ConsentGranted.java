package kr.hiway.consent.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A patient granted consent {@code consentId}: {@code recipient} may receive {@code resourceTypes}
 * from {@code hospitalCodes} for {@code purpose} until {@code expiresAt}.
 *
 * <p>Immutable and thread-safe; no component may be null or blank, lists are copied.
 */
public record ConsentGranted(
    String consentId,
    String patientPseudonym,
    String recipient,
    String purpose,
    List<String> resourceTypes,
    List<String> hospitalCodes,
    Instant expiresAt,
    Instant time)
    implements LedgerEntry {

  static final String TYPE = "consent-granted";

  public ConsentGranted {
    EntryCodec.text("consentId", consentId);
    EntryCodec.text("patientPseudonym", patientPseudonym);
    EntryCodec.text("recipient", recipient);
    EntryCodec.text("purpose", purpose);
    resourceTypes = EntryCodec.texts("resourceTypes", resourceTypes);
    hospitalCodes = EntryCodec.texts("hospitalCodes", hospitalCodes);
    EntryCodec.instant("expiresAt", expiresAt);
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
        "consentId",
        consentId,
        "patient",
        patientPseudonym,
        "recipient",
        recipient,
        "purpose",
        purpose,
        "resourceTypes",
        resourceTypes,
        "hospitalCodes",
        hospitalCodes,
        "expiresAt",
        expiresAt);
  }
}
