package kr.hiway.adapter.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The SDK guide gives the coordinates, install command and dependency versions this build really
 * has: a hospital copies them, so a version that drifts from the poms fails here.
 */
class SdkGuideTest {

  static final Path GUIDE = Path.of("..", "docs", "adapter-sdk.md");
  static final Pattern TABLE_ROW =
      Pattern.compile("^\\| `([\\w.-]+):([\\w.-]+)` \\| `([^`]+)` \\|", Pattern.MULTILINE);

  @Test
  void guideWhenReadThenCoordinatesAndHostJarNameCarryThePomVersion() throws IOException {
    String guide = Files.readString(GUIDE);
    String version = projectVersion();

    List<String> coordinates = all(guide, "kr\\.hiway:hospital-adapter:([^\\s`|]+)");
    List<String> jars = all(guide, "hospital-adapter-([0-9][^\\s`/:]*?)-host\\.jar");
    assertThat(coordinates).isNotEmpty().containsOnly(version);
    assertThat(jars).isNotEmpty().containsOnly(version);
    assertThat(guide).contains("./mvnw -q -pl hospital-adapter -am install -DskipTests");
  }

  @Test
  void guideWhenDependencyTableReadThenEveryVersionIsTheOneThisBuildResolves() throws IOException {
    String guide = Files.readString(GUIDE);
    Map<String, String> table = new LinkedHashMap<>();
    Matcher m = TABLE_ROW.matcher(guide);
    while (m.find()) {
      table.put(m.group(1) + ":" + m.group(2), m.group(3));
    }

    assertThat(table)
        .containsKeys(
            "kr.hiway:hospital-adapter",
            "ca.uhn.hapi.fhir:hapi-fhir-validation",
            "ca.uhn.hapi.fhir:hapi-fhir-validation-resources-r4",
            "ca.uhn.hapi.fhir:hapi-fhir-caching-caffeine",
            "com.h2database:h2",
            "ch.qos.logback:logback-classic");
    for (Map.Entry<String, String> row : table.entrySet()) {
      String expected =
          row.getKey().startsWith("kr.hiway:") ? projectVersion() : resolved(row.getKey());
      assertThat(row.getValue()).as(row.getKey()).isEqualTo(expected);
    }
  }

  private static List<String> all(String text, String regex) {
    List<String> found = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  /** The version of this module: its parent's, which it inherits. */
  private static String projectVersion() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    Matcher m =
        Pattern.compile("<artifactId>hiway-parent</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(pom);
    assertThat(m.find()).as("the parent version in pom.xml").isTrue();
    return m.group(1);
  }

  /** The version of the artifact on the test class path, from its place in the repository. */
  private static String resolved(String coordinates) throws IOException {
    String[] ga = coordinates.split(":");
    String dir = "/" + ga[0].replace('.', '/') + "/" + ga[1] + "/";
    for (URL manifest : Collections.list(getClassLoader().getResources("META-INF/MANIFEST.MF"))) {
      String path = manifest.getPath();
      int at = path.indexOf(dir);
      if (at >= 0) {
        String rest = path.substring(at + dir.length());
        return rest.substring(0, rest.indexOf('/'));
      }
    }
    throw new AssertionError(coordinates + " is not on the class path");
  }

  private static ClassLoader getClassLoader() {
    return SdkGuideTest.class.getClassLoader();
  }
}
