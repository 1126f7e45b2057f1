package kr.hiway.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import kr.hiway.gateway.testing.SmartLogin;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Links and the capability statement name the configured public base URL, whatever {@code Host}
 * header a client sends: behind a load balancer an attacker's host would otherwise end up in {@code
 * next} links handed to other clients.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:baseurl;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
      "hiway.demo.persons=200"
    })
class PublicBaseUrlTest {

  @LocalServerPort int port;

  @Test
  void searchWhenHostHeaderForeignThenLinksNameTheConfiguredBase() throws Exception {
    SmartLogin.Tokens tokens =
        new SmartLogin("http://localhost:" + port)
            .signIn("patient1", "patient1", "launch/patient patient/*.rs");
    String patient = tokens.body().path("patient").asString();
    String answer = get("/fhir/Observation?patient=" + patient + "&_count=1", tokens.accessToken());
    assertThat(answer).startsWith("HTTP/1.1 200");
    assertThat(answer).contains("\"relation\":\"next\"");
    assertThat(answer).doesNotContain("evil.example");
    assertThat(answer).contains("\"url\":\"http://localhost:8080/fhir");
  }

  @Test
  void metadataWhenHostHeaderForeignThenBaseIsTheConfiguredOne() throws Exception {
    String answer = get("/fhir/metadata", null);
    assertThat(answer).startsWith("HTTP/1.1 200");
    assertThat(answer).doesNotContain("evil.example");
    assertThat(answer).contains("http://localhost:8080/fhir");
  }

  /** A GET with a forged Host header, which the JDK's client will not send. */
  private String get(String path, String token) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      String request =
          "GET "
              + path
              + " HTTP/1.1\r\nHost: evil.example\r\nAccept: application/fhir+json\r\n"
              + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
              + "Connection: close\r\n\r\n";
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      in.transferTo(body);
      return body.toString(StandardCharsets.UTF_8);
    }
  }
}
