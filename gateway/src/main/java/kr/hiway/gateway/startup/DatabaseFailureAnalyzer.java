package kr.hiway.gateway.startup;

import java.sql.SQLException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * A database failure during the start that {@link DatabaseCheck} did not catch first (an H2 file
 * another process holds, a server that went away, a driver the pool could not load), as one line
 * naming the setting instead of the pool's and Flyway's nested traces.
 */
class DatabaseFailureAnalyzer implements FailureAnalyzer, Ordered {

  private final Environment environment;

  DatabaseFailureAnalyzer(Environment environment) {
    this.environment = environment;
  }

  @Override
  public FailureAnalysis analyze(Throwable failure) {
    String url = environment.getProperty(DatabaseProblems.URL);
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BadSettingException) {
        return null; // BadSettingFailureAnalyzer's
      }
      if (String.valueOf(t.getMessage()).contains("Failed to determine a suitable driver class")
          || String.valueOf(t.getMessage()).startsWith("Failed to get driver instance")) {
        return analysis(DatabaseProblems.badUrl(url), failure);
      }
      if (t instanceof SQLException sql) {
        return analysis(DatabaseProblems.of(url, sql), failure);
      }
    }
    return null;
  }

  private static FailureAnalysis analysis(BadSettingException problem, Throwable failure) {
    return new FailureAnalysis(problem.getMessage(), problem.action(), failure);
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
