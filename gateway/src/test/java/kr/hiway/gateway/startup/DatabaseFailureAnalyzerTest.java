package kr.hiway.gateway.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

/**
 * A database failure that reaches Boot's report nested deep in bean creation (as Flyway's and the
 * pool's do) is reported by its setting, and a URL's password never shows.
 */
class DatabaseFailureAnalyzerTest {

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "jdbc:postgresql://u:pw@db:5432/hiway?password=pw | 08001 | spring.datasource.url: cannot"
            + " reach db:5432/hiway: the connection was refused",
        "jdbc:postgresql://db/hiway?password=pw | 28P01 | spring.datasource.password: the database"
            + " at db/hiway refused to sign in: boom",
        "jdbc:h2:file:./data/hiway;PASSWORD=pw | 90020 | spring.datasource.url: the database at a"
            + " jdbc:h2 URL cannot be opened: boom (SQLState 90020)"
      })
  void analyzeWhenSqlExceptionNestedThenOneLineNamingTheSetting(
      String url, String state, String expected) {
    SQLException sql =
        new SQLException(
            "boom\nsecond line", state, state.equals("08001") ? new ConnectException() : null);
    Throwable failure =
        new BeanCreationException("flywayInitializer", new IllegalStateException("wrapped", sql));

    FailureAnalysis analysis =
        new DatabaseFailureAnalyzer(
                new MockEnvironment().withProperty("spring.datasource.url", url))
            .analyze(failure);

    assertThat(analysis.getDescription()).isEqualTo(expected).doesNotContain("pw");
    assertThat(analysis.getAction()).contains("spring.datasource.url");
  }

  @ParameterizedTest
  @CsvSource({"Failed to determine a suitable driver class", "Failed to get driver instance for x"})
  void analyzeWhenNoDriverForTheUrlThenNamesTheUrlSetting(String message) {
    FailureAnalysis analysis =
        new DatabaseFailureAnalyzer(
                new MockEnvironment().withProperty("spring.datasource.url", "mysql://db/x"))
            .analyze(new BeanCreationException("dataSource", new RuntimeException(message)));

    assertThat(analysis.getDescription())
        .startsWith("spring.datasource.url: no JDBC driver here accepts a mysql URL");
  }
}
