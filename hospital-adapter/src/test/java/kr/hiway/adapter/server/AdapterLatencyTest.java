package kr.hiway.adapter.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A simulated hospital's configured latency is what a client sees, and no more than that. */
class AdapterLatencyTest {

  @Test
  void answerWhenLatencySetThenArrivesAfterItWithTheWholeBody() throws Exception {
    Latency latency = Latency.of(200, 20);
    try (AdapterHost host =
            AdapterHost.start(
                "127.0.0.1",
                List.of(
                    new AdapterHost.Mount(
                        "slow",
                        0,
                        new AdapterServlet(
                            FhirContext.forR4Cached(), "slow", new FixtureSource(), latency))));
        HttpClient http = HttpClient.newHttpClient()) {
      URI uri = URI.create(host.baseUrl("slow") + "/Observation?patient=P1");
      http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      for (int i = 0; i < 3; i++) {
        long start = System.nanoTime();
        HttpResponse<String> r =
            http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"total\":3");
        assertThat(tookMs).isBetween(175L, 600L);
      }
    }
  }
}
