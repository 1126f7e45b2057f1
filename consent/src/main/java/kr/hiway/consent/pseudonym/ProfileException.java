package kr.hiway.consent.pseudonym;

import java.util.List;

/**
 * A de-identification profile that cannot be used: unreadable, or with rules that name unknown
 * types, paths or actions, leave out a resource type, or would leak or break the output. The
 * message lists every problem found, one per line, each naming the path or field concerned.
 *
 * <p>Immutable and thread-safe; {@link #problems()} is never null nor empty. Messages name paths
 * and types, never data.
 */
public final class ProfileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // List.copyOf gives a serializable list
  private final List<String> problems;

  ProfileException(List<String> problems) {
    this(problems.isEmpty() ? List.of("unknown problem") : List.copyOf(problems), null);
  }

  private ProfileException(List<String> problems, Throwable cause) {
    super("invalid de-identification profile:\n  - " + String.join("\n  - ", problems), cause);
    this.problems = problems;
  }

  ProfileException(String problem, Throwable cause) {
    this(List.of(problem), cause);
  }

  /** The problems found, one sentence each. */
  public List<String> problems() {
    return problems;
  }
}
