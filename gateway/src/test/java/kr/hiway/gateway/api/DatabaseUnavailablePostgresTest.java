package kr.hiway.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import kr.hiway.consent.testing.PostgresDatabase;
import kr.hiway.gateway.testing.GatewayDatabase;
import kr.hiway.gateway.testing.GatewayHttp;
import kr.hiway.gateway.testing.SmartLogin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL that does not answer (here: every pooled connection taken): a request waits at most
 * the configured connection wait (1 s here), then gets 503 HIW-G025 with Retry-After, and the
 * gateway answers again as soon as connections are free.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "hiway.demo.persons=100",
      "spring.datasource.hikari.maximum-pool-size=4",
      "spring.datasource.hikari.connection-timeout=1000"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseUnavailablePostgresTest {

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  @DynamicPropertySource
  static void datasource(DynamicPropertyRegistry registry) {
    GatewayDatabase.register(db, registry);
  }

  @LocalServerPort int port;
  @Autowired DataSource dataSource;

  GatewayHttp api;
  String base;
  String token;
  String patient;

  @BeforeAll
  void signIn() throws Exception {
    base = "http://localhost:" + port;
    api = new GatewayHttp(base);
    SmartLogin.Tokens t =
        new SmartLogin(base)
            .signIn("patient47", "patient47", "launch/patient patient/*.rs patient/Consent.cruds");
    token = t.accessToken();
    patient = t.body().path("patient").asString();
  }

  @Test
  void readWhenNoConnectionCanBeHadThen503WithinTheWaitAndAnsweredAgainAfter() throws Exception {
    assertThat(api.get("Consent?patient=" + patient, token).status()).isEqualTo(200);
    List<Connection> taken = new ArrayList<>();
    GatewayHttp.Answer refused;
    long took;
    try {
      for (int i = 0; i < 4; i++) {
        taken.add(dataSource.getConnection());
      }
      long start = System.nanoTime();
      refused = api.get("Consent?patient=" + patient, token);
      took = System.nanoTime() - start;

      // Many at once: each waits at most the connection wait, none piles up behind another.
      long burst = System.nanoTime();
      List<java.util.concurrent.CompletableFuture<Integer>> many = new ArrayList<>();
      try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < 16; i++) {
          many.add(
              java.util.concurrent.CompletableFuture.supplyAsync(
                  () -> {
                    try {
                      long one = System.nanoTime();
                      int status = api.get("Consent?patient=" + patient, token).status();
                      assertThat(Duration.ofNanos(System.nanoTime() - one))
                          .isLessThan(Duration.ofSeconds(4));
                      return status;
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  },
                  threads));
        }
        for (var f : many) {
          assertThat(f.get()).isEqualTo(503);
        }
      }
      assertThat(Duration.ofNanos(System.nanoTime() - burst)).isLessThan(Duration.ofSeconds(6));

      // Readiness says so, and the load balancer stops sending this instance requests.
      java.net.http.HttpResponse<String> ready = readiness();
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.body()).contains("DOWN");
    } finally {
      for (Connection c : taken) {
        c.close();
      }
    }

    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.errorCode()).isEqualTo("HIW-G025");
    assertThat(refused.raw().headers().firstValue("Retry-After")).contains("2");
    assertThat(Duration.ofNanos(took)).isLessThan(Duration.ofSeconds(4));
    assertThat(api.get("Consent?patient=" + patient, token).status()).isEqualTo(200);
    assertThat(readiness().statusCode()).isEqualTo(200);
  }

  java.net.http.HttpResponse<String> readiness() throws Exception {
    try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
      return http.send(
          java.net.http.HttpRequest.newBuilder(
                  java.net.URI.create(base + "/actuator/health/readiness"))
              .build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
    }
  }
}
