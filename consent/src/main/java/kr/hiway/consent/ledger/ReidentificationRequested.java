package kr.hiway.consent.ledger;

import java.time.Instant;
import java.util.Map;

/**
 * Trust-center officer {@code actor} asked to re-identify the person behind {@code
 * patientPseudonym} in pseudonym domain {@code domain}, for {@code reason}; request {@code request}
 * waits for a second officer's approval (a {@link Reidentification} naming it). Where the person's
 * research consent was no longer in force, the request states the law it rests on: {@code
 * legalBasis} (a code such as {@code court-order}) and {@code legalReference}.
 *
 * <p>Immutable and thread-safe; no component may be blank, and only {@code legalBasis} and {@code
 * legalReference} may be null (both or neither).
 */
public record ReidentificationRequested(
    String actor,
    String domain,
    String reason,
    String patientPseudonym,
    String request,
    String legalBasis,
    String legalReference,
    Instant time)
    implements LedgerEntry {

  static final String TYPE = "reidentification-requested";

  public ReidentificationRequested {
    EntryCodec.text("actor", actor);
    EntryCodec.text("domain", domain);
    EntryCodec.text("reason", reason);
    EntryCodec.text("patientPseudonym", patientPseudonym);
    EntryCodec.text("request", request);
    if ((legalBasis == null) != (legalReference == null)) {
      throw new IllegalArgumentException("legalBasis and legalReference go together");
    }
    if (legalBasis != null) {
      EntryCodec.text("legalBasis", legalBasis);
      EntryCodec.text("legalReference", legalReference);
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
            "actor",
            actor,
            "domain",
            domain,
            "reason",
            reason,
            "patient",
            patientPseudonym,
            "request",
            request);
    if (legalBasis != null) {
      json.put("legalBasis", legalBasis);
      json.put("legalReference", legalReference);
    }
    return json;
  }
}
