package kr.hiway.gateway.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import kr.hiway.gateway.GatewayApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The real application, started with one setting wrong: the start fails, and the first line of
 * Boot's failure report, printed before any stack trace, names the setting and what is wrong.
 * PostgreSQL runs on 127.0.0.1:5432 for the database cases.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupMessagesTest {

  private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";

  static Stream<Arguments> databases() {
    return Stream.of(
        Arguments.of(
            "refused port",
            List.of("--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/test"),
            "spring.datasource.url: cannot reach 127.0.0.1:1/test: the connection was refused"),
        Arguments.of(
            "unknown host",
            List.of("--spring.datasource.url=jdbc:postgresql://no-such-host.invalid:5432/test"),
            "spring.datasource.url: cannot reach no-such-host.invalid:5432/test: the host name is"
                + " unknown"),
        Arguments.of(
            "no driver for the URL",
            List.of("--spring.datasource.url=jdbc:postgres://127.0.0.1:5432/test?password=s3cret"),
            "spring.datasource.url: no JDBC driver here accepts a jdbc:postgres URL"),
        Arguments.of(
            "unknown user",
            List.of(
                "--spring.datasource.url=" + POSTGRES + "test",
                "--spring.datasource.username=no_such_role_hiway"),
            "spring.datasource.username: the database at 127.0.0.1:5432/test refused to sign in:"),
        Arguments.of(
            "unknown database",
            List.of("--spring.datasource.url=" + POSTGRES + "no_such_database_hiway"),
            "spring.datasource.url: the database at 127.0.0.1:5432/no_such_database_hiway does"
                + " not exist"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void runWhenDatabaseSettingWrongThenFirstLineNamesTheSetting(
      String name, List<String> settings, String expected, CapturedOutput output) {
    List<String> args = new ArrayList<>(settings);
    args.addAll(List.of("--hiway.demo.enabled=false", "--spring.datasource.username=postgres"));
    if (name.equals("unknown user")) {
      args.remove("--spring.datasource.username=postgres");
    }

    Throwable failure = start(args);

    assertThat(failure).isInstanceOf(BadSettingException.class);
    assertThat(firstLine(output)).startsWith(expected);
    assertThat(output.getAll()).doesNotContain("s3cret");
  }

  static Stream<String> requiredKeyFiles() {
    return KeyFilesCheck.KEY_FILES.stream();
  }

  @ParameterizedTest
  @MethodSource("requiredKeyFiles")
  void runWhenKeyFileMissingThenFirstLineNamesTheSetting(
      String setting, @TempDir Path folder, CapturedOutput output) {
    Path missing = folder.resolve("missing.key");

    Throwable failure =
        start(
            List.of(
                "--" + setting + "=" + missing,
                "--hiway.pki.keystore-password=x",
                "--hiway.demo.enabled=false"));

    assertThat(failure).isInstanceOf(BadSettingException.class);
    assertThat(firstLine(output))
        .isEqualTo(setting + ": names " + missing.toAbsolutePath() + ", which does not exist");
  }

  static Stream<String> demoKeyFiles() {
    return KeyFilesCheck.DEMO_KEY_FILES.stream();
  }

  @ParameterizedTest
  @MethodSource("demoKeyFiles")
  void runWhenDemoKeyFileUnreadableThenFirstLineNamesTheSettingBeforeTheDemoStarts(
      String setting, @TempDir Path folder, CapturedOutput output) throws IOException {
    Path notAFile = Files.createDirectory(folder.resolve("a-folder.key"));

    Throwable failure = start(List.of("--" + setting + "=" + notAFile));

    assertThat(failure).isInstanceOf(BadSettingException.class);
    assertThat(firstLine(output))
        .isEqualTo(setting + ": names " + notAFile.toAbsolutePath() + ", which is not a file");
    assertThat(output.getAll()).doesNotContain("demo network:");
  }

  @Test
  void runWhenPortTakenThenFailsAtOnceNamingServerPortBeforeTheDemoNetworkStarts(
      CapturedOutput output) throws IOException {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(0));
      int port = taken.getLocalPort();
      long started = System.nanoTime();

      // The demo on, as an operator runs it: its 47 hospitals would take half a minute.
      Throwable failure = start(List.of("--server.port=" + port));

      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(failure).isInstanceOf(BadSettingException.class);
      assertThat(took).isLessThan(Duration.ofSeconds(10));
      assertThat(firstLine(output))
          .isEqualTo(
              "server.port: port "
                  + port
                  + " on any address cannot be used: another process is already listening on it");
      assertThat(output.getAll()).doesNotContain("listens at");
    }
  }

  private static Throwable start(List<String> args) {
    List<String> all = new ArrayList<>(args);
    // Nothing may be written beside the tests: any demo file would land under target/.
    all.add("--hiway.pki.demo-folder=target/startup-messages/pki");
    return catchThrowable(
        () -> new SpringApplication(GatewayApplication.class).run(all.toArray(String[]::new)));
  }

  /**
   * The report's first line, after asserting that it came as Boot's failure report and that no
   * stack trace was printed before it.
   */
  private static String firstLine(CapturedOutput output) {
    String all = output.getAll();
    int report = all.indexOf("APPLICATION FAILED TO START");
    assertThat(report).as("Boot's failure report in:\n%s", all).isPositive();
    assertThat(all.substring(0, report)).doesNotContain("\tat ", "Exception during pool");
    String description =
        all.substring(all.indexOf("Description:", report) + "Description:".length());
    return description.strip().lines().findFirst().orElse("");
  }
}
