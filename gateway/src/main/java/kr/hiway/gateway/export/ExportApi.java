package kr.hiway.gateway.export;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.hiway.consent.model.PurposeOfUse;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.gateway.security.Caller;
import kr.hiway.gateway.security.SecurityProperties;
import kr.hiway.gateway.security.SmartScopes.Level;
import kr.hiway.gateway.security.SmartScopes.Permission;
import kr.hiway.vocabulary.ErrorCode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What each Bulk Data request does, once routed ({@link BulkExportServlet}): who may, and the
 * answer the IG prescribes. A research recipient's Group is its cohort, with the recipient's client
 * id as its id; a job is seen only by the recipient that started it (404 to anyone else, as if it
 * did not exist). Thread-safe.
 */
class ExportApi {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  static final String RISK_FILE = "risk-report";

  private final CohortExport exports;
  private final ExportJobs jobs;
  private final ExportProperties props;
  private final String fhirBase;
  private final FhirContext fhir;

  ExportApi(
      CohortExport exports,
      ExportJobs jobs,
      ExportProperties props,
      SecurityProperties security,
      FhirContext fhir) {
    this.exports = exports;
    this.jobs = jobs;
    this.props = props;
    this.fhirBase = security.fhirBase();
    this.fhir = fhir;
  }

  void kickOff(
      Caller caller, String group, HttpServletRequest request, HttpServletResponse response) {
    boolean research =
        caller.patientId().isEmpty()
            && caller
                .purposeOfUse()
                .flatMap(PurposeOfUse::ofCode)
                .filter(p -> p == PurposeOfUse.HRESCH || p == PurposeOfUse.CLINTRCH)
                .isPresent();
    if (!research || !group.equals(caller.clientId())) {
      throw new GatewayException(
          ErrorCode.EXPORT_OTHER_GROUP, "A research recipient may export only its own cohort.");
    }
    String prefer = request.getHeader("Prefer");
    if (prefer == null || !prefer.contains("respond-async")) {
      throw new GatewayException(
          ErrorCode.EXPORT_UNSUPPORTED_PARAMETER,
          "A Bulk Data kick-off needs Prefer: respond-async.");
    }
    String url =
        fhirBase
            + "/Group/"
            + group
            + "/$export"
            + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    ExportRequest asked = ExportRequest.parse(url, request.getParameterMap());
    for (String type : asked.types()) {
      if (!caller.scopes().allows(Level.SYSTEM, type, Permission.READ)) {
        throw new GatewayException(
            ErrorCode.EXPORT_TYPE_NOT_COVERED, "The token's scopes do not cover " + type + ".");
      }
    }
    String id = exports.start(caller, asked);
    response.setStatus(202);
    response.setHeader("Content-Location", fhirBase + BulkExportServlet.STATUS + id);
  }

  void status(Caller caller, String id, HttpServletResponse response) throws IOException {
    ExportJob job = own(caller, id);
    switch (job.state()) {
      case IN_PROGRESS -> pending(response, job.progress(), props.retryAfter().toSeconds());
      case AWAITING_REVIEW ->
          pending(
              response,
              "awaiting review: reaching k suppresses more than allowed",
              Math.max(60, props.retryAfter().toSeconds()));
      case COMPLETE -> {
        response.setStatus(200);
        response.setHeader("Expires", job.expiresAt().toString());
        BulkExportServlet.write(
            response, "application/json", JSON.writeValueAsString(manifest(job)));
      }
      case FAILED ->
          throw new GatewayException(ErrorCode.INTERNAL, "The export failed: " + job.error());
      case REJECTED ->
          throw new GatewayException(
              ErrorCode.EXPORT_NOT_FOUND,
              "A reviewer refused this export's release; its files are gone.");
    }
  }

  void delete(Caller caller, String id, HttpServletResponse response) {
    own(caller, id);
    jobs.delete(id);
    response.setStatus(202);
  }

  void file(Caller caller, String id, String name, HttpServletResponse response)
      throws IOException {
    ExportJob job = own(caller, id);
    if (job.state() != ExportState.COMPLETE) {
      throw BulkExportServlet.notFound();
    }
    response.setStatus(200);
    response.setContentType("application/fhir+ndjson");
    if (name.equals(RISK_FILE)) {
      String line =
          fhir.newJsonParser().encodeResourceToString(RiskReports.parameters(job.risk(), id));
      BulkExportServlet.write(response, "application/fhir+ndjson", line + "\n");
      return;
    }
    if (!job.types().contains(name)) {
      throw BulkExportServlet.notFound();
    }
    try (OutputStream out = response.getOutputStream()) {
      jobs.lines(
          id,
          name,
          lines -> {
            try {
              out.write(lines.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
  }

  /** The manifest of a complete job, as the IG writes it; the risk report is one more file. */
  private Map<String, Object> manifest(ExportJob job) {
    List<Map<String, Object>> output = new ArrayList<>();
    for (ExportJobs.TypeCount c : jobs.counts(job.id())) {
      output.add(file(c.type(), url(job.id(), c.type()), c.count()));
    }
    output.add(file("Parameters", url(job.id(), RISK_FILE), 1));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("transactionTime", job.createdAt().toString());
    m.put("request", job.request());
    m.put("requiresAccessToken", true);
    m.put("output", output);
    m.put("error", List.of());
    return m;
  }

  private String url(String id, String name) {
    return fhirBase + BulkExportServlet.FILES + id + "/" + name + ".ndjson";
  }

  private static Map<String, Object> file(String type, String url, long count) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("type", type);
    f.put("url", url);
    f.put("count", count);
    return f;
  }

  private static void pending(HttpServletResponse response, String progress, long retryAfter) {
    response.setStatus(202);
    response.setHeader("X-Progress", progress);
    response.setHeader("Retry-After", Long.toString(Math.max(1, retryAfter)));
  }

  private ExportJob own(Caller caller, String id) {
    return jobs.find(id)
        .filter(j -> j.recipient().equals(caller.clientId()) && caller.patientId().isEmpty())
        .orElseThrow(BulkExportServlet::notFound);
  }
}
