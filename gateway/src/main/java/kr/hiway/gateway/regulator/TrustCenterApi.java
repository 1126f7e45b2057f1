package kr.hiway.gateway.regulator;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kr.hiway.consent.model.PurposeOfUse;
import kr.hiway.consent.pseudonym.PseudonymIndex;
import kr.hiway.consent.pseudonym.PseudonymKeys;
import kr.hiway.consent.store.ConsentStore;
import kr.hiway.gateway.account.PatientAccount;
import kr.hiway.gateway.account.PatientAccounts;
import kr.hiway.gateway.audit.AuditAction;
import kr.hiway.gateway.audit.AuditRecord;
import kr.hiway.gateway.audit.AuditTrail;
import kr.hiway.gateway.audit.AuditUnavailableException;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.gateway.ledger.ConsentLedger;
import kr.hiway.gateway.regulator.ReidentificationRequests.Request;
import kr.hiway.gateway.security.Caller;
import kr.hiway.gateway.security.Callers;
import kr.hiway.vocabulary.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Trusted re-identification, by two trust-center officers: one requests with a stated reason, a
 * second approves, and only then does the first receive the person. The approver never sees who it
 * is, and neither officer alone learns anything. A person with no research consent in force for the
 * domain (withdrawn, expired) is re-identified only on a stated legal basis. The pseudonym index is
 * looked up, never searched. Both steps are audited and entered in the consent ledger in one
 * transaction with their change; every refusal is audited by the refusal trail.
 *
 * <pre>
 * POST /trust-center/reidentifications
 * {"domain": "research-cohort", "pseudonym": "ps-...", "reason": "IRB 2026-11 incidental finding",
 *  "legalBasis": {"code": "court-order", "reference": "Seoul District Court 2026-Ka-123"}}
 * POST /trust-center/reidentifications/{id}/approval      (another officer)
 * GET  /trust-center/reidentifications/{id}               (the requester: the person, once approved)
 * </pre>
 */
@RestController
@RequestMapping("/trust-center/reidentifications")
class TrustCenterApi {

  /** The shortest reason accepted: a reason must say something. */
  static final int MIN_REASON = 10;

  static final int MAX_REASON = 500;
  static final int MAX_REFERENCE = 200;

  private static final Set<PurposeOfUse> RESEARCH =
      EnumSet.of(PurposeOfUse.HRESCH, PurposeOfUse.CLINTRCH);
  private static final List<String> FIELDS = List.of("domain", "pseudonym", "reason", "legalBasis");
  private static final Logger log = LoggerFactory.getLogger(TrustCenterApi.class);

  private final PseudonymIndex index;
  private final PatientAccounts accounts;
  private final ConsentStore consents;
  private final ReidentificationRequests requests;
  private final ConsentLedger ledger;
  private final AuditTrail audit;
  private final Clock clock;
  private final TransactionTemplate tx;

  TrustCenterApi(
      PseudonymIndex index,
      PatientAccounts accounts,
      ConsentStore consents,
      ReidentificationRequests requests,
      ConsentLedger ledger,
      AuditTrail audit,
      Clock clock,
      PlatformTransactionManager transactions) {
    this.index = index;
    this.accounts = accounts;
    this.consents = consents;
    this.requests = requests;
    this.ledger = ledger;
    this.audit = audit;
    this.clock = clock;
    this.tx = new TransactionTemplate(transactions);
  }

  /** A legal basis as stated in a request. */
  private record Basis(LegalBasis code, String reference) {}

  @PostMapping
  ResponseEntity<Map<String, Object>> request(
      @RequestBody Map<String, Object> body, HttpServletRequest http) {
    for (String key : body.keySet()) {
      if (!FIELDS.contains(key)) {
        throw StaffRequests.bad("unknown field " + key);
      }
    }
    String domain = field(body, "domain");
    String pseudonym = field(body, "pseudonym");
    String reason = field(body, "reason");
    Basis basis = basis(body.get("legalBasis"));
    if (!PseudonymKeys.isValidDomain(domain)) {
      throw StaffRequests.bad("domain is not a valid pseudonym domain");
    }
    if (reason.length() < MIN_REASON || reason.length() > MAX_REASON) {
      throw StaffRequests.bad(
          "reason must state why, in " + MIN_REASON + " to " + MAX_REASON + " characters");
    }
    String nationalId =
        index
            .nationalIdOf(domain, pseudonym)
            .orElseThrow(() ->
                new GatewayException(
                    ErrorCode.NOT_FOUND,
                    "No person was released under that pseudonym in that domain."));
    Optional<PatientAccount> account = accounts.byNationalId(nationalId);
    if (basis == null && !researchConsentInForce(account, domain)) {
      throw new GatewayException(
          ErrorCode.REIDENTIFICATION_NO_BASIS,
          "The person has no research consent in force for this domain: a re-identification"
              + " needs a legalBasis (court-order, public-health-emergency or statutory-duty)"
              + " with a reference.");
    }
    Caller caller = Callers.current().orElseThrow();
    String code = basis == null ? null : basis.code().code();
    String reference = basis == null ? null : basis.reference();
    Request made =
        recorded(() -> {
          Request r =
              requests.create(
                  caller.subject(), domain, pseudonym, reason, code, reference, clock.instant());
          audit(
              caller,
              http,
              0,
              account,
              "re-identification requested "
                  + r.id()
                  + ": "
                  + reason
                  + (basis == null ? "" : " (legal basis " + code + ": " + reference + ")"));
          ledger.reidentificationRequested(
              caller.subject(), r.id(), domain, reason, nationalId, code, reference);
          return r;
        });
    Map<String, Object> out = describe(made, "pending");
    return ResponseEntity.status(HttpStatus.CREATED).body(out);
  }

  @PostMapping("/{id}/approval")
  Map<String, Object> approve(@PathVariable String id, HttpServletRequest http) {
    Caller caller = Callers.current().orElseThrow();
    Request request = known(id);
    if (request.requester().equals(caller.subject())) {
      throw new GatewayException(
          ErrorCode.REIDENTIFICATION_OWN_REQUEST,
          "An officer cannot approve their own re-identification request; a second must.");
    }
    if (!request.pending()) {
      throw notPending();
    }
    String nationalId =
        index.nationalIdOf(request.domain(), request.pseudonym()).orElseThrow(() -> notPending());
    Optional<PatientAccount> account = accounts.byNationalId(nationalId);
    recorded(() -> {
      if (!requests.approve(id, caller.subject(), clock.instant())) {
        throw notPending();
      }
      audit(caller, http, 0, account, "re-identification approved " + id + ": " + request.reason());
      ledger.reidentified(
          caller.subject(),
          request.requester(),
          id,
          request.domain(),
          request.reason(),
          nationalId);
      return null;
    });
    return describe(request, "approved");
  }

  @GetMapping("/{id}")
  Map<String, Object> answer(@PathVariable String id, HttpServletRequest http) {
    Caller caller = Callers.current().orElseThrow();
    Request request = known(id);
    if (!request.requester().equals(caller.subject())) {
      throw new GatewayException(
          ErrorCode.REIDENTIFICATION_NOT_YOURS,
          "Only the officer who requested a re-identification receives its answer.");
    }
    if (request.pending()) {
      return describe(request, "pending");
    }
    String nationalId =
        index.nationalIdOf(request.domain(), request.pseudonym()).orElseThrow(() -> notPending());
    Optional<PatientAccount> account = accounts.byNationalId(nationalId);
    recorded(() -> {
      audit(caller, http, 1, account, "re-identified " + id + ": " + request.reason());
      return null;
    });
    Map<String, Object> out = describe(request, "approved");
    out.put("nationalId", nationalId);
    account.ifPresent(a -> out.put("patient", "Patient/" + a.patientId()));
    return out;
  }

  private boolean researchConsentInForce(Optional<PatientAccount> account, String domain) {
    return account
        .map(a ->
            consents.activeFor(a.patientId(), domain, clock.instant()).stream()
                .anyMatch(t -> !Collections.disjoint(t.purposes(), RESEARCH)))
        .orElse(false);
  }

  private Request known(String id) {
    return requests
        .find(id)
        .orElseThrow(() ->
            new GatewayException(
                ErrorCode.REIDENTIFICATION_UNKNOWN_REQUEST, "No re-identification request " + id));
  }

  private static GatewayException notPending() {
    return new GatewayException(
        ErrorCode.REIDENTIFICATION_NOT_PENDING, "The re-identification request is not pending.");
  }

  private void audit(
      Caller caller,
      HttpServletRequest http,
      int released,
      Optional<PatientAccount> account,
      String reason) {
    audit.record(
        AuditRecord.success(
                AuditAction.REIDENTIFY, StaffRequests.clientOf(caller), caller.subject())
            .released(released)
            .reason(reason)
            .patient(account.map(PatientAccount::patientId).orElse(null))
            .query(http.getMethod() + " " + http.getRequestURI())
            .byStaff()
            .build());
  }

  /** Runs a step with its audit event and ledger entry in one transaction, or answers 503. */
  private <T> T recorded(java.util.function.Supplier<T> step) {
    try {
      return tx.execute(status -> step.get());
    } catch (AuditUnavailableException | DataAccessException | TransactionException e) {
      log.error("a re-identification step could not be recorded; nothing is answered", e);
      throw new GatewayException(
          ErrorCode.AUDIT_UNAVAILABLE,
          "The re-identification could not be recorded, so it is not answered; try again later.");
    }
  }

  private static Map<String, Object> describe(Request r, String status) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", r.id());
    out.put("status", status);
    out.put("domain", r.domain());
    out.put("pseudonym", r.pseudonym());
    out.put("requester", r.requester());
    if (r.legalBasis() != null) {
      out.put("legalBasis", r.legalBasis());
    }
    return out;
  }

  private static Basis basis(Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof Map<?, ?> map)
        || !(map.get("code") instanceof String code)
        || !(map.get("reference") instanceof String reference)
        || map.size() != 2) {
      throw StaffRequests.bad("legalBasis must be {\"code\": ..., \"reference\": ...}");
    }
    LegalBasis known =
        LegalBasis.ofCode(code.strip())
            .orElseThrow(() ->
                StaffRequests.bad(
                    "legalBasis.code must be court-order, public-health-emergency or"
                        + " statutory-duty"));
    String ref = reference.strip();
    if (ref.length() < 3 || ref.length() > MAX_REFERENCE) {
      throw StaffRequests.bad(
          "legalBasis.reference must name the order or law, in 3 to "
              + MAX_REFERENCE
              + " characters");
    }
    return new Basis(known, ref);
  }

  private static String field(Map<String, Object> body, String name) {
    if (!(body.get(name) instanceof String s) || s.isBlank()) {
      throw StaffRequests.bad(name + " is required (a string)");
    }
    return s.strip();
  }
}
