package kr.hiway.gateway.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The demo's public base URL follows its port unless one is set; production sets its own. */
class DemoBaseUrlTest {

  private static StandardEnvironment environment(Map<String, Object> settings) {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources().addFirst(new MapPropertySource("test", settings));
    new ProductionSettingsCheck().postProcessEnvironment(env, new SpringApplication());
    return env;
  }

  @Test
  void postProcessWhenDemoOnAnotherPortThenBaseUrlNamesThatPort() {
    assertThat(environment(Map.of("server.port", "9191")).getProperty("hiway.security.issuer"))
        .isEqualTo("http://localhost:9191");
  }

  @Test
  void postProcessWhenDemoAndNoPortThenTheDefaultPort() {
    assertThat(environment(Map.of()).getProperty("hiway.security.issuer"))
        .isEqualTo("http://localhost:8080");
  }

  @Test
  void postProcessWhenIssuerSetThenKept() {
    assertThat(
            environment(
                    Map.of("server.port", "9191", "hiway.security.issuer", "https://hiway.example"))
                .getProperty("hiway.security.issuer"))
        .isEqualTo("https://hiway.example");
  }

  @Test
  void postProcessWhenProductionThenNoBaseUrlIsMadeUp() {
    StandardEnvironment env =
        environment(
            Map.of("hiway.demo.enabled", "false", "hiway.startup.production-check", "false"));
    assertThat(env.getProperty("hiway.security.issuer")).isNull();
  }
}
