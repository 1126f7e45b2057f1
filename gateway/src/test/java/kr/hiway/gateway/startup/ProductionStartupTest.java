package kr.hiway.gateway.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kr.hiway.gateway.GatewayApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The real application, started as production with nothing configured. */
@ExtendWith(OutputCaptureExtension.class)
class ProductionStartupTest {

  /** Where the demo would have put its database, keys and CA when nothing points elsewhere. */
  private static final Path DEFAULT_DATA = Path.of("data");

  @Test
  void runWhenDemoOffAndNothingSetThenFailsNamingEachSettingAndWritesNothing(
      @TempDir Path demoFiles, CapturedOutput output) throws IOException {
    Map<Path, String> dataBefore = snapshot(DEFAULT_DATA);

    MissingProductionSettingsException failure =
        catchThrowableOfType(
            MissingProductionSettingsException.class,
            () ->
                new SpringApplication(GatewayApplication.class)
                    .run(
                        "--hiway.demo.enabled=false",
                        // On for this test (the tests' own configuration turns it off).
                        "--hiway.startup.production-check=true",
                        // The tests' own configuration names a base URL; production has none.
                        "--hiway.security.issuer=",
                        "--hiway.fhir.paging-key=",
                        "--hiway.pii.key=",
                        "--server.port=0",
                        // The demo's own files, were anything to make them, land here.
                        "--hiway.pki.demo-folder=" + demoFiles.resolve("pki"),
                        "--hiway.pseudonym.demo-key-file=" + demoFiles.resolve("pseudonym.key"),
                        "--hiway.ledger.demo-key-file=" + demoFiles.resolve("ledger.key"),
                        "--hiway.pii.demo-key-file=" + demoFiles.resolve("pii.key")));

    assertThat(failure).isNotNull();
    assertThat(failure.problems())
        .extracting(line -> line.substring(0, line.indexOf(": ")))
        .containsExactly(
            "spring.datasource.url",
            "hiway.security.issuer",
            "hiway.security.jwks",
            "hiway.fhir.paging-key",
            "hiway.pseudonym.master-key",
            "hiway.pii.key",
            "hiway.ledger.signing-key",
            "hiway.pki.keystore");
    // The default datasource is the demo's H2 file: refused by what it is, not for being unset.
    assertThat(failure.problems().getFirst()).contains("is a jdbc:h2 URL");
    // Boot's failure report, one line per setting, rather than a stack trace.
    assertThat(output)
        .contains("APPLICATION FAILED TO START")
        .contains("\n  hiway.ledger.signing-key: not set")
        .doesNotContain("Application run failed");
    try (Stream<Path> written = Files.list(demoFiles)) {
      assertThat(written).isEmpty();
    }
    assertThat(snapshot(DEFAULT_DATA)).isEqualTo(dataBefore);
  }

  /** Every file under the folder with its size and modification time; empty if there is none. */
  private static Map<Path, String> snapshot(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return Map.of();
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files.collect(
          Collectors.toMap(
              p -> p,
              p -> {
                try {
                  return Files.size(p) + " bytes, " + Files.getLastModifiedTime(p);
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              }));
    }
  }
}
