package kr.hiway.consent.ledger;

import java.time.Instant;
import java.util.Map;

/**
 * {@code actor} re-identified the person behind {@code patientPseudonym} in pseudonym domain {@code
 * domain}, for {@code reason}. Re-identification is exceptional, so every one is logged. Since it
 * takes two officers, {@code actor} is the one who approved {@code requester}'s {@code request} (a
 * {@link ReidentificationRequested} entry); entries made before have neither.
 *
 * <p>Immutable and thread-safe; no component may be blank, and only {@code request} and {@code
 * requester} may be null (both or neither).
 */
public record Reidentification(
    String actor,
    String domain,
    String reason,
    String patientPseudonym,
    String request,
    String requester,
    Instant time)
    implements LedgerEntry {

  static final String TYPE = "reidentification";

  public Reidentification {
    EntryCodec.text("actor", actor);
    EntryCodec.text("domain", domain);
    EntryCodec.text("reason", reason);
    EntryCodec.text("patientPseudonym", patientPseudonym);
    if ((request == null) != (requester == null)) {
      throw new IllegalArgumentException("request and requester go together");
    }
    if (request != null) {
      EntryCodec.text("request", request);
      EntryCodec.text("requester", requester);
    }
    EntryCodec.instant("time", time);
  }

  /** A re-identification by one officer, as entered before it took two. */
  public Reidentification(
      String actor, String domain, String reason, String patientPseudonym, Instant time) {
    this(actor, domain, reason, patientPseudonym, null, null, time);
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
            patientPseudonym);
    if (request != null) {
      json.put("request", request);
      json.put("requester", requester);
    }
    return json;
  }
}
