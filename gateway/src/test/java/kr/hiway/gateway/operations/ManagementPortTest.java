package kr.hiway.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Production's management port: probes and metrics there without a token (the kubelet and the
 * scraper hold none; the port is internal), nothing else; the public port serves no metrics without
 * an operator's token and no probes at all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagementPortTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private final StartedGateway gateway = new StartedGateway();
  private ConfigurableApplicationContext context;

  @BeforeAll
  void start() {
    context = gateway.run("management", "--management.server.port=0");
  }

  @AfterAll
  void stop() {
    context.close();
  }

  @Test
  void probesWhenAskedOnManagementPortWithoutTokenThenUp() throws Exception {
    HttpResponse<String> readiness = get(gateway.managementBase() + "/actuator/health/readiness");
    assertThat(readiness.statusCode()).isEqualTo(200);
    assertThat(readiness.body()).contains("\"UP\"");
    assertThat(get(gateway.managementBase() + "/actuator/health/liveness").statusCode())
        .isEqualTo(200);
  }

  @Test
  void healthWhenAskedOnManagementPortWithoutTokenThenStatusOnly() throws Exception {
    HttpResponse<String> health = get(gateway.managementBase() + "/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"UP\"").doesNotContain("hospitals");
  }

  @Test
  void metricsWhenScrapedOnManagementPortWithoutTokenThenPrometheusText() throws Exception {
    HttpResponse<String> metrics = get(gateway.managementBase() + "/actuator/prometheus");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("# TYPE jvm_memory_used_bytes gauge");
  }

  @Test
  void otherPathsWhenAskedOnManagementPortThenRefused() throws Exception {
    assertThat(get(gateway.managementBase() + "/fhir/metadata").statusCode()).isEqualTo(403);
  }

  @Test
  void metricsWhenAskedOnPublicPortWithoutTokenThenUnauthorized() throws Exception {
    assertThat(get(gateway.base() + "/actuator/prometheus").statusCode()).isEqualTo(401);
  }

  @Test
  void probesWhenAskedOnPublicPortThenNotServedThere() throws Exception {
    assertThat(get(gateway.base() + "/actuator/health/readiness").statusCode()).isEqualTo(404);
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
