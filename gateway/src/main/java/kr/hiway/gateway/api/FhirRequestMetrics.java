package kr.hiway.gateway.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Times every request to {@code /fhir}, refusals by the security chain included, as {@code
 * hiway.fhir.requests} by method and status. It stands in for Spring's generic HTTP observation on
 * this path, which cost a twentieth of a Patient read's CPU (an observation, its context and a
 * meter look-up per request); here a request costs one map look-up and one timer update.
 * Thread-safe.
 */
final class FhirRequestMetrics extends HttpFilter {

  @Serial private static final long serialVersionUID = 1L;

  static final String NAME = "hiway.fhir.requests";

  private final transient MeterRegistry registry;
  private final transient ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();

  FhirRequestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    long start = System.nanoTime();
    boolean escaped = true;
    try {
      chain.doFilter(request, response);
      escaped = false;
    } finally {
      // An exception escaping the chain becomes a 500 in the container, unless the answer had
      // already begun (a client gone mid-body got the status sent).
      int status = escaped && !response.isCommitted() ? 500 : response.getStatus();
      timer(request.getMethod(), status).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  private Timer timer(String method, int status) {
    // Methods are few, but a client may send any token as one: only the known ones get a tag.
    String known = isKnown(method) ? method : "OTHER";
    return timers.computeIfAbsent(
        known + status,
        k ->
            Timer.builder(NAME)
                .description("Requests to the FHIR API")
                .tag("method", known)
                .tag("status", Integer.toString(status))
                .register(registry));
  }

  private static boolean isKnown(String method) {
    return switch (method) {
      case "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS" -> true;
      default -> false;
    };
  }
}
