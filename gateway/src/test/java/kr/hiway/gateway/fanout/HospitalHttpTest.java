package kr.hiway.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** The hospital client's own behaviour where no WireMock fault reaches it. */
class HospitalHttpTest {

  @Test
  void getWhenHospitalClosedTheKeptConnectionThenAskedAgainOnANewOne() throws Exception {
    // A hospital that answers one request per connection and then closes it without saying so
    // (no "Connection: close"), as servers that time out idle connections do.
    AtomicInteger connections = new AtomicInteger();
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        HospitalHttp http = new HospitalHttp(SSLContext.getDefault(), FanOutSettings.defaults())) {
      Thread.ofVirtual()
          .start(() -> {
            while (!server.isClosed()) {
              try (Socket s = server.accept()) {
                connections.incrementAndGet();
                BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                for (String line = in.readLine(); line != null && !line.isEmpty(); ) {
                  line = in.readLine();
                }
                OutputStream out = s.getOutputStream();
                out.write(
                    ("HTTP/1.1 200 OK\r\nContent-Type: application/fhir+json\r\n"
                            + "Content-Length: 2\r\n\r\n{}")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
              } catch (Exception e) {
                return;
              }
            }
          });
      URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/fhir/metadata");

      for (int i = 0; i < 3; i++) {
        Deadline deadline =
            new Deadline(System.nanoTime() + Duration.ofSeconds(5).toNanos(), "timed out");
        HospitalHttp.Answer answer = http.get(uri, deadline);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
      }
      assertThat(connections.get()).isEqualTo(3);
    }
  }
}
