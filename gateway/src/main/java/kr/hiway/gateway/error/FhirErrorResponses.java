package kr.hiway.gateway.error;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import kr.hiway.vocabulary.ErrorCode;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 from the security filters, as FHIR {@code OperationOutcome}s with the {@code
 * WWW-Authenticate} header RFC 6750 asks for. Expected refusals: nothing is logged.
 */
public final class FhirErrorResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final FhirContext fhir;
  private final BearerTokenAuthenticationEntryPoint bearer =
      new BearerTokenAuthenticationEntryPoint();
  private final BearerTokenAccessDeniedHandler denied = new BearerTokenAccessDeniedHandler();

  public FhirErrorResponses(FhirContext fhir) {
    this.fhir = fhir;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    bearer.commence(request, response, e); // sets 401 and WWW-Authenticate
    boolean tokenSent = request.getHeader("Authorization") != null;
    write(
        response,
        tokenSent ? ErrorCode.INVALID_TOKEN : ErrorCode.NOT_AUTHENTICATED,
        tokenSent ? "The access token is not valid." : "An access token is required.");
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    denied.handle(request, response, e);
    write(response, ErrorCode.INSUFFICIENT_SCOPE, "The access token does not allow this.");
  }

  /** Writes {@code error} as an OperationOutcome with its status. */
  public void write(HttpServletResponse response, ErrorCode error, String message)
      throws IOException {
    Refusals.answered(error, message);
    response.setStatus(error.status());
    response.setContentType("application/fhir+json;charset=UTF-8");
    response.setHeader("Cache-Control", "no-store");
    String body =
        fhir.newJsonParser().encodeResourceToString(GatewayException.outcome(error, message));
    response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
  }
}
