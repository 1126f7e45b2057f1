package kr.hiway.adapter.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

/**
 * One run against one adapter: the HTTP client, the validity of what came back, the checks so far,
 * and the helpers every check uses to hold an answer to the contract. Not thread-safe.
 */
final class Session {

  /** A check's finding that the adapter broke the contract; its message says how. */
  static final class CheckFailed extends Exception {
    CheckFailed(String message) {
      super(message, null, false, false);
    }
  }

  /** The body of a check: returns what was seen when it passes, throws when it does not. */
  @FunctionalInterface
  interface Body {
    String run() throws Exception;
  }

  /** Every resource of a paged search, and what the pages said. */
  record Paged(List<Resource> resources, int pages) {}

  static final int MAX_PAGES = 100;

  private final String base;
  private final FhirHttp http;
  private final Validity validity;
  private final IParser parser;
  private final List<Check> checks = new ArrayList<>();

  Session(URI baseUrl, FhirHttp http, Validity validity, FhirContext fhir) {
    String b = baseUrl.toString();
    this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    this.http = http;
    this.validity = validity;
    // Strict: an unknown element or a malformed value fails the check, instead of being dropped
    // silently by the parser, which is what a lenient client would do and hide the fault.
    this.parser = fhir.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
  }

  String base() {
    return base;
  }

  List<Check> checks() {
    return checks;
  }

  void check(String name, Body body) {
    try {
      checks.add(Check.pass(name, body.run()));
    } catch (CheckFailed e) {
      checks.add(Check.fail(name, e.getMessage()));
    } catch (IOException e) {
      checks.add(Check.fail(name, "no answer: " + e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      checks.add(Check.fail(name, "interrupted"));
    } catch (Exception e) {
      checks.add(Check.fail(name, "could not check: " + e));
    }
  }

  void notRun(String name, String because) {
    checks.add(Check.fail(name, "not run: " + because));
  }

  static CheckFailed failed(String message) {
    return new CheckFailed(message);
  }

  static void require(boolean condition, String message) throws CheckFailed {
    if (!condition) {
      throw new CheckFailed(message);
    }
  }

  /** An untimed call before the checks (see {@link FhirHttp#warmUp}). */
  void warmUp(String relative) {
    try {
      http.warmUp(URI.create(base + "/" + relative));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  FhirHttp.Answer get(String relative) throws IOException, InterruptedException {
    return http.get(URI.create(base + "/" + relative));
  }

  FhirHttp.Answer getAbsolute(String url) throws IOException, InterruptedException {
    return http.get(URI.create(url));
  }

  /** The answer as a 200 with a valid resource of that type; validates it. */
  <T extends Resource> T read(FhirHttp.Answer a, Class<T> type) throws CheckFailed {
    require(a.status() == 200, "GET " + path(a) + " answered " + a.describe() + ", not 200");
    T resource = parse(a, type);
    if (resource instanceof Bundle bundle) {
      validateBundle(bundle);
    } else {
      validity.validate(resource);
    }
    return resource;
  }

  /** The answer as a 200 searchset Bundle; validates its entries and the Bundle around them. */
  Bundle searchset(FhirHttp.Answer a) throws CheckFailed {
    Bundle bundle = read(a, Bundle.class);
    require(
        bundle.getType() == Bundle.BundleType.SEARCHSET,
        "GET " + path(a) + " answered a " + bundle.getType() + " Bundle, not a searchset");
    return bundle;
  }

  /** The answer as an error: one of the statuses, and an OperationOutcome with an error issue. */
  OperationOutcome outcome(FhirHttp.Answer a, Set<Integer> statuses) throws CheckFailed {
    require(
        statuses.contains(a.status()),
        "GET " + path(a) + " answered " + a.describe() + ", expected " + statuses);
    OperationOutcome outcome = parse(a, OperationOutcome.class);
    validity.validate(outcome);
    require(
        outcome.getIssue().stream()
            .anyMatch(i ->
                i.getSeverity() == OperationOutcome.IssueSeverity.ERROR
                    || i.getSeverity() == OperationOutcome.IssueSeverity.FATAL),
        "the OperationOutcome of GET " + path(a) + " has no issue of severity error");
    return outcome;
  }

  /**
   * Follows {@code next} links from the first page, checking that no record comes twice, that every
   * page states the same total if any, and that the links end.
   */
  Paged pages(String relative) throws CheckFailed, IOException, InterruptedException {
    List<Resource> all = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Set<String> visited = new HashSet<>();
    Integer total = null;
    FhirHttp.Answer answer = get(relative);
    int pages = 0;
    while (true) {
      pages++;
      Bundle page = searchset(answer);
      if (page.hasTotal()) {
        require(
            total == null || total == page.getTotal(),
            "page "
                + pages
                + " of "
                + relative
                + " says total "
                + page.getTotal()
                + ", page 1 said "
                + total);
        total = page.getTotal();
      }
      for (Bundle.BundleEntryComponent e : page.getEntry()) {
        if (e.getSearch().getMode() == Bundle.SearchEntryMode.OUTCOME) {
          continue;
        }
        Resource r = e.getResource();
        require(r != null, "page " + pages + " of " + relative + " has an entry with no resource");
        require(
            ids.add(Records.name(r)),
            "page "
                + pages
                + " of "
                + relative
                + " repeats "
                + Records.name(r)
                + ", already on an earlier page");
        all.add(r);
      }
      Bundle.BundleLinkComponent next = page.getLink(Bundle.LINK_NEXT);
      if (next == null || !next.hasUrl()) {
        break;
      }
      require(visited.add(next.getUrl()), "the next links of " + relative + " loop");
      require(pages < MAX_PAGES, relative + " has more than " + MAX_PAGES + " pages");
      answer = getAbsolute(next.getUrl());
    }
    require(
        total == null || total == all.size(),
        relative + ": total says " + total + ", the pages held " + all.size());
    return new Paged(all, pages);
  }

  private void validateBundle(Bundle bundle) {
    for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
      if (e.getResource() != null) {
        validity.validate(e.getResource());
      }
    }
    // The Bundle itself (type, total, links), without the entries just validated one by one.
    Bundle shell = bundle.copy();
    shell.setEntry(null);
    shell.setId((String) null);
    validity.validate(shell);
  }

  private <T extends IBaseResource> T parse(FhirHttp.Answer a, Class<T> type) throws CheckFailed {
    require(
        a.isFhirJson(),
        "GET " + path(a) + " answered " + a.describe() + ", not FHIR JSON: " + snippet(a.body()));
    IBaseResource parsed;
    try {
      parsed = parser.parseResource(a.body());
    } catch (DataFormatException e) {
      throw failed("GET " + path(a) + " answered FHIR JSON that does not parse: " + e.getMessage());
    }
    require(
        type.isInstance(parsed),
        "GET "
            + path(a)
            + " answered a "
            + parsed.fhirType()
            + ", expected a "
            + type.getSimpleName());
    return type.cast(parsed);
  }

  private String path(FhirHttp.Answer a) {
    String s = a.uri().toString();
    return s.startsWith(base) ? s.substring(base.length()) : s;
  }

  private static String snippet(String body) {
    String flat = body.replaceAll("\\s+", " ").strip();
    return flat.length() <= 60 ? flat : flat.substring(0, 60) + "…";
  }
}
