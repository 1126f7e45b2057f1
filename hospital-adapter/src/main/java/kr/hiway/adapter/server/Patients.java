package kr.hiway.adapter.server;

import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.util.List;
import kr.hiway.vocabulary.ErrorCode;

/** The one patient a record search is about. */
final class Patients {

  private Patients() {}

  /**
   * The local patient id named by a {@code patient} parameter. Chains and lists are refused: the
   * adapter answers for exactly one patient at a time, the one the gateway resolved by linkage.
   */
  static String idOf(ReferenceOrListParam patients) {
    List<ReferenceParam> values = patients.getValuesAsQueryTokens();
    if (values.size() != 1) {
      throw new AdapterException(
          ErrorCode.ADAPTER_UNSUPPORTED_SEARCH, "patient: exactly one patient id is required");
    }
    ReferenceParam patient = values.get(0);
    if (patient.getChain() != null && !patient.getChain().isEmpty()) {
      throw new AdapterException(
          ErrorCode.ADAPTER_UNSUPPORTED_SEARCH, "patient: chained parameters are not supported");
    }
    String type = patient.getResourceType();
    if (type != null && !type.equals("Patient")) {
      throw new AdapterException(
          ErrorCode.ADAPTER_INVALID_PARAMETER, "patient: the reference must be to a Patient");
    }
    String id = patient.getIdPart();
    if (id == null || id.isEmpty() || id.indexOf(',') >= 0) {
      throw new AdapterException(
          ErrorCode.ADAPTER_UNSUPPORTED_SEARCH, "patient: exactly one patient id is required");
    }
    return id;
  }
}
