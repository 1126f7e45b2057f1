package kr.hiway.gateway.api;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /fhir/.well-known/smart-configuration}: SMART App Launch discovery. */
final class SmartConfigurationServlet extends HttpServlet {

  @Serial private static final long serialVersionUID = 1L;

  private final byte[] document;

  SmartConfigurationServlet(String issuer) {
    this.document =
        JsonMapper.builder()
            .build()
            .writeValueAsString(SmartConfiguration.document(issuer))
            .getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("application/json");
    response.setHeader("Cache-Control", "max-age=3600");
    response.getOutputStream().write(document);
  }
}
