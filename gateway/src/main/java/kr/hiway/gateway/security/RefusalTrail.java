package kr.hiway.gateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import kr.hiway.gateway.audit.AuditAction;
import kr.hiway.gateway.audit.AuditRecord;
import kr.hiway.gateway.audit.RefusalAudit;
import kr.hiway.gateway.error.Refusals;
import kr.hiway.vocabulary.ErrorCode;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every 400, 401 and 403 of the FHIR, regulator, ledger and trust-center APIs (on the trust center
 * and the cohort-export review, its 404 and 409 too), and of the patient's account API (connected
 * apps), leaves one audit event in the BALP shape: the outcome and its reason, the client and the
 * user that asked (once their token was valid), the token's {@code jti}, the source address, the
 * request, and the patient where one is known: the patient the request named (so that a patient
 * sees, in "who saw my data", who tried to read their records), else the token's. A refusal already
 * audited where it was decided ({@link Refusals#audited}) is not recorded twice. Recording never
 * delays or changes the answer ({@link RefusalAudit}).
 *
 * <p>It runs outside Spring Security, so it sees the refusals of the security filters as well as
 * those of the APIs; the caller is what {@link #capture} kept on the request once the token was
 * checked.
 */
final class RefusalTrail extends OncePerRequestFilter {

  private static final String TOKEN = RefusalTrail.class.getName() + ".token";
  private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
  private static final int MAX_QUERY = 1_000;

  private final RefusalAudit audit;

  RefusalTrail(RefusalAudit audit) {
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  /**
   * A filter for the security chains, right after the bearer token was checked: keeps the
   * authenticated token on the request, where this trail finds it once the answer is written.
   */
  static OncePerRequestFilter capture() {
    return new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(
          HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth instanceof JwtAuthenticationToken token) {
          request.setAttribute(TOKEN, token);
        }
        chain.doFilter(request, response);
      }
    };
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } finally {
      int status = response.getStatus();
      if (refused(request, status) && request.getAttribute(Refusals.AUDITED) == null) {
        audit.refused(record(request, status));
      }
    }
  }

  /**
   * Whether the answer is a refusal to audit: every 400, 401 and 403, and on the trust center and
   * the export review, where every attempt counts, their 404s and 409s too (an unknown pseudonym or
   * request, a request approved already).
   */
  private static boolean refused(HttpServletRequest request, int status) {
    if (status == 400 || status == 401 || status == 403) {
      return true;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return (status == 404 || status == 409)
        && (path.startsWith("/trust-center") || path.startsWith("/export-review"));
  }

  private static AuditRecord record(HttpServletRequest request, int status) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    boolean staffApi =
        path.startsWith("/regulator")
            || path.startsWith("/ledger")
            || path.startsWith("/trust-center")
            || path.startsWith("/export-review");
    JwtAuthenticationToken token =
        request.getAttribute(TOKEN) instanceof JwtAuthenticationToken t ? t : null;
    Caller caller = token == null ? null : Callers.of(token.getToken());
    String client = caller == null || caller.clientId().isEmpty() ? "unknown" : caller.clientId();
    String subject = caller == null || caller.subject().isEmpty() ? "anonymous" : caller.subject();
    AuditRecord.Builder event =
        AuditRecord.refusal(action(request.getMethod(), path, request), client, subject)
            .patient(patient(request, path, caller))
            .reason(reason(request, status))
            .query(query(request))
            .token(token == null ? null : token.getToken().getId())
            .from(request.getRemoteAddr());
    if (staffApi && caller != null && !subject.equals(client)) {
      event.byStaff();
    }
    if (caller != null) {
      caller.purposeOfUse().ifPresent(event::purpose);
    }
    return event.build();
  }

  /** What was asked, in the audit's terms, from the method and path. */
  static AuditAction action(String method, String path, HttpServletRequest request) {
    if (path.startsWith("/trust-center")) {
      return AuditAction.REIDENTIFY;
    }
    if (path.startsWith("/export-review")) {
      return AuditAction.OPERATION;
    }
    if (path.startsWith("/ledger")) {
      return "POST".equals(method) && path.startsWith("/ledger/checkpoint")
          ? AuditAction.CHECKPOINT
          : AuditAction.LEDGER_READ;
    }
    if (path.startsWith("/regulator")) {
      if (path.contains("compliance")) {
        return AuditAction.COMPLIANCE;
      }
      if (path.contains("stat")) {
        return AuditAction.REGULATOR_STATS;
      }
      if (path.contains("export")) {
        return AuditAction.REGULATOR_EXPORT;
      }
      return AuditAction.REGULATOR_SEARCH;
    }
    if ("POST".equals(method) && !path.contains("$")) {
      return AuditAction.CREATE;
    }
    if ("PUT".equals(method) || "PATCH".equals(method) || "DELETE".equals(method)) {
      return AuditAction.UPDATE;
    }
    if (request.getParameter("_getpages") != null) {
      return AuditAction.PAGE;
    }
    if (path.contains("$")) {
      return AuditAction.OPERATION;
    }
    List<String> parts = List.of(path.split("/"));
    // "", "fhir", Type[, id]
    return parts.size() >= 4 ? AuditAction.READ : AuditAction.SEARCH_TYPE;
  }

  /**
   * The patient the refused request concerned: the one it named (a Patient id in the path, or a
   * {@code patient} or {@code subject} parameter), else the token's, else none.
   */
  static String patient(HttpServletRequest request, String path, Caller caller) {
    String named = null;
    if (path.startsWith("/fhir/Patient/")) {
      String rest = path.substring("/fhir/Patient/".length());
      int slash = rest.indexOf('/');
      named = slash < 0 ? rest : rest.substring(0, slash);
    }
    if (named == null || named.isEmpty()) {
      named = request.getParameter("patient");
    }
    if (named == null && path.startsWith("/fhir")) {
      named = request.getParameter("subject");
    }
    if (named != null) {
      named = named.startsWith("Patient/") ? named.substring("Patient/".length()) : named;
      if (FHIR_ID.matcher(named).matches()) {
        return named;
      }
    }
    return caller == null ? null : caller.patientId().orElse(null);
  }

  private static String reason(HttpServletRequest request, int status) {
    Object code = request.getAttribute(Refusals.CODE);
    Object message = request.getAttribute(Refusals.MESSAGE);
    if (code instanceof ErrorCode error) {
      return "refused: " + error.code() + (message == null ? "" : " " + message);
    }
    return "refused: HTTP " + status;
  }

  private static String query(HttpServletRequest request) {
    String q = request.getQueryString();
    String all = request.getMethod() + " " + request.getRequestURI() + (q == null ? "" : "?" + q);
    return all.length() <= MAX_QUERY ? all : all.substring(0, MAX_QUERY);
  }
}
