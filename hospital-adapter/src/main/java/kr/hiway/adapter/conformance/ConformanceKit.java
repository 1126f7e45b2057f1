package kr.hiway.adapter.conformance;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import kr.hiway.vocabulary.LinkageToken;

/**
 * The conformance kit's command line: checks a running adapter and prints one line per check. Exits
 * 0 when every check passed, 1 when any failed, 2 on a usage error.
 *
 * <pre>
 * ConformanceKit --base-url URL --national-id ID (--linkage-key BASE64 | --linkage-token TOKEN)
 *                [--budget-ms 1000]
 * </pre>
 *
 * <p>The test person must be one the adapter holds records of; the more kinds of record, the more
 * the checks exercise. The linkage key is the one the hospital shares with the gateway. The
 * national identifier is always needed: the kit fails an adapter that returns it anywhere.
 */
public final class ConformanceKit {

  static final long DEFAULT_BUDGET_MS = 1000;

  private static final String USAGE =
      """
      usage: ConformanceKit --base-url URL --national-id ID
                            (--linkage-key BASE64 | --linkage-token TOKEN)
                            [--budget-ms MS]
        --base-url       the adapter's FHIR base, such as http://127.0.0.1:8090/fhir
        --national-id    a test person's resident registration number; no answer may carry it
        --linkage-key    the linkage key shared with the gateway, base64 (32 bytes or more)
        --linkage-token  the test person's linkage token, instead of the key
        --budget-ms      how long any one call may take, after warm-up (default 1000)
      """;

  private ConformanceKit() {}

  public static void main(String[] args) {
    Conformance.Target target;
    try {
      target = target(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    Report report = new Conformance().run(target);
    System.out.print(report.render());
    System.exit(report.passed() ? 0 : 1);
  }

  /** The target the arguments describe. */
  static Conformance.Target target(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --option value, got " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    String base = options.remove("base-url");
    String key = options.remove("linkage-key");
    String nationalId = options.remove("national-id");
    String token = options.remove("linkage-token");
    String budget = options.remove("budget-ms");
    if (!options.isEmpty()) {
      throw new IllegalArgumentException("unknown options " + options.keySet());
    }
    if (base == null) {
      throw new IllegalArgumentException("--base-url is required");
    }
    if (nationalId == null || nationalId.isBlank()) {
      throw new IllegalArgumentException(
          "--national-id is required: the kit checks that no answer carries it");
    }
    if ((token == null) == (key == null)) {
      throw new IllegalArgumentException("give --linkage-key or --linkage-token, one of them");
    }
    if (token == null) {
      token = LinkageToken.withKey(Base64.getDecoder().decode(key)).of(nationalId);
    }
    long budgetMs;
    try {
      budgetMs = budget == null ? DEFAULT_BUDGET_MS : Long.parseLong(budget);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--budget-ms takes a number of milliseconds");
    }
    return new Conformance.Target(URI.create(base), token, nationalId, Duration.ofMillis(budgetMs));
  }
}
