package kr.hiway.gateway.startup;

import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Refuses to start production (the demo off) without its settings. It runs once the configuration
 * is read and before any bean exists: the demo's fall-backs (an H2 file, generated keys, a CA in
 * {@code data/}) live in beans, so none of them has written anything yet.
 *
 * <p>{@code hiway.startup.production-check=false} lets tests and benchmarks run without the demo
 * network and still on the demo's generated keys; production never sets it.
 */
class ProductionSettingsCheck implements EnvironmentPostProcessor {

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Binder settings = Binder.get(environment);
    boolean demo = settings.bind("hiway.demo.enabled", Boolean.class).orElse(true);
    boolean check = settings.bind("hiway.startup.production-check", Boolean.class).orElse(true);
    if (demo) {
      demoBaseUrl(environment);
      return;
    }
    if (!check) {
      return;
    }
    List<String> problems = ProductionSettings.problems(settings);
    if (!problems.isEmpty()) {
      throw new MissingProductionSettingsException(problems);
    }
  }

  /**
   * The demo's public base URL, unless one is set: this machine at the port it listens on, so that
   * discovery and links name where the demo really is. Production must set its own.
   */
  private static void demoBaseUrl(ConfigurableEnvironment environment) {
    if (environment.getProperty(ProductionSettings.ISSUER) == null) {
      environment
          .getPropertySources()
          .addLast(
              new MapPropertySource(
                  "demo-base-url",
                  Map.of(ProductionSettings.ISSUER, "http://localhost:${server.port:8080}")));
    }
  }
}
