package kr.hiway.gateway.regulator;

import java.util.Base64;
import java.util.Map;
import kr.hiway.consent.ledger.LedgerEntry;

/**
 * One entry of the ledger as regulators read it.
 *
 * @param index the entry's index in the log
 * @param leafHash the RFC 6962 leaf hash
 * @param entry the decoded entry, or null if the stored data no longer decodes (it was altered)
 * @param intact whether the stored data still gives the stored leaf hash
 */
public record LedgerEvent(long index, byte[] leafHash, LedgerEntry entry, boolean intact) {

  /**
   * The JSON object served: index, leaf hash (base64), the entry's own fields, and whether the
   * entry still gives its stored hash. An entry that no longer reads (altered in the database) is
   * served as type {@code unreadable}, never as an error.
   */
  public Map<String, Object> toJson() {
    Map<String, Object> fields =
        entry != null ? entry.toJson() : Map.of("type", "unreadable", "time", "");
    return Map.of("index", index, "leafHash", leafHashBase64(), "entry", fields, "intact", intact);
  }

  /** The leaf hash in standard base64, as the API writes hashes. */
  public String leafHashBase64() {
    return Base64.getEncoder().encodeToString(leafHash);
  }
}
