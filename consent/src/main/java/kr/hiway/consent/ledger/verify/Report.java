package kr.hiway.consent.ledger.verify;

import java.util.List;
import java.util.Optional;
import kr.hiway.consent.ledger.Checkpoint;

/**
 * The outcome of one verification run: the checkpoint that was verified (empty if its signature
 * could not be verified), the signed note it came in, and every finding in the order checked.
 *
 * <p>Immutable and thread-safe; no component is null ({@code note} is empty if none was fetched).
 */
public record Report(Optional<Checkpoint> checkpoint, String note, List<Finding> findings) {

  public Report {
    findings = List.copyOf(findings);
  }

  /** Whether every check passed. */
  public boolean ok() {
    return findings.stream().noneMatch(Finding::failed);
  }

  /** The failures only. */
  public List<Finding> failures() {
    return findings.stream().filter(Finding::failed).toList();
  }

  /** One line per finding, failures marked, then a verdict line. */
  public String summary() {
    StringBuilder s = new StringBuilder();
    for (Finding f : findings) {
      s.append(f.failed() ? "FAIL " : "ok   ").append(f.message()).append('\n');
    }
    long failed = failures().size();
    s.append(failed == 0 ? "VERIFIED" : "FAILED: " + failed + " problem(s)").append('\n');
    return s.toString();
  }
}
