package kr.hiway.gateway.export;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import kr.hiway.gateway.error.FhirErrorResponses;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.gateway.security.Caller;
import kr.hiway.gateway.security.Callers;
import kr.hiway.vocabulary.ErrorCode;

/**
 * The FHIR Bulk Data Access endpoints of the cohort export (docs/export.md), beside HAPI's servlet
 * under {@code /fhir}: the kick-off {@code Group/{id}/$export}, the status URL {@code
 * bulk-status/{job}} (poll, delete) and the files {@code bulk-files/{job}/{name}.ndjson}. The
 * security chain of {@code /fhir} has checked the token; every error is an OperationOutcome.
 */
class BulkExportServlet extends HttpServlet {

  static final String STATUS = "/bulk-status/";
  static final String FILES = "/bulk-files/";

  private final transient ExportApi api;
  private final transient FhirErrorResponses errors;

  BulkExportServlet(ExportApi api, FhirContext fhir) {
    this.api = api;
    this.errors = new FhirErrorResponses(fhir);
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setHeader("Cache-Control", "no-store");
    try {
      route(request, response);
    } catch (GatewayException e) {
      String retry =
          e.getResponseHeaders().getOrDefault("Retry-After", java.util.List.of()).stream()
              .findFirst()
              .orElse(null);
      if (retry != null) {
        response.setHeader("Retry-After", retry);
      }
      errors.write(response, e.error(), e.getMessage());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private void route(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String rest = path.substring("/fhir".length());
    String method = request.getMethod();
    Caller caller =
        Callers.current()
            .orElseThrow(() ->
                new GatewayException(ErrorCode.NOT_AUTHENTICATED, "An access token is required."));
    if (rest.startsWith("/Group/") && rest.endsWith("/$export")) {
      requireMethod(method, "GET", "POST");
      String group = rest.substring("/Group/".length(), rest.length() - "/$export".length());
      api.kickOff(caller, group, request, response);
    } else if (rest.startsWith(STATUS) && rest.indexOf('/', STATUS.length()) < 0) {
      String job = rest.substring(STATUS.length());
      if (method.equals("DELETE")) {
        api.delete(caller, job, response);
      } else {
        requireMethod(method, "GET");
        api.status(caller, job, response);
      }
    } else if (rest.startsWith(FILES) && rest.endsWith(".ndjson")) {
      requireMethod(method, "GET");
      String[] parts =
          rest.substring(FILES.length(), rest.length() - ".ndjson".length()).split("/");
      if (parts.length != 2) {
        throw notFound();
      }
      api.file(caller, parts[0], parts[1], response);
    } else {
      throw notFound();
    }
  }

  static GatewayException notFound() {
    return new GatewayException(ErrorCode.EXPORT_NOT_FOUND, "No such export or export file.");
  }

  private static void requireMethod(String method, String... allowed) {
    for (String a : allowed) {
      if (a.equals(method)) {
        return;
      }
    }
    throw new GatewayException(ErrorCode.METHOD_NOT_ALLOWED, method + " is not allowed here.");
  }

  static void write(HttpServletResponse response, String contentType, String body)
      throws IOException {
    response.setContentType(contentType);
    try (OutputStream out = response.getOutputStream()) {
      out.write(body.getBytes(StandardCharsets.UTF_8));
    }
  }
}
