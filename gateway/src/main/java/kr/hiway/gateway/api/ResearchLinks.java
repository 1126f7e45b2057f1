package kr.hiway.gateway.api;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.LinkedHashMap;
import java.util.Map;
import kr.hiway.consent.pseudonym.PseudonymMapping;
import kr.hiway.gateway.release.Page;

/**
 * A research answer names the patient only by the recipient's pseudonym, its {@code self} link too:
 * HAPI writes that link from the request's path and parameters, where the recipient named the
 * patient by the gateway's stable account id, which would otherwise travel with the released data
 * and link it across recipients. (A {@code next} link carries a sealed token only.)
 */
final class ResearchLinks {

  private ResearchLinks() {}

  /**
   * Names the patient {@code patientId} by the pseudonym of {@code page}'s release in the request
   * the self link is written from; nothing for an answer that carries no pseudonym.
   */
  static void pseudonymize(RequestDetails request, String patientId, Page page) {
    PseudonymMapping mapping = page.merged().pseudonym();
    if (mapping == null) {
      return;
    }
    String pseudonym = mapping.pseudonym();
    if (request.getRequestPath() != null) {
      request.setRequestPath(request.getRequestPath().replace(patientId, pseudonym));
    }
    Map<String, String[]> params = new LinkedHashMap<>();
    request
        .getParameters()
        .forEach((name, values) -> {
          String[] replaced = new String[values.length];
          for (int i = 0; i < values.length; i++) {
            replaced[i] = values[i] == null ? null : values[i].replace(patientId, pseudonym);
          }
          params.put(name, replaced);
        });
    request.setParameters(params);
  }
}
