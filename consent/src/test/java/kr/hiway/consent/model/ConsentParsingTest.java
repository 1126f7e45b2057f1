package kr.hiway.consent.model;

import static kr.hiway.consent.model.ConsentValidationTest.NOW;
import static kr.hiway.consent.model.ConsentValidationTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationResult;
import java.time.Instant;
import java.util.Set;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Consent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A valid submitted Consent becomes the right terms, and terms become a valid FHIR Consent. */
class ConsentParsingTest {

  private static final String FULL = "valid/insurer-two-hospitals-mental-health.json";
  private static final String MINIMAL = "valid/research-app-all-hospitals-minimal.json";
  private static final Instant CREATED = Instant.parse("2025-06-01T03:04:05.678Z");

  private static FhirContext context;
  private static ConsentFhir fhir;

  @BeforeAll
  static void context() {
    context = FhirContext.forR4Cached();
    fhir = new ConsentFhir(context);
  }

  @Test
  void parseSubmittedWhenFullConsentThenEveryTermIsRead() {
    ConsentGrant g = fhir.parseSubmitted(fixture(FULL), NOW);

    assertThat(g.patientId()).isEqualTo("pt-0a1b2c3d4e5f60718293a4b5");
    assertThat(g.recipient()).isEqualTo("hanbit-insurance");
    assertThat(g.purposes()).containsExactlyInAnyOrder(PurposeOfUse.HPAYMT, PurposeOfUse.CLMATTCH);
    assertThat(g.resourceTypes())
        .containsExactlyInAnyOrder(
            RecordType.CONDITION, RecordType.MEDICATION_REQUEST, RecordType.ENCOUNTER);
    assertThat(g.custodians()).containsExactlyInAnyOrder("snuh", "pusan-nuh");
    assertThat(g.allHospitals()).isFalse();
    assertThat(g.sensitiveClassesAllowed()).containsExactly(SensitiveClass.MENTAL_HEALTH);
    assertThat(g.dataPeriod())
        .isEqualTo(new TimeRange(Instant.parse("2019-12-31T15:00:00Z"), null));
    // Inclusive end date in Korean time: valid until the end of 30 April, 24:00 KST.
    assertThat(g.validity())
        .isEqualTo(
            new TimeRange(
                Instant.parse("2025-04-30T15:00:00Z"), Instant.parse("2026-04-30T15:00:00Z")));
  }

  @Test
  void parseSubmittedWhenMinimalConsentThenDefaultsApply() {
    ConsentGrant g = fhir.parseSubmitted(fixture(MINIMAL), NOW);

    assertThat(g.recipient()).isEqualTo("research_app.v2");
    assertThat(g.allHospitals()).isTrue();
    assertThat(g.custodians()).isEmpty();
    assertThat(g.dataPeriod()).isEqualTo(TimeRange.ALWAYS);
    assertThat(g.sensitiveClassesAllowed()).isEmpty();
    assertThat(g.purposes()).containsExactly(PurposeOfUse.HRESCH);
    assertThat(g.validity().end()).isEqualTo(Instant.parse("2030-05-31T06:30:00Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {FULL, MINIMAL})
  void parseStoredWhenWrittenByToJsonThenSameTerms(String name) {
    ConsentTerms terms =
        fhir.parseSubmitted(fixture(name), NOW).toTerms("c-1", 3, ConsentStatus.INACTIVE, CREATED);

    ConsentTerms back = fhir.parseStored(fhir.toJson(terms));

    assertThat(back).isEqualTo(terms);
  }

  @ParameterizedTest
  @ValueSource(strings = {FULL, MINIMAL})
  void parseSubmittedWhenGivenOwnOutputThenSameGrant(String name) {
    ConsentTerms terms =
        fhir.parseSubmitted(fixture(name), NOW).toTerms("c-1", 1, ConsentStatus.ACTIVE, CREATED);

    ConsentGrant again = fhir.parseSubmitted(fhir.toJson(terms), NOW);

    assertThat(again).isEqualTo(terms.grant());
  }

  @Test
  void toFhirWhenFullTermsThenCanonicalShape() {
    ConsentTerms terms =
        fhir.parseSubmitted(fixture(FULL), NOW).toTerms("c-9", 2, ConsentStatus.ACTIVE, CREATED);

    Consent c = fhir.toFhir(terms);

    assertThat(c.getIdElement().getIdPart()).isEqualTo("c-9");
    assertThat(c.getMeta().getVersionId()).isEqualTo("2");
    assertThat(c.getMeta().getLastUpdatedElement().getValueAsString())
        .isEqualTo("2025-06-01T12:04:05.678+09:00");
    // The submitted dateTime (1 May) is not kept: the gateway's clock dates a consent.
    assertThat(c.getDateTimeElement().getValueAsString())
        .isEqualTo("2025-06-01T12:04:05.678+09:00");
    assertThat(c.getProvision().getPeriod().getStartElement().getValueAsString())
        .isEqualTo("2025-05-01");
    assertThat(c.getProvision().getPeriod().getEndElement().getValueAsString())
        .isEqualTo("2026-04-30");
    assertThat(c.getProvision().getDataPeriod().getStartElement().getValueAsString())
        .isEqualTo("2020-01-01");
    assertThat(c.getProvision().getDataPeriod().hasEnd()).isFalse();
    assertThat(c.getProvision().getActor())
        .extracting(
            a -> a.getRole().getCodingFirstRep().getCode(), a -> a.getReference().getReference())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("IRCP", "Organization/hanbit-insurance"),
            org.assertj.core.groups.Tuple.tuple("CST", "Organization/pusan-nuh"),
            org.assertj.core.groups.Tuple.tuple("CST", "Organization/snuh"));
    assertThat(c.getPolicyRule().getCodingFirstRep().getCode()).isEqualTo("OPTIN");
  }

  @Test
  void toFhirWhenRecipientIsNoFhirIdThenIdentifierForm() {
    ConsentTerms terms =
        fhir.parseSubmitted(fixture(MINIMAL), NOW).toTerms("c-2", 1, ConsentStatus.ACTIVE, CREATED);

    Consent c = fhir.toFhir(terms);

    assertThat(c.getProvision().getActorFirstRep().getReference().getIdentifier().getValue())
        .isEqualTo("research_app.v2");
    assertThat(c.getProvision().getActorFirstRep().getReference().getIdentifier().getSystem())
        .isEqualTo(ConsentCodes.CLIENT_ID_SYSTEM);
  }

  @ParameterizedTest
  @ValueSource(strings = {FULL, MINIMAL})
  void toFhirWhenValidatedAgainstR4ThenNoErrors(String name) {
    ConsentTerms terms =
        fhir.parseSubmitted(fixture(name), NOW).toTerms("c-3", 1, ConsentStatus.ACTIVE, CREATED);

    ValidationResult result = validator().validateWithResult(fhir.toFhir(terms));

    assertThat(result.getMessages())
        .filteredOn(m ->
            m.getSeverity() == ResultSeverityEnum.ERROR
                || m.getSeverity() == ResultSeverityEnum.FATAL)
        .isEmpty();
  }

  @Test
  void toFhirWhenPolicyMissingThenValidatorWouldObject() {
    // Guards the test above: the validator does enforce R4's ppc-1 (policy or policyRule).
    ConsentTerms terms =
        fhir.parseSubmitted(fixture(MINIMAL), NOW).toTerms("c-4", 1, ConsentStatus.ACTIVE, CREATED);
    Consent c = fhir.toFhir(terms).setPolicyRule(null);

    ValidationResult result = validator().validateWithResult(c);

    assertThat(result.getMessages()).anyMatch(m -> m.getSeverity() == ResultSeverityEnum.ERROR);
  }

  @Test
  void parseStoredWhenNotAConsentThenIllegalState() {
    assertThatThrownBy(() -> fhir.parseStored("{\"resourceType\":\"Patient\"}"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void consentFhirWhenNotR4ContextThenRefused() {
    assertThatThrownBy(() -> new ConsentFhir(FhirContext.forR5Cached()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void grantWhenCreatedThenSetsAreUnmodifiable() {
    ConsentGrant g = fhir.parseSubmitted(fixture(FULL), NOW);

    assertThatThrownBy(() -> g.custodians().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(Set.copyOf(g.custodians())).hasSize(2);
  }

  private static FhirValidator validator;

  private static synchronized FhirValidator validator() {
    if (validator == null) {
      ValidationSupportChain chain =
          new ValidationSupportChain(
              new DefaultProfileValidationSupport(context),
              new InMemoryTerminologyServerValidationSupport(context),
              new CommonCodeSystemsTerminologyService(context),
              new SnapshotGeneratingValidationSupport(context));
      validator = context.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
    }
    return validator;
  }
}
