package kr.hiway.gateway.transaction;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs something once the current transaction has committed (never if it rolls back), or at once
 * when there is no transaction: for caches and counters that must not see a change before others
 * can read it, nor keep one that was rolled back.
 */
public final class AfterCommit {

  private AfterCommit() {}

  public static void run(Runnable action) {
    run(action, () -> {});
  }

  /**
   * As {@link #run(Runnable)}, and runs {@code rolledBack} instead if the current transaction does
   * not commit: to release what was taken for {@code action}.
   */
  public static void run(Runnable action, Runnable rolledBack) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
              (status == STATUS_COMMITTED ? action : rolledBack).run();
            }
          });
    } else {
      action.run();
    }
  }
}
