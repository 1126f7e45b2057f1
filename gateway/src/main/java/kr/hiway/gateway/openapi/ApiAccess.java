package kr.hiway.gateway.openapi;

import java.util.List;
import java.util.Optional;
import kr.hiway.gateway.account.StaffRole;

/**
 * Who may call a path of the non-FHIR APIs, as the security filter chains decide it ({@code
 * security/StaffSecurityConfiguration} and the account chain of {@code FhirSecurityConfiguration}),
 * and the tag the path is listed under. The first matching rule wins, as in those chains. {@code
 * OpenApiDocumentTest} calls every described operation with and without tokens, so a rule here that
 * drifts from the chains fails the build.
 *
 * @param method the HTTP method the rule is limited to, or null for any
 * @param path the path, or the prefix when it ends with {@code /}
 * @param scheme the security scheme the caller needs, or null for a public operation
 * @param scopes the scopes (staff roles) a token of that scheme needs
 * @param tag the group the operation is listed under
 */
record ApiAccess(String method, String path, String scheme, List<String> scopes, String tag) {

  static final String STAFF = "staff";
  static final String PATIENT = "patient";

  static final String LEDGER = "Consent ledger";
  static final String PKI = "Gateway CA";

  private static final List<ApiAccess> RULES =
      List.of(
          // Public, as a transparency log's checkpoint and key and a CA's certificate and CRL are.
          open("GET", "/ledger/checkpoint", LEDGER),
          open("GET", "/ledger/key", LEDGER),
          open("GET", "/pki/ca.pem", PKI),
          open("GET", "/pki/crl", PKI),
          staff("/admin/", StaffRole.OPERATOR, "Operator: hospitals and their certificates"),
          staff("/ledger/", StaffRole.REGULATOR, LEDGER),
          staff("/regulator/", StaffRole.REGULATOR, "Regulator"),
          staff("/trust-center/", StaffRole.TRUST_CENTER, "Trust center"),
          staff("/export-review/", StaffRole.TRUST_CENTER, "Cohort export review"),
          new ApiAccess(null, "/api/account/", PATIENT, List.of(), "Patient account"));

  /** The rule for a request, or empty when no chain of the APIs covers the path. */
  static Optional<ApiAccess> of(String method, String path) {
    return RULES.stream().filter(rule -> rule.matches(method, path)).findFirst();
  }

  boolean isPublic() {
    return scheme == null;
  }

  private boolean matches(String requestMethod, String requestPath) {
    boolean methodMatches = method == null || method.equalsIgnoreCase(requestMethod);
    boolean pathMatches =
        path.endsWith("/")
            ? requestPath.startsWith(path)
                || requestPath.equals(path.substring(0, path.length() - 1))
            : requestPath.equals(path);
    return methodMatches && pathMatches;
  }

  private static ApiAccess open(String method, String path, String tag) {
    return new ApiAccess(method, path, null, List.of(), tag);
  }

  private static ApiAccess staff(String prefix, StaffRole role, String tag) {
    return new ApiAccess(null, prefix, STAFF, List.of(role.code()), tag);
  }
}
