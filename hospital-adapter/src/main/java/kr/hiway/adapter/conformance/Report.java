package kr.hiway.adapter.conformance;

import java.util.List;
import java.util.Optional;

/**
 * What a conformance run found: every check in the order run. Immutable.
 *
 * @param baseUrl the adapter checked
 * @param checks every check, passed or failed
 */
public record Report(String baseUrl, List<Check> checks) {

  public Report {
    checks = List.copyOf(checks);
  }

  /** Whether every check passed. */
  public boolean passed() {
    return checks.stream().allMatch(Check::passed);
  }

  public List<Check> failures() {
    return checks.stream().filter(c -> !c.passed()).toList();
  }

  /** The names of the failed checks, in the order run. */
  public List<String> failedNames() {
    return failures().stream().map(Check::name).toList();
  }

  public Optional<Check> check(String name) {
    return checks.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The report as printed by the kit: one line per check, then a summary line. */
  public String render() {
    int width = checks.stream().mapToInt(c -> c.name().length()).max().orElse(10);
    StringBuilder out = new StringBuilder("Conformance of ").append(baseUrl).append('\n');
    for (Check c : checks) {
      out.append(c.passed() ? "PASS  " : "FAIL  ")
          .append(c.name())
          .append(" ".repeat(width - c.name().length() + 2))
          .append(c.message())
          .append('\n');
    }
    int failed = failures().size();
    out.append(checks.size())
        .append(" checks: ")
        .append(checks.size() - failed)
        .append(" passed, ")
        .append(failed)
        .append(" failed")
        .append(failed == 0 ? "" : " (" + String.join(", ", failedNames()) + ")")
        .append('\n');
    return out.toString();
  }
}
