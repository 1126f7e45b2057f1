package kr.hiway.gateway.ledger;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Enters in the ledger the expiry of every active consent whose validity has ended, once: the
 * marker row and the entry commit together, and a second gateway instance doing the same conflicts
 * on the marker and rolls back. Runs on a schedule; an expired consent already covers nothing, so
 * the entry only records the fact.
 */
@Component
public class ConsentExpiry implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(ConsentExpiry.class);

  private final JdbcClient jdbc;
  private final ConsentLedger ledger;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final LedgerProperties props;

  ConsentExpiry(
      JdbcClient jdbc,
      ConsentLedger ledger,
      PlatformTransactionManager transactions,
      Clock clock,
      ScheduledExecutorService ledgerScheduler,
      LedgerProperties props) {
    this.jdbc = jdbc;
    this.ledger = ledger;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock;
    this.scheduler = ledgerScheduler;
    this.props = props;
  }

  @Override
  public void run(ApplicationArguments args) {
    long every = props.expiryInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  /** Enters every expiry not entered yet; returns how many it entered. */
  public int sweep() {
    Instant now = clock.instant();
    List<Expired> due =
        jdbc.sql(
                "SELECT c.id, v.patient_id, v.valid_to FROM consent c JOIN consent_version v"
                    + " ON v.id = c.id AND v.version = c.current_version"
                    + " WHERE v.status = 'active' AND v.valid_to <= ?"
                    + " AND NOT EXISTS (SELECT 1 FROM consent_expiry_recorded r"
                    + " WHERE r.consent_id = c.id) ORDER BY v.valid_to LIMIT 500")
            .param(Timestamp.from(now))
            .query((rs, n) ->
                new Expired(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
            .list();
    int entered = 0;
    for (Expired e : due) {
      try {
        boolean done =
            Boolean.TRUE.equals(
                tx.execute(status -> {
                  // The consent's row lock, as a revocation takes it: a consent revoked meanwhile
                  // is not also entered as expired.
                  jdbc.sql("SELECT current_version FROM consent WHERE id = ? FOR UPDATE")
                      .param(e.consentId())
                      .query(Long.class)
                      .optional();
                  boolean stillActive =
                      jdbc.sql(
                                  "SELECT count(*) FROM consent c JOIN consent_version v"
                                      + " ON v.id = c.id AND v.version = c.current_version"
                                      + " WHERE c.id = ? AND v.status = 'active'")
                              .param(e.consentId())
                              .query(Long.class)
                              .single()
                          > 0;
                  if (!stillActive) {
                    return false;
                  }
                  jdbc.sql(
                          "INSERT INTO consent_expiry_recorded (consent_id, recorded_at)"
                              + " VALUES (?, ?)")
                      .params(e.consentId(), Timestamp.from(now))
                      .update();
                  ledger.expired(e.consentId(), e.patientId(), e.at());
                  return true;
                }));
        if (done) {
          entered++;
        }
      } catch (DataAccessException ex) {
        // Most likely another instance entered it first; if not, the next sweep tries again.
        log.debug("expiry of consent {} not entered now", e.consentId(), ex);
      }
    }
    return entered;
  }

  private void sweepQuietly() {
    try {
      sweep();
    } catch (RuntimeException e) {
      log.error("consent expiries could not be entered", e);
    }
  }

  private record Expired(String consentId, String patientId, Instant at) {}
}
