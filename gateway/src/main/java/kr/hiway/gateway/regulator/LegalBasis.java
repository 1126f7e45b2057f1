package kr.hiway.gateway.regulator;

import java.util.Arrays;
import java.util.Optional;

/**
 * What may stand in for a research consent the person withdrew (or never gave) when the trust
 * center re-identifies them: a fixed list, so that the ledger says which law was invoked.
 */
enum LegalBasis {
  /** A court ordered the disclosure. */
  COURT_ORDER("court-order"),
  /** An infectious-disease or other public-health emergency under the law that declares it. */
  PUBLIC_HEALTH_EMERGENCY("public-health-emergency"),
  /** Another statute obliges the disclosure. */
  STATUTORY_DUTY("statutory-duty");

  private final String code;

  LegalBasis(String code) {
    this.code = code;
  }

  String code() {
    return code;
  }

  static Optional<LegalBasis> ofCode(String code) {
    return Arrays.stream(values()).filter(b -> b.code.equals(code)).findFirst();
  }
}
