package kr.hiway.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.util.List;
import java.util.stream.Stream;
import kr.hiway.gateway.testing.GatewayHttp;
import kr.hiway.gateway.testing.SmartLogin;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The gateway's answers are valid FHIR R4 by HAPI's instance validator (the HL7 validator's engine,
 * offline, with the R4 core definitions HAPI ships): the CapabilityStatement, patient47's {@code
 * $everything} from all 47 hospitals, each kind of OperationOutcome a client can get, and the "who
 * saw my data" search. Only errors fail; warnings (a Korean code system the validator cannot
 * resolve offline) do not. Same context as {@link PatientApiEndToEndTest}, so it is started once.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:e2e;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
      "hiway.demo.persons=2000"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StandardCleanAnswersTest {

  private static final FhirContext FHIR = FhirContext.forR4Cached();

  @LocalServerPort int port;
  GatewayHttp api;
  FhirValidator validator;
  String token47;
  String patient47;
  String patient1;
  String observationsOnly;
  String consentWriter;

  @BeforeAll
  void signIn() throws Exception {
    String base = "http://localhost:" + port;
    api = new GatewayHttp(base);
    SmartLogin.Tokens t47 =
        new SmartLogin(base)
            .signIn("patient47", "patient47", "openid fhirUser launch/patient patient/*.rs");
    token47 = t47.accessToken();
    patient47 = t47.body().path("patient").asString();
    patient1 =
        new SmartLogin(base)
            .signIn("patient1", "patient1", "launch/patient patient/*.rs")
            .body()
            .path("patient")
            .asString();
    observationsOnly =
        new SmartLogin(base)
            .signIn("patient47", "patient47", "launch/patient patient/Observation.rs")
            .accessToken();
    consentWriter =
        new SmartLogin(base)
            .signIn("patient47", "patient47", "launch/patient patient/*.rs patient/Consent.cruds")
            .accessToken();
    ValidationSupportChain chain =
        new ValidationSupportChain(
            new DefaultProfileValidationSupport(FHIR),
            new InMemoryTerminologyServerValidationSupport(FHIR),
            new CommonCodeSystemsTerminologyService(FHIR),
            new SnapshotGeneratingValidationSupport(FHIR));
    validator = FHIR.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
  }

  private List<String> errors(String json) {
    return validator.validateWithResult(json).getMessages().stream()
        .filter(m ->
            m.getSeverity() == ResultSeverityEnum.ERROR
                || m.getSeverity() == ResultSeverityEnum.FATAL)
        .map(m -> m.getLocationString() + ": " + m.getMessage())
        .toList();
  }

  @Test
  void capabilityStatementWhenValidatedThenNoErrors() throws Exception {
    GatewayHttp.Answer answer = api.get("metadata", null);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(errors(answer.body())).isEmpty();
  }

  @Test
  void everythingFromAll47HospitalsWhenValidatedThenNoErrors() throws Exception {
    GatewayHttp.Answer answer =
        api.get("Patient/" + patient47 + "/$everything?_count=1000", token47);
    assertThat(answer.status()).isEqualTo(200);
    Bundle bundle = answer.bundle();
    long hospitals =
        bundle.getEntry().stream()
            .map(e -> e.getResource().getMeta().getSource())
            .filter(s -> s != null && s.startsWith("urn:hiway:hospital:"))
            .distinct()
            .count();
    assertThat(hospitals).isEqualTo(47);
    assertThat(errors(answer.body())).isEmpty();
  }

  @Test
  void auditEventSearchWhenValidatedThenNoErrors() throws Exception {
    api.get("Patient/" + patient47, token47);
    api.get("Observation?patient=" + patient47 + "&_count=3", token47);
    GatewayHttp.Answer answer = api.get("AuditEvent?patient=" + patient47 + "&_count=20", token47);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.bundle().getEntry()).isNotEmpty();
    assertThat(errors(answer.body())).isEmpty();
  }

  Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of("GET", "Observation?patient=%s", "none", 401, "HIW-G001"),
        Arguments.of("GET", "Observation?patient=%s", "forged", 401, "HIW-G002"),
        Arguments.of("GET", "Observation?patient=%other", "patient", 403, "HIW-G003"),
        Arguments.of("GET", "Condition?patient=%s", "observations", 403, "HIW-G004"),
        Arguments.of("GET", "Observation?patient=%s&_include=x", "patient", 400, "HIW-G005"),
        Arguments.of("GET", "Observation?patient=%s&date=never", "patient", 400, "HIW-G006"),
        Arguments.of("GET", "Observation/nowhere.1", "patient", 404, "HIW-G007"),
        Arguments.of("GET", "?_getpages=bad&_pageId=next", "patient", 400, "HIW-G006"),
        Arguments.of("DELETE", "Observation/x.1", "patient", 405, "HIW-G013"),
        Arguments.of("GET", "Immunization?patient=%s&category=x", "patient", 400, "HIW-G005"),
        Arguments.of("GET", "Observation?patient=%s&_source=nowhere", "patient", 400, "HIW-G014"),
        Arguments.of("POST", "Consent", "consents", 422, "HIW-G015"),
        Arguments.of("POST", "Observation", "patient", 405, "HIW-G013"),
        Arguments.of("POST", "Consent?big", "consents", 413, "HIW-G019"));
  }

  private static String body(String method, String url) {
    if (url.endsWith("?big")) {
      return "{\"resourceType\":\"Consent\",\"text\":\"" + "x".repeat(1_100_000) + "\"}";
    }
    return method.equals("POST") ? "{\"resourceType\":\"Consent\"}" : "";
  }

  @ParameterizedTest(name = "{0} {1} as {2}: {3} {4}")
  @MethodSource("refusals")
  void operationOutcomeWhenRefusedThenValidWithItsCode(
      String method, String path, String who, int status, String code) throws Exception {
    String url = path.replace("%other", patient1).replace("%s", patient47);
    String token =
        switch (who) {
          case "none" -> null;
          case "forged" -> token47.substring(0, token47.lastIndexOf('.') + 1) + "AAAA";
          case "observations" -> observationsOnly;
          case "consents" -> consentWriter;
          default -> token47;
        };
    GatewayHttp.Answer answer =
        method.equals("GET")
            ? api.get(url, token)
            : api.send(method, url.replace("?big", ""), token, body(method, url));
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.errorCode()).as(answer.body()).isEqualTo(code);
    assertThat(errors(answer.body())).isEmpty();
  }
}
