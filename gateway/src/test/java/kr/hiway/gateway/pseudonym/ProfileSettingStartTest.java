package kr.hiway.gateway.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import kr.hiway.consent.pseudonym.DeidentificationProfile;
import kr.hiway.consent.testing.PostgresDatabase;
import kr.hiway.gateway.GatewayApplication;
import kr.hiway.gateway.startup.BadSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The real application, started with a de-identification profile that allows a date shift of 0
 * days: it does not start, and Boot's failure report names the setting and the profile's setting in
 * its first line.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProfileSettingStartTest {

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  @Test
  void runWhenProfileAllowsNoShiftThenRefusesToStartNamingTheSetting(
      @TempDir Path folder, CapturedOutput output) throws IOException {
    Path profile = folder.resolve("profile.json");
    Files.writeString(profile, shipped().replace("\"min\": 1,", "\"min\": 0,"));

    Throwable failure =
        catchThrowable(() ->
            new SpringApplication(GatewayApplication.class)
                .run(
                    "--hiway.demo.enabled=false",
                    "--hiway.pki.demo-folder=" + folder.resolve("pki"),
                    "--hiway.pseudonym.demo-key-file=" + folder.resolve("pseudonym.key"),
                    "--hiway.pseudonym.profile=" + profile,
                    "--spring.datasource.url=" + db.jdbcUrl(),
                    "--spring.datasource.username=" + db.user(),
                    "--spring.datasource.password=",
                    "--server.port=0"));

    assertThat(failure).hasRootCauseInstanceOf(BadSettingException.class);
    assertThat(firstLine(output))
        .isEqualTo(
            "hiway.pseudonym.profile: "
                + profile.toAbsolutePath()
                + ": dates.shiftDays.min must be a whole number from 1 to 3650, not 0");
  }

  @Test
  void profileWhenShippedOneNamedAsAFileThenLoads(@TempDir Path folder) throws IOException {
    Path profile = folder.resolve("profile.json");
    Files.writeString(profile, shipped());

    assertThat(PseudonymConfiguration.profile(profile).policy().shiftMinDays()).isEqualTo(1);
    assertThat(PseudonymConfiguration.profile(null).name()).isEqualTo("hiway-secondary-use");
  }

  private static String shipped() throws IOException {
    try (InputStream in =
        DeidentificationProfile.class.getResourceAsStream(
            DeidentificationProfile.DEFAULT_RESOURCE)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(text).contains("\"min\": 1,");
      return text;
    }
  }

  private static String firstLine(CapturedOutput output) {
    String all = output.getAll();
    int report = all.indexOf("APPLICATION FAILED TO START");
    assertThat(report).as("Boot's failure report").isPositive();
    assertThat(all.substring(0, report)).doesNotContain("\tat ");
    String description =
        all.substring(all.indexOf("Description:", report) + "Description:".length());
    return description.strip().lines().findFirst().orElse("");
  }
}
