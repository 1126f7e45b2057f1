package kr.hiway.adapter.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import kr.hiway.vocabulary.LinkageToken;
import kr.hiway.vocabulary.RecordType;

/**
 * The adapter conformance kit as a Java API: checks an adapter over HTTP against the contract the
 * gateway relies on, and says what it found in a {@link Report}. {@link ConformanceKit} is its
 * command line; tests call {@link #run} directly.
 *
 * <p>Building an instance takes a few seconds (the validator loads the R4 definitions), so make one
 * and run it against as many adapters as needed. Thread-safe: runs are serialised.
 */
public final class Conformance {

  /**
   * What to check.
   *
   * @param baseUrl the adapter's FHIR base, such as {@code https://adapter.example.kr/fhir}
   * @param linkageToken the linkage token of a test person the adapter holds records of
   * @param nationalId the same person's national identifier, which must appear in no answer
   * @param budget how long any one call may take
   * @param clientTls the client certificate to present if the adapter asks for one (an adapter
   *     behind mutual TLS); empty for plain HTTP
   */
  public record Target(
      URI baseUrl,
      String linkageToken,
      String nationalId,
      Duration budget,
      Optional<SSLContext> clientTls) {

    public Target {
      Objects.requireNonNull(baseUrl, "baseUrl");
      Objects.requireNonNull(linkageToken, "linkageToken");
      Objects.requireNonNull(nationalId, "nationalId");
      Objects.requireNonNull(budget, "budget");
      Objects.requireNonNull(clientTls, "clientTls");
      if (nationalId.isBlank()) {
        throw new IllegalArgumentException("the national identifier must not be blank");
      }
      if (budget.isNegative() || budget.isZero()) {
        throw new IllegalArgumentException("the budget must be positive");
      }
    }

    /** Over plain HTTP, or over TLS without a client certificate. */
    public Target(URI baseUrl, String linkageToken, String nationalId, Duration budget) {
      this(baseUrl, linkageToken, nationalId, budget, Optional.empty());
    }

    /** The target for a test person given by national identifier and the hospital's key. */
    public static Target of(URI baseUrl, LinkageToken linkage, String nationalId, Duration budget) {
      return new Target(baseUrl, linkage.of(nationalId), nationalId, budget);
    }

    /** The same target, reached with this client certificate (mutual TLS). */
    public Target withClientTls(SSLContext context) {
      return new Target(
          baseUrl, linkageToken, nationalId, budget, Optional.of(Objects.requireNonNull(context)));
    }
  }

  /** How long the kit waits for an answer before calling it a failure, whatever the budget. */
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final FhirContext fhir;
  private final FhirValidator validator;
  private final JsonTypes jsonTypes;

  /** A kit with its own R4 context. */
  public Conformance() {
    this(FhirContext.forR4());
  }

  public Conformance(FhirContext fhir) {
    this.fhir = Objects.requireNonNull(fhir, "fhir");
    this.validator = Validity.validatorFor(fhir);
    this.jsonTypes = new JsonTypes(fhir);
  }

  /** Runs every check against the target. Never throws for what the adapter does. */
  public synchronized Report run(Target target) {
    Objects.requireNonNull(target, "target");
    Validity validity = new Validity(fhir, validator);
    try (FhirHttp http = new FhirHttp(TIMEOUT, target.clientTls())) {
      Session session = new Session(target.baseUrl(), http, validity, fhir);
      warmUp(session);
      ServerChecks server = new ServerChecks(session);
      server.metadata();
      Optional<String> patient = server.linkage(target.linkageToken());
      if (patient.isPresent()) {
        server.patientRead(patient.get());
        SearchChecks searches = new SearchChecks(session, patient.get());
        searches.everyType();
        searches.everything();
      } else {
        session.notRun("patient.read", "linkage.found failed");
        for (RecordType type : RecordType.values()) {
          for (String check : List.of("search.", "paging.", "date.")) {
            session.notRun(check + type.fhirType(), "linkage.found failed");
          }
        }
        session.notRun("everything", "linkage.found failed");
      }
      server.errors(patient);
      List<Check> checks = new ArrayList<>(session.checks());
      checks.add(NationalId.check(http.answers(), target.nationalId(), session.base()));
      checks.add(jsonTypes.check(http.answers(), session.base()));
      checks.addAll(validity.checks(expectedTypes()));
      checks.add(Latency.check(http.timings(), http.warmUps(), target.budget(), session.base()));
      return new Report(session.base(), checks);
    }
  }

  /**
   * The capability statement and one search of each kind, untimed: a freshly started adapter loads
   * classes and makes its TLS session on its first answers, which the gateway, calling an adapter
   * that has been up for hours, never waits for.
   */
  private static void warmUp(Session session) {
    session.warmUp("metadata");
    session.warmUp(ServerChecks.identifierQuery(ServerChecks.randomToken()));
    session.warmUp("Observation?patient=conformance-nobody");
  }

  private static List<String> expectedTypes() {
    List<String> types = new ArrayList<>(List.of("CapabilityStatement", "Bundle", "Patient"));
    Arrays.stream(RecordType.values()).map(RecordType::fhirType).forEach(types::add);
    types.add("OperationOutcome");
    return types;
  }
}
