package kr.hiway.gateway.regulator;

import java.util.Base64;
import java.util.Map;
import kr.hiway.consent.ledger.LedgerEntry;

/**
 * One entry of the ledger as regulators read it.
 *
 * @param index the entry's index in the log
 * @param leafHash the RFC 6962 leaf hash
 * @param entry the decoded entry
 */
public record LedgerEvent(long index, byte[] leafHash, LedgerEntry entry) {

  /** The JSON object served: index, leaf hash (base64) and the entry's own fields. */
  public Map<String, Object> toJson() {
    return Map.of("index", index, "leafHash", leafHashBase64(), "entry", entry.toJson());
  }

  /** The leaf hash in standard base64, as the API writes hashes. */
  public String leafHashBase64() {
    return Base64.getEncoder().encodeToString(leafHash);
  }
}
