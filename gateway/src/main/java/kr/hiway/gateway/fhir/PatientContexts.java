package kr.hiway.gateway.fhir;

import java.util.concurrent.ConcurrentHashMap;
import kr.hiway.gateway.account.PatientAccounts;
import kr.hiway.gateway.fanout.PatientContext;
import org.springframework.stereotype.Component;

/**
 * The person behind a gateway patient id, for the fan-out's linkage tokens. An account's binding to
 * its person never changes (accounts are neither updated nor deleted), so what was found is kept:
 * every record request needs it, and a database round trip per request was a twentieth of a Patient
 * read. Unknown ids are not kept. If accounts ever become deletable or re-bindable, this must be
 * told. Thread-safe.
 */
@Component
class PatientContexts {

  private static final int MAX_ENTRIES = 100_000;

  private final PatientAccounts accounts;
  private final ConcurrentHashMap<String, PatientContext> known = new ConcurrentHashMap<>();

  PatientContexts(PatientAccounts accounts) {
    this.accounts = accounts;
  }

  PatientContext of(String patientId) {
    PatientContext context = known.get(patientId);
    if (context != null) {
      return context;
    }
    context = load(patientId);
    if (known.size() >= MAX_ENTRIES) {
      known.clear(); // bounded; the busy part refills at once
    }
    known.put(patientId, context);
    return context;
  }

  private PatientContext load(String patientId) {
    return accounts
        .byPatientId(patientId)
        .map(a -> new PatientContext(a.patientId(), a.nationalId()))
        .orElseThrow(
            () -> new GatewayException(GatewayError.NOT_FOUND, "No Patient with that id."));
  }
}
