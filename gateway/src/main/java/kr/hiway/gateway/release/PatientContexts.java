package kr.hiway.gateway.release;

import kr.hiway.gateway.account.PatientAccounts;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.gateway.fanout.PatientContext;
import kr.hiway.vocabulary.ErrorCode;
import org.springframework.stereotype.Component;

/**
 * The person behind a gateway patient id, for the fan-out's linkage tokens ({@link
 * PatientAccounts#byPatientId} keeps what it found). Thread-safe.
 */
@Component
public class PatientContexts {

  private final PatientAccounts accounts;

  PatientContexts(PatientAccounts accounts) {
    this.accounts = accounts;
  }

  public PatientContext of(String patientId) {
    return accounts
        .byPatientId(patientId)
        .map(a -> new PatientContext(a.patientId(), a.nationalId()))
        .orElseThrow(() -> new GatewayException(ErrorCode.NOT_FOUND, "No Patient with that id."));
  }
}
