package kr.hiway.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import kr.hiway.gateway.testing.Consents;
import kr.hiway.gateway.testing.SmartLogin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/** Request bodies over the limit are refused with 413 before anything parses them. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:bodylimit;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
      "hiway.demo.persons=100"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BodyLimitTest {

  static final int TWENTY_MB = 20 * 1024 * 1024;

  @LocalServerPort int port;
  @Autowired RegisteredClientRepository clients;

  HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  String token;
  String patient;

  @BeforeAll
  void signIn() throws Exception {
    Consents.registerRecipients(clients, "clinic-limit");
    SmartLogin.Tokens t =
        new SmartLogin(base())
            .signIn("patient47", "patient47", "launch/patient patient/*.rs patient/Consent.cruds");
    token = t.accessToken();
    patient = t.body().path("patient").asString();
  }

  String base() {
    return "http://localhost:" + port;
  }

  HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base() + "/fhir/Consent"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/fhir+json")
            .timeout(Duration.ofSeconds(10))
            .POST(body)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void postWhenBodyOverTheLimitWithALengthThen413BeforeParsing() throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> answer = post(HttpRequest.BodyPublishers.ofByteArray(new byte[TWENTY_MB]));
    assertThat(answer.statusCode()).isEqualTo(413);
    assertThat(answer.body()).contains("OperationOutcome").contains("HIW-G019");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void postWhenChunkedBodyOverTheLimitThen413() throws Exception {
    HttpResponse<String> answer =
        post(
            HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(new byte[2 * 1024 * 1024])));
    assertThat(answer.statusCode()).isEqualTo(413);
    assertThat(answer.body()).contains("HIW-G019");
  }

  @Test
  void postWhenChunkedBodyWithinTheLimitThenItIsReadWhole() throws Exception {
    byte[] consent =
        Consents.json(patient, "clinic-limit", "TREAT", List.of("Observation"), List.of(), "")
            .getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> answer =
        post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(consent)));
    assertThat(answer.statusCode()).isEqualTo(201);
  }
}
