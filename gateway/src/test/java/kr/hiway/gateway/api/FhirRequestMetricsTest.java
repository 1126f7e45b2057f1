package kr.hiway.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class FhirRequestMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final FhirRequestMetrics metrics = new FhirRequestMetrics(registry);

  private long count(String method, String status) {
    var timer =
        registry.find(FhirRequestMetrics.NAME).tag("method", method).tag("status", status).timer();
    return timer == null ? 0 : timer.count();
  }

  private void send(String method, FilterChain chain) throws Exception {
    metrics.doFilter(
        new MockHttpServletRequest(method, "/fhir/Patient/1"),
        new MockHttpServletResponse(),
        chain);
  }

  @Test
  void doFilterWhenAnsweredThenTimedByMethodAndStatus() throws Exception {
    send("GET", (req, res) -> ((MockHttpServletResponse) res).setStatus(403));
    send("GET", (req, res) -> ((MockHttpServletResponse) res).setStatus(403));
    assertThat(count("GET", "403")).isEqualTo(2);
  }

  @Test
  void doFilterWhenMethodUnknownThenOneTagForAllSuch() throws Exception {
    send("BREW", (req, res) -> {});
    send("X" + "Y".repeat(50), (req, res) -> {});
    assertThat(count("OTHER", "200")).isEqualTo(2);
    assertThat(registry.find(FhirRequestMetrics.NAME).timers()).hasSize(1);
  }

  @Test
  void doFilterWhenExceptionEscapesThen500UnlessTheAnswerWasSent() {
    assertThatThrownBy(() ->
            send(
                "GET",
                (req, res) -> {
                  throw new ServletException("boom");
                }))
        .isInstanceOf(ServletException.class);
    assertThat(count("GET", "500")).isEqualTo(1);

    assertThatThrownBy(() ->
            send(
                "GET",
                (req, res) -> {
                  res.flushBuffer(); // committed with 200: the client got that status
                  throw new ServletException("gone mid-body");
                }))
        .isInstanceOf(ServletException.class);
    assertThat(count("GET", "200")).isEqualTo(1);
    assertThat(count("GET", "500")).isEqualTo(1);
  }
}
