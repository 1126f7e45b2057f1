package kr.hiway.gateway.regulator;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The trust center's pending and approved re-identification requests, in {@code
 * reidentification_request}. Joins the caller's transaction. Thread-safe.
 */
@Repository
class ReidentificationRequests {

  /**
   * A request.
   *
   * @param legalBasis the basis's code, or null
   * @param legalReference the basis's reference, or null
   * @param approver who approved it, or null while it is pending
   */
  record Request(
      String id,
      String requester,
      String domain,
      String pseudonym,
      String reason,
      String legalBasis,
      String legalReference,
      String approver) {

    boolean pending() {
      return approver == null;
    }
  }

  private final JdbcClient jdbc;
  private final SecureRandom random = new SecureRandom();

  ReidentificationRequests(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores a new pending request; returns it with its id, random and unguessable. */
  Request create(
      String requester,
      String domain,
      String pseudonym,
      String reason,
      String legalBasis,
      String legalReference,
      Instant at) {
    byte[] raw = new byte[16];
    random.nextBytes(raw);
    String id = "rq-" + HexFormat.of().formatHex(raw);
    jdbc.sql(
            "INSERT INTO reidentification_request (id, requester, domain, pseudonym, reason,"
                + " legal_basis, legal_reference, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            id,
            requester,
            domain,
            pseudonym,
            reason,
            legalBasis,
            legalReference,
            Timestamp.from(at))
        .update();
    return new Request(id, requester, domain, pseudonym, reason, legalBasis, legalReference, null);
  }

  Optional<Request> find(String id) {
    return jdbc.sql(
            "SELECT id, requester, domain, pseudonym, reason, legal_basis, legal_reference,"
                + " approver FROM reidentification_request WHERE id = ?")
        .param(id)
        .query((rs, n) ->
            new Request(
                rs.getString("id"),
                rs.getString("requester"),
                rs.getString("domain"),
                rs.getString("pseudonym"),
                rs.getString("reason"),
                rs.getString("legal_basis"),
                rs.getString("legal_reference"),
                rs.getString("approver")))
        .optional();
  }

  /**
   * Marks a pending request approved by {@code approver}, who is not its requester; whether this
   * call did (false if another approval came first or the approver is the requester).
   */
  boolean approve(String id, String approver, Instant at) {
    return jdbc.sql(
                "UPDATE reidentification_request SET approver = ?, approved_at = ?"
                    + " WHERE id = ? AND approver IS NULL AND requester <> ?")
            .params(approver, Timestamp.from(at), id, approver)
            .update()
        == 1;
  }
}
