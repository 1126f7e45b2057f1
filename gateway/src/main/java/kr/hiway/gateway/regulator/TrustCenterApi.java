package kr.hiway.gateway.regulator;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.hiway.consent.pseudonym.PseudonymIndex;
import kr.hiway.consent.pseudonym.PseudonymKeys;
import kr.hiway.gateway.account.PatientAccount;
import kr.hiway.gateway.account.PatientAccounts;
import kr.hiway.gateway.audit.AuditAction;
import kr.hiway.gateway.audit.AuditRecord;
import kr.hiway.gateway.audit.AuditTrail;
import kr.hiway.gateway.audit.AuditUnavailableException;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.gateway.ledger.ConsentLedger;
import kr.hiway.gateway.security.Caller;
import kr.hiway.gateway.security.Callers;
import kr.hiway.vocabulary.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Trusted re-identification: the trust center, and no one else, maps a pseudonym of a domain back
 * to the person, with a stated reason. The pseudonym index is looked up, never searched: only a
 * person actually released to that domain can be found. Every attempt is audited, and a successful
 * one is entered in the consent ledger in the same transaction, before the answer is given.
 *
 * <pre>
 * POST /trust-center/reidentify
 * {"domain": "research-cohort", "pseudonym": "ps-...", "reason": "IRB 2026-11 incidental finding"}
 * </pre>
 */
@RestController
@RequestMapping("/trust-center")
class TrustCenterApi {

  /** The shortest reason accepted: a reason must say something. */
  static final int MIN_REASON = 10;

  static final int MAX_REASON = 500;

  private static final Logger log = LoggerFactory.getLogger(TrustCenterApi.class);

  private final PseudonymIndex index;
  private final PatientAccounts accounts;
  private final ConsentLedger ledger;
  private final AuditTrail audit;
  private final TransactionTemplate tx;

  TrustCenterApi(
      PseudonymIndex index,
      PatientAccounts accounts,
      ConsentLedger ledger,
      AuditTrail audit,
      PlatformTransactionManager transactions) {
    this.index = index;
    this.accounts = accounts;
    this.ledger = ledger;
    this.audit = audit;
    this.tx = new TransactionTemplate(transactions);
  }

  @PostMapping("/reidentify")
  Map<String, Object> reidentify(
      @RequestBody Map<String, Object> body, HttpServletRequest request) {
    String domain = field(body, "domain");
    String pseudonym = field(body, "pseudonym");
    String reason = field(body, "reason");
    for (String key : body.keySet()) {
      if (!List.of("domain", "pseudonym", "reason").contains(key)) {
        throw StaffRequests.bad("unknown field " + key);
      }
    }
    if (!PseudonymKeys.isValidDomain(domain)) {
      throw StaffRequests.bad("domain is not a valid pseudonym domain");
    }
    if (reason.length() < MIN_REASON || reason.length() > MAX_REASON) {
      throw StaffRequests.bad(
          "reason must state why, in " + MIN_REASON + " to " + MAX_REASON + " characters");
    }
    Caller caller = Callers.current().orElseThrow();
    String actor = caller.subject();
    String client = StaffRequests.clientOf(caller);
    String query = request.getRequestURI() + " domain=" + domain + " pseudonym=" + pseudonym;
    Optional<String> nationalId = index.nationalIdOf(domain, pseudonym);
    Optional<PatientAccount> account = nationalId.flatMap(accounts::byNationalId);
    try {
      tx.executeWithoutResult(status -> {
        AuditRecord.Builder event =
            nationalId.isPresent()
                ? AuditRecord.success(AuditAction.REIDENTIFY, client, actor)
                    .released(1)
                    .reason("re-identified: " + reason)
                : AuditRecord.refusal(AuditAction.REIDENTIFY, client, actor)
                    .reason("no such pseudonym: " + reason);
        audit.record(
            event
                .patient(account.map(PatientAccount::patientId).orElse(null))
                .query(query)
                .byStaff()
                .build());
        nationalId.ifPresent(id -> ledger.reidentified(actor, domain, reason, id));
      });
    } catch (AuditUnavailableException | DataAccessException | TransactionException e) {
      log.error("a re-identification could not be recorded; nothing is answered", e);
      throw new GatewayException(
          ErrorCode.AUDIT_UNAVAILABLE,
          "The re-identification could not be recorded, so it is not answered; try again later.");
    }
    if (nationalId.isEmpty()) {
      throw new GatewayException(
          ErrorCode.NOT_FOUND, "No person was released under that pseudonym in that domain.");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("domain", domain);
    out.put("pseudonym", pseudonym);
    out.put("nationalId", nationalId.get());
    account.ifPresent(a -> out.put("patient", "Patient/" + a.patientId()));
    return out;
  }

  private static String field(Map<String, Object> body, String name) {
    if (!(body.get(name) instanceof String s) || s.isBlank()) {
      throw StaffRequests.bad(name + " is required (a string)");
    }
    return s.strip();
  }
}
