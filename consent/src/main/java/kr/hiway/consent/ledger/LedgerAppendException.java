package kr.hiway.consent.ledger;

/**
 * An append was not acknowledged: its transaction failed (the entry is not in the log) or the
 * caller was interrupted while waiting (the entry may or may not be in the log).
 */
public final class LedgerAppendException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public LedgerAppendException(String message, Throwable cause) {
    super(message, cause);
  }
}
