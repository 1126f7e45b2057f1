package kr.hiway.adapter.conformance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * GETs against the adapter, as the gateway makes them (FHIR JSON asked for, no redirects followed),
 * timing each call. Not thread-safe: one run, one thread.
 */
final class FhirHttp implements AutoCloseable {

  /** One answer (how long it took is kept in {@link #timings()}). */
  record Answer(URI uri, int status, String contentType, String body) {

    /** Whether the answer says it is FHIR JSON (or plain JSON, which the gateway also takes). */
    boolean isFhirJson() {
      String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
      return media.equals("application/fhir+json") || media.equals("application/json");
    }

    String describe() {
      return status + " " + (contentType.isEmpty() ? "(no Content-Type)" : contentType);
    }
  }

  /** A call's URL and duration, for the latency check. */
  record Timing(URI uri, long nanos) {}

  private final HttpClient client;
  private final Duration timeout;
  private final List<Timing> timings = new ArrayList<>();

  FhirHttp(Duration timeout) {
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  Answer get(URI uri) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", "application/fhir+json")
            .GET()
            .build();
    long start = System.nanoTime();
    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    long nanos = System.nanoTime() - start;
    timings.add(new Timing(uri, nanos));
    return new Answer(
        uri,
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        new String(response.body(), StandardCharsets.UTF_8));
  }

  List<Timing> timings() {
    return List.copyOf(timings);
  }

  @Override
  public void close() {
    client.close();
  }
}
