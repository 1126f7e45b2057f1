package kr.hiway.adapter.conformance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * GETs against the adapter, as the gateway makes them (FHIR JSON asked for, no redirects followed),
 * timing each call and keeping every answer, so that checks over all of them (no national
 * identifier, JSON types) see exactly what came over the wire. Not thread-safe: one run, one
 * thread.
 */
final class FhirHttp implements AutoCloseable {

  /** One answer (how long it took is kept in {@link #timings()}). */
  record Answer(URI uri, int status, String contentType, HttpHeaders headers, String body) {

    /** Whether the answer says it is FHIR JSON (or plain JSON, which the gateway also takes). */
    boolean isFhirJson() {
      String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
      return media.equals("application/fhir+json") || media.equals("application/json");
    }

    String describe() {
      return status + " " + (contentType.isEmpty() ? "(no Content-Type)" : contentType);
    }

    /**
     * The request, for a report: {@code GET} and the path under {@code base}, with the value of an
     * {@code identifier} parameter (a linkage token) left out.
     */
    String request(String base) {
      String s = uri.toString();
      s = s.startsWith(base) ? s.substring(base.length()) : s;
      return "GET " + s.replaceAll("identifier=[^&]*", "identifier=…");
    }
  }

  /** A call's URL and duration, for the latency check. */
  record Timing(URI uri, long nanos) {}

  private final HttpClient client;
  private final Duration timeout;
  private final List<Timing> timings = new ArrayList<>();
  private final List<Answer> answers = new ArrayList<>();
  private int warmUps;

  /**
   * @param clientTls the client certificate to present over mutual TLS, if the adapter asks for one
   */
  FhirHttp(Duration timeout, Optional<SSLContext> clientTls) {
    this.timeout = timeout;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER);
    clientTls.ifPresent(builder::sslContext);
    this.client = builder.build();
  }

  /** A timed call; its answer is kept. */
  Answer get(URI uri) throws IOException, InterruptedException {
    return get(uri, true);
  }

  /**
   * An untimed call before the run, so that the adapter's first answers (class loading, the TLS
   * handshake) do not count against the budget: the gateway calls an adapter that has been running.
   * The answer is kept like any other. Failures are left to the checks that follow.
   */
  void warmUp(URI uri) throws InterruptedException {
    try {
      get(uri, false);
      warmUps++;
    } catch (IOException e) {
      // The checks will make the same calls and report what fails.
    }
  }

  private Answer get(URI uri, boolean timed) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", "application/fhir+json")
            .GET()
            .build();
    long start = System.nanoTime();
    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    long nanos = System.nanoTime() - start;
    if (timed) {
      timings.add(new Timing(uri, nanos));
    }
    Answer answer =
        new Answer(
            uri,
            response.statusCode(),
            response.headers().firstValue("Content-Type").orElse(""),
            response.headers(),
            new String(response.body(), StandardCharsets.UTF_8));
    answers.add(answer);
    return answer;
  }

  List<Timing> timings() {
    return List.copyOf(timings);
  }

  /** Every answer received, warm-up calls included, in order. */
  List<Answer> answers() {
    return List.copyOf(answers);
  }

  /** How many warm-up calls were answered. */
  int warmUps() {
    return warmUps;
  }

  @Override
  public void close() {
    client.close();
  }
}
