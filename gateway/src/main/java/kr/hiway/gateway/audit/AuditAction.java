package kr.hiway.gateway.audit;

import java.util.Optional;

/**
 * What was asked, as the audit names it. The codes are stored with each event and are its BALP
 * subtype: they never change.
 */
public enum AuditAction {
  /** A read of one resource by id. */
  READ("read"),
  /** A search of one record type. */
  SEARCH_TYPE("search-type"),
  /** {@code $everything}. */
  OPERATION("operation"),
  /** A later page of a search or {@code $everything}, refused before anything was read. */
  PAGE("page"),
  /** A consent granted. */
  CREATE("create"),
  /** A consent revoked. */
  UPDATE("update"),
  /** The trust center's re-identification of a pseudonym. */
  REIDENTIFY("reidentify"),
  /** A regulator's checkpoint on demand. */
  CHECKPOINT("checkpoint"),
  /** A regulator's read of ledger entries or proofs. */
  LEDGER_READ("ledger-read"),
  /** A regulator's search of ledger events. */
  REGULATOR_SEARCH("regulator-search"),
  /** A regulator's counts of ledger events. */
  REGULATOR_STATS("regulator-stats"),
  /** A regulator's compliance check. */
  COMPLIANCE("compliance"),
  /** A regulator's export of ledger events. */
  REGULATOR_EXPORT("regulator-export");

  private final String code;

  AuditAction(String code) {
    this.code = code;
  }

  /** The stored code. */
  public String code() {
    return code;
  }

  /** The action stored as {@code code}, if any. */
  public static Optional<AuditAction> ofCode(String code) {
    for (AuditAction a : values()) {
      if (a.code.equals(code)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
