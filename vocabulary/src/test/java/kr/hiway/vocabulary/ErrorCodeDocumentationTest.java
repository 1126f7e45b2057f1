package kr.hiway.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/errors.md} lists exactly the codes {@link ErrorCode} issues, each with its status: a
 * client reading the table sees what the gateway and the adapters answer.
 */
class ErrorCodeDocumentationTest {

  private static final Pattern ROW = Pattern.compile("^\\| (HIW-[AG][0-9]{3}) \\| ([0-9]{3}) \\|");

  @Test
  void errorsTableWhenReadThenSameCodesAndStatusesAsTheEnum() throws Exception {
    Map<String, Integer> documented = new TreeMap<>();
    for (String line : Files.readAllLines(Path.of("..", "docs", "errors.md"))) {
      Matcher m = ROW.matcher(line);
      if (m.find()) {
        assertThat(documented.put(m.group(1), Integer.parseInt(m.group(2))))
            .as("%s listed twice", m.group(1))
            .isNull();
      }
    }
    Map<String, Integer> issued =
        Arrays.stream(ErrorCode.values())
            .collect(
                Collectors.toMap(ErrorCode::code, ErrorCode::status, (a, b) -> -1, TreeMap::new));

    assertThat(issued).as("codes are unique").doesNotContainValue(-1);
    assertThat(documented).isEqualTo(issued);
  }
}
