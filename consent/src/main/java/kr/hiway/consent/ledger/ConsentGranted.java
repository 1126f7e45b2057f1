package kr.hiway.consent.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A patient granted consent {@code consentId}: {@code recipient} may receive {@code resourceTypes}
 * from {@code hospitalCodes} (every hospital when empty) for any of {@code purposes}, from {@code
 * validFrom} until {@code expiresAt}.
 *
 * <p>Immutable and thread-safe; no component may be null or blank, lists are copied.
 */
public record ConsentGranted(
    String consentId,
    String patientPseudonym,
    String recipient,
    List<String> purposes,
    List<String> resourceTypes,
    List<String> hospitalCodes,
    Instant validFrom,
    Instant expiresAt,
    Instant time)
    implements LedgerEntry {

  static final String TYPE = "consent-granted";

  public ConsentGranted {
    EntryCodec.text("consentId", consentId);
    EntryCodec.text("patientPseudonym", patientPseudonym);
    EntryCodec.text("recipient", recipient);
    purposes = EntryCodec.texts("purposes", purposes);
    resourceTypes = EntryCodec.texts("resourceTypes", resourceTypes);
    if (purposes.isEmpty() || resourceTypes.isEmpty()) {
      throw new IllegalArgumentException("a consent grants at least one purpose and one type");
    }
    hospitalCodes = EntryCodec.texts("hospitalCodes", hospitalCodes);
    EntryCodec.instant("validFrom", validFrom);
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
        "purposes",
        purposes,
        "resourceTypes",
        resourceTypes,
        "hospitalCodes",
        hospitalCodes,
        "validFrom",
        validFrom,
        "expiresAt",
        expiresAt);
  }
}
