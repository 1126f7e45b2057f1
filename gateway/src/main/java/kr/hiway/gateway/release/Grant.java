package kr.hiway.gateway.release;

import java.util.List;
import kr.hiway.consent.decision.CoveredScope;
import kr.hiway.consent.decision.PreparedRequest;
import kr.hiway.consent.model.PurposeOfUse;

/** On what ground a request may see a patient's records. */
public sealed interface Grant {

  String patientId();

  /** A patient reading their own records. */
  record Own(String patientId) implements Grant {}

  /**
   * A third party within the patient's active consents: only covered hospitals are asked, and every
   * record is decided on its own.
   */
  record Consented(
      String patientId,
      String recipient,
      PurposeOfUse purpose,
      PreparedRequest decisions,
      CoveredScope coverage)
      implements Grant {

    List<String> consentIds() {
      return coverage.consentIds();
    }
  }
}
