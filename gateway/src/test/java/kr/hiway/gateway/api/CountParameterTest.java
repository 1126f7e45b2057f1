package kr.hiway.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import kr.hiway.gateway.testing.GatewayHttp;
import kr.hiway.gateway.testing.SmartLogin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code _count}: a whole number from 1, as documented; anything else a clear 400. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:refusals;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
      "hiway.demo.persons=100",
      "hiway.demo.latency=0ms",
      "hiway.demo.jitter=0ms"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CountParameterTest {

  @LocalServerPort int port;
  GatewayHttp api;
  String token;
  String patient;

  @BeforeAll
  void signIn() throws Exception {
    String base = "http://localhost:" + port;
    api = new GatewayHttp(base);
    SmartLogin.Tokens t =
        new SmartLogin(base).signIn("patient5", "patient5", "launch/patient patient/*.rs");
    token = t.accessToken();
    patient = t.body().path("patient").asString();
  }

  @Test
  void countWhenNotAWholeNumberThen400InvalidParameter() throws Exception {
    for (String bad : new String[] {"abc", "-1", "1.5", "99999999999"}) {
      GatewayHttp.Answer a = api.get("Observation?patient=" + patient + "&_count=" + bad, token);
      assertThat(a.status()).as(bad).isEqualTo(400);
      assertThat(a.errorCode()).as(bad).isEqualTo("HIW-G006");
    }
  }

  @Test
  void countWhenZeroThenRefusedAsDocumented() throws Exception {
    GatewayHttp.Answer a = api.get("Patient/" + patient + "/$everything?_count=0", token);
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.errorCode()).isEqualTo("HIW-G005");
  }

  @Test
  void countWhenAWholeNumberThenThatManyAtMost() throws Exception {
    GatewayHttp.Answer a = api.get("Patient/" + patient + "/$everything?_count=3", token);
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.bundle().getEntry().stream().filter(e -> e.getResource() != null).count())
        .isLessThanOrEqualTo(4); // three records, and an outcome entry if a hospital failed
  }
}
