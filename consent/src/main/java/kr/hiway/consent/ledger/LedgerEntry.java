package kr.hiway.consent.ledger;

import java.time.Instant;
import java.util.Map;

/**
 * One event recorded in the consent ledger. Its leaf data is the RFC 8785 canonical JSON of {@link
 * #toJson()}, which always holds {@code "type"} and {@code "time"} (an ISO-8601 UTC instant), so
 * the same event always gives the same bytes and the same leaf hash.
 *
 * <p>The patient appears only as the regulator-domain pseudonym the caller passes in; nothing here
 * derives or holds an identifier. All implementations are immutable, thread-safe records whose
 * components are never null (constructors refuse null and blank strings).
 */
public sealed interface LedgerEntry
    permits ConsentGranted,
        ConsentRevoked,
        ConsentExpired,
        Disclosure,
        Reidentification,
        ReidentificationRequested,
        CohortExported {

  /** The {@code "type"} value, e.g. {@code "consent-granted"}. */
  String type();

  /** When the event happened. */
  Instant time();

  /** The JSON object of this entry, before canonicalization. */
  Map<String, Object> toJson();

  /** The leaf data: canonical JSON bytes. */
  default byte[] canonicalJson() {
    return CanonicalJson.encode(toJson());
  }

  /**
   * Reads an entry back from its leaf data.
   *
   * @throws IllegalArgumentException if the data is not canonical JSON of a known entry type
   */
  static LedgerEntry fromCanonicalJson(byte[] data) {
    return EntryCodec.decode(data);
  }
}
