package kr.hiway.consent.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every way a submitted Consent can be refused, one named fixture each under {@code
 * consent/invalid/}: the HTTP status it maps to and the exact fields the problems name.
 */
class ConsentValidationTest {

  static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

  private static ConsentFhir fhir;

  @BeforeAll
  static void context() {
    fhir = new ConsentFhir(FhirContext.forR4Cached());
  }

  @ParameterizedTest(name = "{0} -> {1} at {2}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          missing-recipient;               422; Consent.provision.actor
          two-recipients;                  422; Consent.provision.actor
          recipient-not-an-organization;   422; Consent.provision.actor.reference
          unknown-purpose;                 422; Consent.provision.purpose
          marketing-purpose;               422; Consent.provision.purpose
          purpose-wrong-system;            422; Consent.provision.purpose
          no-purpose;                      422; Consent.provision.purpose
          unknown-class;                   422; Consent.provision.class
          no-class;                        422; Consent.provision.class
          validity-end-before-start;       422; Consent.provision.period.end
          validity-too-long;               422; Consent.provision.period.end
          validity-without-end;            422; Consent.provision.period.end
          validity-without-start;          422; Consent.provision.period.start
          validity-missing;                422; Consent.provision.period.start|Consent.provision.period.end
          validity-already-over;           422; Consent.provision.period.end
          validity-time-without-zone;      422; Consent.provision.period.start
          data-period-end-before-start;    422; Consent.provision.dataPeriod.end
          deny-provision;                  422; Consent.provision.type
          nested-deny-provision;           422; Consent.provision.provision
          several-permit-provisions;       422; Consent.provision.provision
          provision-array;                 400; Consent.provision
          missing-provision;               422; Consent.provision
          wrong-scope;                     422; Consent.scope
          missing-category;                422; Consent.category
          patient-missing;                 422; Consent.patient
          patient-not-a-patient;           422; Consent.patient.reference
          status-draft;                    422; Consent.status
          status-inactive;                 422; Consent.status
          status-unknown;                  400; Consent.status
          unknown-security-label;          422; Consent.provision.securityLabel
          custodian-not-a-hospital-code;   422; Consent.provision.actor.reference
          actor-role-unknown;              422; Consent.provision.actor.role
          provision-code;                  422; Consent.provision.code
          provision-data;                  422; Consent.provision.data
          action-collect;                  422; Consent.provision.action
          policy-rule-opt-out;             422; Consent.policyRule
          modifier-extension;              422; Consent.modifierExtension
          misspelt-element;                400; Consent.provison
          invalid-date;                    400; Consent
          not-json;                        400; Consent
          not-a-consent;                   400; Consent
          """)
  void parseSubmittedWhenFixtureInvalidThenProblemsNameTheField(
      String fixture, int status, String fields) {
    String json = fixture("invalid/" + fixture + ".json");

    assertThatThrownBy(() -> fhir.parseSubmitted(json, NOW))
        .isInstanceOfSatisfying(
            ConsentValidationException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(status);
              assertThat(e.unparseable()).isEqualTo(status == 400);
              assertThat(e.problems())
                  .extracting(ConsentProblem::field)
                  .containsOnly(fields.split("\\|"));
              assertThat(e.problems()).allSatisfy(p -> assertThat(p.message()).isNotBlank());
            });
  }

  @Test
  void fixturesWhenListedThenEveryInvalidFixtureIsInTheTable() throws Exception {
    // A fixture missing from the table would silently test nothing.
    Set<String> onDisk = fixtureNames("invalid");
    String table =
        Arrays.stream(
                ConsentValidationTest.class
                    .getDeclaredMethod(
                        "parseSubmittedWhenFixtureInvalidThenProblemsNameTheField",
                        String.class,
                        int.class,
                        String.class)
                    .getAnnotation(CsvSource.class)
                    .textBlock()
                    .split("\n"))
            .map(line -> line.split(";")[0].strip())
            .filter(s -> !s.isEmpty())
            .collect(Collectors.joining(","));
    assertThat(Set.of(table.split(","))).isEqualTo(onDisk);
  }

  @Test
  void parseSubmittedWhenInvalidPurposeThenMessageListsAcceptedCodes() {
    ConsentValidationException e = failure("invalid/unknown-purpose.json");

    assertThat(e.problems().get(0).message()).contains("'XYZ'", "TREAT", "HRESCH", "PATRQT");
  }

  @Test
  void parseSubmittedWhenSeveralProblemsThenAllAreReported() {
    String json =
        fixture("invalid/no-class.json")
            .replace("\"code\": \"HPAYMT\"", "\"code\": \"HMARKT\"")
            .replace("patient-privacy", "research");

    ConsentValidationException e = failureOf(json);

    assertThat(e.problems())
        .extracting(ConsentProblem::field)
        .containsExactlyInAnyOrder(
            "Consent.scope", "Consent.provision.purpose", "Consent.provision.class");
  }

  @Test
  void parseSubmittedWhenHostileCodeThenMessageIsCutAndHasNoControlCharacters() {
    String code = "X\\nFAKE LOG LINE " + "A".repeat(200);
    String json = fixture("invalid/unknown-purpose.json").replace("\"XYZ\"", "\"" + code + "\"");

    ConsentValidationException e = failureOf(json);

    assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("A".repeat(50));
  }

  @Test
  void toOperationOutcomeWhenInvalidThenOneIssuePerProblemWithExpression() {
    ConsentValidationException e = failure("invalid/validity-missing.json");

    OperationOutcome outcome = e.toOperationOutcome();

    assertThat(outcome.getIssue()).hasSize(e.problems().size());
    assertThat(outcome.getIssue())
        .allSatisfy(i -> {
          assertThat(i.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
          assertThat(i.getCode()).isEqualTo(OperationOutcome.IssueType.INVARIANT);
        });
    assertThat(outcome.getIssue())
        .extracting(i -> i.getExpression().get(0).getValue())
        .containsExactly("Consent.provision.period.start", "Consent.provision.period.end");
  }

  @Test
  void toOperationOutcomeWhenUnparseableThenIssueTypeStructure() {
    ConsentValidationException e = failure("invalid/not-json.json");

    assertThat(e.toOperationOutcome().getIssueFirstRep().getCode())
        .isEqualTo(OperationOutcome.IssueType.STRUCTURE);
    assertThat(e.getMessage()).doesNotContain("resourceType");
  }

  @ParameterizedTest(name = "{0} to {1}")
  @CsvSource({
    "2025-05-01, 2030-04-30, true",
    "2025-05-01, 2030-05-01, false",
    "2025-05-01T12:00:00+09:00, 2030-05-01T11:59:59+09:00, true",
    "2025-05-01T12:00:00+09:00, 2030-05-01T12:00:00+09:00, false"
  })
  void parseSubmittedWhenValidityNearFiveYearsThenBoundaryHolds(
      String start, String end, boolean accepted) {
    String json =
        fixture("valid/insurer-two-hospitals-mental-health.json")
            .replace("\"start\": \"2025-05-01\"", "\"start\": \"" + start + "\"")
            .replace("\"end\": \"2026-04-30\"", "\"end\": \"" + end + "\"");

    if (accepted) {
      assertThat(fhir.parseSubmitted(json, NOW).validity().start()).isNotNull();
    } else {
      assertThat(failureOf(json).problems())
          .extracting(ConsentProblem::field)
          .containsOnly("Consent.provision.period.end");
    }
  }

  private static ConsentValidationException failure(String name) {
    return failureOf(fixture(name));
  }

  private static ConsentValidationException failureOf(String json) {
    try {
      fhir.parseSubmitted(json, NOW);
    } catch (ConsentValidationException e) {
      return e;
    }
    throw new AssertionError("expected a validation failure");
  }

  static String fixture(String name) {
    try (InputStream in = ConsentValidationTest.class.getResourceAsStream("/consent/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Set<String> fixtureNames(String dir) throws IOException, URISyntaxException {
    Path path = Path.of(ConsentValidationTest.class.getResource("/consent/" + dir).toURI());
    try (Stream<Path> files = Files.list(path)) {
      List<String> names = files.map(p -> p.getFileName().toString().replace(".json", "")).toList();
      return Set.copyOf(names);
    }
  }
}
