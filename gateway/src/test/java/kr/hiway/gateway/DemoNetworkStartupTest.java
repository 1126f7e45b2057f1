package kr.hiway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import kr.hiway.gateway.pki.HospitalTls;
import kr.hiway.gateway.registry.HospitalRegistry;
import kr.hiway.gateway.registry.RegisteredHospital;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The main job on its embedded default: the gateway starts with the 47-hospital network, each
 * adapter serving mutual TLS with a certificate from the gateway CA.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:startup;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
      "hiway.demo.persons=2000"
    })
class DemoNetworkStartupTest {

  @Autowired HospitalRegistry registry;
  @Autowired HospitalTls tls;

  @Test
  void startWhenDemoEnabledThenEveryHospitalRegisteredAndAnsweringOverMutualTls() throws Exception {
    assertThat(registry.all())
        .hasSize(47)
        .allMatch(RegisteredHospital::enabled)
        .allMatch(h -> h.baseUrl().getScheme().equals("https"));
    try (HttpClient http = HttpClient.newBuilder().sslContext(tls.context()).build()) {
      for (RegisteredHospital h : registry.all()) {
        HttpResponse<String> metadata =
            http.send(
                HttpRequest.newBuilder(URI.create(h.baseUrl() + "/metadata")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metadata.statusCode()).as(h.code()).isEqualTo(200);
        assertThat(metadata.body()).contains("CapabilityStatement");
      }
    }
  }
}
