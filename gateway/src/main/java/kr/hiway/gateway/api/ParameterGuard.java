package kr.hiway.gateway.api;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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

  /**
   * Every parameter some request takes; anything else is refused before HAPI looks for a method.
   */
  private static final Set<String> ANY =
      Stream.of(ALWAYS, SEARCH, EVERYTHING, PAGE, CONSENT_SEARCH, AUDIT_SEARCH)
          .flatMap(Set::stream)
          .collect(Collectors.toUnmodifiableSet());

  /**
   * Parameters no request takes ({@code _include}, a chain, a modifier, an unknown name) are
   * refused as not supported (HIW-G005) before HAPI matches the request to a method: it would
   * otherwise find none and answer with its own text and the code of a malformed request. The
   * CapabilityStatement ({@code metadata}) is left to HAPI, which knows its own parameters ({@code
   * mode}).
   */
  @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
  public boolean known(HttpServletRequest request, HttpServletResponse response) {
    String path = request.getPathInfo();
    if (path != null && path.equals("/metadata")) {
      return true;
    }
    for (Map.Entry<String, String[]> p : request.getParameterMap().entrySet()) {
      if (!ANY.contains(p.getKey())) {
        throw new GatewayException(
            ErrorCode.UNSUPPORTED_PARAMETER, "Parameter not supported here: " + p.getKey());
      }
      repeated(p.getKey(), p.getValue());
    }
    return true;
  }

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
      repeated(name, p.getValue());
    }
  }

  private static void repeated(String name, String[] values) {
    if (values.length > 1 && !name.equals("date") && !name.equals("_lastUpdated")) {
      // Repeating a parameter means AND; for patient that is a second patient, for the rest
      // nothing a hospital would answer consistently.
      throw new GatewayException(
          ErrorCode.UNSUPPORTED_PARAMETER, "Parameter given more than once: " + name);
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
