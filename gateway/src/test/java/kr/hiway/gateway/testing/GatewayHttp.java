package kr.hiway.gateway.testing;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

/** Plain HTTP calls to the gateway's FHIR API, with a bearer token or none. */
public final class GatewayHttp {

  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  public record Answer(int status, String body, HttpResponse<String> raw) {
    public Bundle bundle() {
      return FHIR.newJsonParser().parseResource(Bundle.class, body);
    }

    public <T extends Resource> T resource(Class<T> type) {
      return FHIR.newJsonParser().parseResource(type, body);
    }

    /** The stable error code of an OperationOutcome answer. */
    public String errorCode() {
      OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, body);
      return outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode();
    }
  }

  /**
   * The public base URL the tests' gateways name in their links (config/application.yml), which
   * stands for whichever instance is asked, as a load balancer's does.
   */
  public static final String PUBLIC_BASE = "http://localhost:8080";

  public GatewayHttp(String base) {
    this.base = base;
  }

  /** A path relative to the FHIR base, or an absolute URL; the public base means this gateway. */
  private String url(String path) {
    if (path.startsWith(PUBLIC_BASE + "/")) {
      return base + path.substring(PUBLIC_BASE.length());
    }
    return path.startsWith("http") ? path : base + "/fhir/" + path;
  }

  /**
   * POST or PUT a FHIR JSON body to {@code path} (relative to the FHIR base, or an absolute URL)
   * with the token.
   */
  public Answer send(String method, String path, String token, String json) throws Exception {
    String url = url(path);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Accept", "application/fhir+json")
            .header("Content-Type", "application/fhir+json")
            .method(method, HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body(), response);
  }

  /** GET {@code path} (relative to the FHIR base, or an absolute URL) with the token, if any. */
  public Answer get(String path, String token) throws Exception {
    String url = url(path);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/fhir+json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body(), response);
  }
}
