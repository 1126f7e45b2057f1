package kr.hiway.gateway.startup;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Every key file a setting names must be a readable file before anything starts, demo or not: the
 * token signing keys, the CA's key store or PEM files and, with the demo, the keys it keeps between
 * starts (which it makes when they are absent, so only an unreadable one is wrong). Runs after
 * {@link ProductionSettingsCheck}, which reports production's missing settings all together.
 */
class KeyFilesCheck implements EnvironmentPostProcessor {

  /** Files that must exist when set. */
  static final List<String> KEY_FILES =
      List.of(
          ProductionSettings.JWKS,
          ProductionSettings.PKI_KEYSTORE,
          ProductionSettings.PKI_CA_CERTIFICATE,
          ProductionSettings.PKI_CA_KEY);

  /** The demo's own key files: made when absent, so only an unreadable one is wrong. */
  static final List<String> DEMO_KEY_FILES =
      List.of(
          "hiway.demo.jwks-file",
          "hiway.pseudonym.demo-key-file",
          "hiway.ledger.demo-key-file",
          "hiway.pii.demo-key-file");

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Binder settings = Binder.get(environment);
    for (String setting : KEY_FILES) {
      value(settings, setting).ifPresent(path -> check(setting, path, true));
    }
    if (settings.bind("hiway.demo.enabled", Boolean.class).orElse(true)) {
      for (String setting : DEMO_KEY_FILES) {
        value(settings, setting).ifPresent(path -> check(setting, path, false));
      }
    }
  }

  private static Optional<String> value(Binder settings, String setting) {
    String value = settings.bind(setting, String.class).map(String::strip).orElse("");
    if (value.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(value.startsWith("file:") ? value.substring("file:".length()) : value);
  }

  private static void check(String setting, String value, boolean required) {
    Path file;
    try {
      file = Path.of(value).toAbsolutePath();
    } catch (InvalidPathException e) {
      throw bad(setting, "is not a file path");
    }
    if (!Files.exists(file)) {
      if (required) {
        throw bad(setting, "names " + file + ", which does not exist");
      }
      return;
    }
    if (!Files.isRegularFile(file)) {
      throw bad(setting, "names " + file + ", which is not a file");
    }
    if (!Files.isReadable(file)) {
      throw bad(setting, "names " + file + ", which this user may not read");
    }
  }

  private static BadSettingException bad(String setting, String problem) {
    return new BadSettingException(
        setting,
        problem,
        "Point "
            + setting
            + " at the key file, readable by the user the gateway runs as (docs/deployment.md).");
  }
}
