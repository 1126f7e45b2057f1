package kr.hiway.gateway.api;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Map;
import java.util.Set;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.vocabulary.ErrorCode;

/**
 * Refuses every request parameter the gateway does not handle itself. HAPI would quietly ignore
 * some ({@code _include}, {@code _revinclude}, {@code _has}, {@code _summary}, {@code _total},
 * {@code _elements}); a gateway that ignores them either leaks (an included resource of someone
 * else, a count of withheld records) or answers something other than what was asked. So the list is
 * of what is allowed, per kind of request, and everything else is a 400.
 */
final class ParameterGuard {

  private static final Set<String> ALWAYS = Set.of("_format", "_pretty");
  private static final Set<String> SEARCH =
      Set.of("patient", "date", "category", "code", "_lastUpdated", "_source", "_count");
  private static final Set<String> EVERYTHING = Set.of("_type", "_since", "_count");
  private static final Set<String> PAGE =
      Set.of("_getpages", "_pageId", "_getpagesoffset", "_count", "_bundletype");

  private static final Set<String> CONSENT_SEARCH = Set.of("patient", "status", "_count");
  private static final Set<String> AUDIT_SEARCH = Set.of("patient", "_count");

  @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
  public void check(RequestDetails request, RestOperationTypeEnum operation) {
    String type = request.getResourceName();
    Set<String> allowed =
        switch (operation) {
          case SEARCH_TYPE ->
              "Consent".equals(type)
                  ? CONSENT_SEARCH
                  : "AuditEvent".equals(type) ? AUDIT_SEARCH : SEARCH;
          case EXTENDED_OPERATION_INSTANCE -> EVERYTHING;
          case GET_PAGE -> PAGE;
          default -> Set.of();
        };
    for (Map.Entry<String, String[]> p : request.getParameters().entrySet()) {
      String name = p.getKey();
      if (!ALWAYS.contains(name) && !allowed.contains(name)) {
        throw new GatewayException(
            ErrorCode.UNSUPPORTED_PARAMETER, "Parameter not supported here: " + name);
      }
      if (name.equals("_count")) {
        count(p.getValue()[0]);
      }
      if (p.getValue().length > 1 && !name.equals("date") && !name.equals("_lastUpdated")) {
        // Repeating a parameter means AND; for patient that is a second patient, for the rest
        // nothing a hospital would answer consistently.
        throw new GatewayException(
            ErrorCode.UNSUPPORTED_PARAMETER, "Parameter given more than once: " + name);
      }
    }
  }

  /**
   * {@code _count} must be a whole number. 0 (a count without the records) is refused: the gateway
   * cannot count what it has not asked every hospital for, and answers no total it did not count.
   */
  private static void count(String value) {
    if (value == null || !value.matches("[0-9]{1,9}")) {
      throw new GatewayException(
          ErrorCode.INVALID_PARAMETER, "_count must be a whole number from 1, not: " + value);
    }
    if (Integer.parseInt(value) == 0) {
      throw new GatewayException(
          ErrorCode.UNSUPPORTED_PARAMETER,
          "_count=0 (a count without the records) is not supported: ask for records and page.");
    }
  }
}
