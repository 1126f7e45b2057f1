package kr.hiway.gateway.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium driven through its ChromeDriver, for one test class, closed afterwards.
 *
 * <p>It uses the browser and the driver the system has: the system properties {@code
 * hiway.test.chromium} and {@code hiway.test.chromedriver} if set, else {@code chromium} (or {@code
 * chromium-browser}, {@code google-chrome}) and {@code chromedriver} on the {@code PATH} (Debian:
 * {@code apt-get install chromium chromium-driver}). Nothing is downloaded. Where either is
 * missing, the class is skipped with a message saying so; under CI ({@code CI=true}) it fails
 * instead, because a CI run that skipped the browser tests would prove nothing.
 *
 * <p>Use with {@code @RegisterExtension static Chromium chromium = new Chromium();}. The check runs
 * before the test instance exists, so a skipped class starts no application context. Not
 * thread-safe: one browser for one class's tests, which run one after another.
 */
public final class Chromium implements ExecutionCondition, AfterAllCallback {

  private final Optional<Path> browser =
      find("hiway.test.chromium", "chromium", "chromium-browser", "google-chrome");
  private final Optional<Path> driverBinary = find("hiway.test.chromedriver", "chromedriver");
  private ChromeDriver driver;
  private Path downloads;

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (browser.isPresent() && driverBinary.isPresent()) {
      return ConditionEvaluationResult.enabled(
          "Chromium at " + browser.get() + ", ChromeDriver at " + driverBinary.get());
    }
    String why =
        (browser.isEmpty() ? "Chromium" : "ChromeDriver")
            + " was not found (PATH, or -Dhiway.test.chromium / -Dhiway.test.chromedriver)";
    if (Boolean.parseBoolean(System.getenv("CI"))) {
      throw new IllegalStateException(why + "; CI does not skip the browser tests");
    }
    return ConditionEvaluationResult.disabled(
        why + "; the browser tests are skipped (apt-get install chromium chromium-driver)");
  }

  /** Starts the browser (once): a laptop-sized window whose downloads go to {@link #downloads}. */
  public synchronized ChromeDriver driver() throws IOException {
    if (driver == null) {
      downloads = Files.createTempDirectory("hiway-console-downloads");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(browser.orElseThrow().toFile());
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-dev-shm-usage",
          "--disable-gpu",
          "--window-size=1366,768",
          "--lang=ko-KR");
      options.setExperimentalOption(
          "prefs",
          Map.of(
              "download.default_directory",
              downloads.toString(),
              "download.prompt_for_download",
              false));
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(driverBinary.orElseThrow().toFile())
              .usingAnyFreePort()
              .build();
      driver = new ChromeDriver(service, options);
    }
    return driver;
  }

  /** Where the browser saves downloads. */
  public Path downloads() {
    return downloads;
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (driver != null) {
      driver.quit();
      driver = null;
    }
    if (downloads != null) {
      try (Stream<Path> files = Files.walk(downloads)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static Optional<Path> find(String property, String... names) {
    String configured = System.getProperty(property);
    if (configured != null && !configured.isBlank()) {
      Path p = Path.of(configured);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    List<String> dirs = List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator));
    for (String name : names) {
      for (String dir : dirs) {
        if (dir.isEmpty()) {
          continue;
        }
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }
}
