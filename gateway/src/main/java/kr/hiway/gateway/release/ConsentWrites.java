package kr.hiway.gateway.release;

import kr.hiway.consent.model.ConsentGrant;
import kr.hiway.consent.model.ConsentTerms;
import kr.hiway.consent.store.ConsentNotFoundException;
import kr.hiway.consent.store.ConsentStore;
import kr.hiway.gateway.audit.AuditRecord;
import kr.hiway.gateway.audit.AuditTrail;
import kr.hiway.gateway.audit.AuditUnavailableException;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.gateway.ledger.ConsentLedger;
import kr.hiway.vocabulary.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consent changes as one transaction each: the audit event, the consent's new version and its
 * ledger entry commit together, or none of them does and the patient gets a 503.
 */
@Component
public class ConsentWrites {

  private static final Logger log = LoggerFactory.getLogger(ConsentWrites.class);

  private final ConsentStore store;
  private final ConsentLedger ledger;
  private final AuditTrail audit;
  private final TransactionTemplate tx;

  ConsentWrites(
      ConsentStore store,
      ConsentLedger ledger,
      AuditTrail audit,
      PlatformTransactionManager transactions) {
    this.store = store;
    this.ledger = ledger;
    this.audit = audit;
    this.tx = new TransactionTemplate(transactions);
  }

  public ConsentTerms create(ConsentGrant grant, AuditRecord event) {
    return inTransaction(() -> {
      audit.record(event);
      ConsentTerms stored = store.create(grant);
      ledger.granted(stored);
      return stored;
    });
  }

  /**
   * Revokes; revoking an inactive consent changes nothing and enters nothing.
   *
   * @throws ConsentNotFoundException if the patient has no consent with that id
   */
  public ConsentTerms revoke(String id, String patientId, AuditRecord event) {
    return inTransaction(() -> {
      audit.record(event);
      // Entered in the ledger under the store's row lock, so that of two revocations at once only
      // the one that finds the consent active enters it.
      return store.revoke(id, patientId, ledger::revoked);
    });
  }

  private <T> T inTransaction(java.util.function.Supplier<T> work) {
    try {
      return tx.execute(status -> work.get());
    } catch (AuditUnavailableException | DataAccessException | TransactionException e) {
      log.error("a consent change could not be recorded; nothing was changed", e);
      throw new GatewayException(
          ErrorCode.AUDIT_UNAVAILABLE, "The change could not be recorded; try again later.");
    }
  }
}
