package kr.hiway.consent.decision;

import static kr.hiway.consent.decision.AccessRequests.at;
import static kr.hiway.consent.decision.AccessRequests.classed;
import static kr.hiway.consent.decision.AccessRequests.dated;
import static kr.hiway.consent.decision.AccessRequests.with;
import static kr.hiway.consent.decision.ConsentTermsBuilder.NOW;
import static kr.hiway.consent.decision.ConsentTermsBuilder.PATIENT;
import static kr.hiway.consent.decision.ConsentTermsBuilder.RECIPIENT;
import static kr.hiway.consent.decision.ConsentTermsBuilder.consent;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import kr.hiway.consent.model.ConsentStatus;
import kr.hiway.consent.model.ConsentTerms;
import kr.hiway.consent.model.PurposeOfUse;
import kr.hiway.consent.model.SensitiveClass;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Decisions from consent lists alone, without a database: one row per rule. */
class ConsentDecisionTest {

  /** A Condition from 2023 at snuh, asked by the insurer for payment. */
  static final AccessRequest BASE =
      new AccessRequest(
          new Requester.ThirdParty(RECIPIENT),
          PurposeOfUse.HPAYMT,
          PATIENT,
          RecordType.CONDITION,
          "snuh",
          Instant.parse("2023-03-04T01:00:00Z"),
          Set.of(),
          NOW);

  record Case(
      List<ConsentTerms> consents,
      UnaryOperator<AccessRequest> request,
      boolean permitted,
      String voter,
      String consentId,
      String reason) {}

  static Stream<Arguments> cases() {
    return Stream.of(
        row(
            "decideWhenNoConsentThenDeny",
            List.of(),
            r -> r,
            false,
            "default-deny",
            null,
            "no consent of this patient names this recipient"),
        row(
            "decideWhenConsentCoversThenPermit",
            List.of(consent().build()),
            r -> r,
            true,
            "consent",
            "c-insurer",
            "covers"),
        row(
            "decideWhenConsentExpiredThenDeny",
            List.of(consent().validity("2024-06-01", "2025-05-31").build()),
            r -> r,
            false,
            "default-deny",
            "c-insurer",
            "consent c-insurer has expired"),
        row(
            "decideWhenConsentNotYetValidThenDeny",
            List.of(consent().validity("2025-07-01", "2026-06-30").build()),
            r -> r,
            false,
            "default-deny",
            "c-insurer",
            "consent c-insurer is not yet valid"),
        row(
            "decideWhenRequestAtValidityEndThenDeny",
            List.of(consent().validity("2025-01-01", "2025-06-01T08:59:59+09:00").build()),
            r -> r,
            false,
            "default-deny",
            "c-insurer",
            "has expired"),
        row(
            "decideWhenPurposeNotGrantedThenDeny",
            List.of(consent().build()),
            r -> with(r, PurposeOfUse.HRESCH),
            false,
            "default-deny",
            "c-insurer",
            "does not grant purpose HRESCH"),
        row(
            "decideWhenTypeNotGrantedThenDeny",
            List.of(consent().build()),
            r -> with(r, RecordType.OBSERVATION),
            false,
            "default-deny",
            "c-insurer",
            "does not grant Observation"),
        row(
            "decideWhenHospitalNotGrantedThenDeny",
            List.of(consent().build()),
            r -> at(r, "severance"),
            false,
            "default-deny",
            "c-insurer",
            "does not cover hospital severance"),
        row(
            "decideWhenConsentNamesNoHospitalThenAnyHospitalPermitted",
            List.of(consent().hospitals().build()),
            r -> at(r, "severance"),
            true,
            "consent",
            "c-insurer",
            "covers"),
        row(
            "decideWhenDataBeforePeriodThenDeny",
            List.of(consent().build()),
            r -> dated(r, Instant.parse("2019-12-31T14:59:59Z")),
            false,
            "default-deny",
            "c-insurer",
            "does not cover the record's date"),
        row(
            "decideWhenDataAtPeriodStartThenPermit",
            List.of(consent().build()),
            r -> dated(r, Instant.parse("2019-12-31T15:00:00Z")),
            true,
            "consent",
            "c-insurer",
            "covers"),
        row(
            "decideWhenDataAfterPeriodEndThenDeny",
            List.of(consent().dataPeriod("2020-01-01", "2022-12-31").build()),
            r -> dated(r, Instant.parse("2022-12-31T15:00:00Z")),
            false,
            "default-deny",
            "c-insurer",
            "does not cover the record's date"),
        row(
            "decideWhenRecordUndatedAndPeriodBoundedThenDeny",
            List.of(consent().build()),
            r -> dated(r, null),
            false,
            "default-deny",
            "c-insurer",
            "the record has no date"),
        row(
            "decideWhenRecordUndatedAndNoPeriodThenPermit",
            List.of(consent().dataPeriod(null, null).build()),
            r -> dated(r, null),
            true,
            "consent",
            "c-insurer",
            "covers"),
        row(
            "decideWhenRevokedVersionThenDeny",
            List.of(consent().version(2).status(ConsentStatus.INACTIVE).build()),
            r -> r,
            false,
            "default-deny",
            "c-insurer",
            "consent c-insurer is inactive"),
        row(
            "decideWhenConsentOfAnotherPatientThenDeny",
            List.of(consent().patient("pt-someone-else").build()),
            r -> r,
            false,
            "default-deny",
            null,
            "no consent of this patient names this recipient"),
        row(
            "decideWhenSensitiveClassNotNamedThenDeny",
            List.of(consent().build()),
            r -> classed(r, SensitiveClass.MENTAL_HEALTH),
            false,
            "sensitive-class",
            "c-insurer",
            "sensitive class MH, which consent c-insurer does not name"),
        row(
            "decideWhenSensitiveClassNamedThenPermit",
            List.of(consent().naming(SensitiveClass.MENTAL_HEALTH).build()),
            r -> classed(r, SensitiveClass.MENTAL_HEALTH),
            true,
            "consent",
            "c-insurer",
            "covers"),
        row(
            "decideWhenOnlyOneOfTwoClassesNamedThenDeny",
            List.of(consent().naming(SensitiveClass.HIV).build()),
            r -> classed(r, SensitiveClass.HIV, SensitiveClass.SEXUALLY_TRANSMITTED),
            false,
            "sensitive-class",
            "c-insurer",
            "HIV, STD"),
        row(
            "decideWhenSensitiveAndNoConsentThenDeny",
            List.of(),
            r -> classed(r, SensitiveClass.HIV),
            false,
            "default-deny",
            null,
            "no consent"),
        row(
            "decideWhenTwoConsentsAndSensitiveClassConflictThenDenyOverridesPermit",
            List.of(
                consent().id("c-general").build(),
                consent()
                    .id("c-hiv-elsewhere")
                    .hospitals("severance")
                    .naming(SensitiveClass.HIV)
                    .build()),
            r -> classed(r, SensitiveClass.HIV),
            false,
            "sensitive-class",
            "c-general",
            "sensitive class HIV, which consent c-general does not name"),
        row(
            "decideWhenSecondConsentCoversAndNamesClassThenPermitNamesIt",
            List.of(
                consent().id("c-general").build(),
                consent().id("c-hiv").hospitals("snuh").naming(SensitiveClass.HIV).build()),
            r -> classed(r, SensitiveClass.HIV),
            true,
            "consent",
            "c-hiv",
            "consent c-hiv covers"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decide(Case c) {
    Decision d = ConsentDecider.decide(c.request().apply(BASE), c.consents());

    assertThat(d).isNotInstanceOf(Decision.Abstain.class);
    assertThat(d.permitted()).as(d.explain()).isEqualTo(c.permitted());
    assertThat(d.voter()).as(d.explain()).isEqualTo(c.voter());
    assertThat(d.consentId()).as(d.explain()).isEqualTo(c.consentId());
    assertThat(d.reason()).as(d.explain()).contains(c.reason());
  }

  @Test
  void decideWhenOtherRecipientsConsentThenDenyWithoutNamingIt() {
    List<ConsentTerms> consents = List.of(consent().id("c-other").recipient("other-app").build());

    Decision d = ConsentDecider.decide(BASE, consents);

    assertThat(d.permitted()).isFalse();
    assertThat(d.explain()).doesNotContain("c-other").doesNotContain("other-app");
  }

  @Test
  void explainWhenSensitiveDenyThenNamesVoterConsentAndReason() {
    Decision d =
        ConsentDecider.decide(
            classed(BASE, SensitiveClass.SUBSTANCE_USE), List.of(consent().build()));

    assertThat(d.explain())
        .isEqualTo(
            "DENY by sensitive-class (consent c-insurer): the record is in sensitive class SUD,"
                + " which consent c-insurer does not name");
  }

  @Test
  void decideWhenListFetchedBeforeRevocationThenThatRequestIsUnaffected() {
    ConsentTerms active = consent().build();
    PreparedRequest before = prepare(List.of(active));

    ConsentTerms revoked = active.revokedAt(NOW);
    PreparedRequest after = prepare(List.of(revoked));

    // The gateway fetches consents once per request: a request under way keeps its list; the next
    // one reads the revocation.
    assertThat(decide(before).permitted()).isTrue();
    assertThat(decide(after).permitted()).isFalse();
    assertThat(decide(after).reason()).contains("consent c-insurer is inactive");
    assertThat(revoked.version()).isEqualTo(2);
  }

  @Test
  void decideWhenPrescriptionReferencesSensitiveConditionThenDeny() {
    // The recipient may have prescriptions but not diagnoses: the Condition is classified as
    // context only, and the prescription for depression is withheld all the same.
    Condition depression = ConsentSensitivityTest.condition("c-dep", "F32.9");
    Condition flu = ConsentSensitivityTest.condition("c-flu", "J06.9");
    MedicationRequest forDepression = prescription("m-dep", "Condition/c-dep");
    MedicationRequest forFlu = prescription("m-flu", "Condition/c-flu");
    Map<String, Set<SensitiveClass>> classes =
        SensitivityClassifier.standard()
            .classify(List.of(forDepression, forFlu), List.of(depression, flu));
    PreparedRequest request =
        prepare(List.of(consent().types(RecordType.MEDICATION_REQUEST).build()));

    Decision dep =
        request.decide(
            RecordType.MEDICATION_REQUEST,
            "snuh",
            DataDates.of(forDepression),
            classes.get("MedicationRequest/m-dep"));
    Decision ordinary =
        request.decide(
            RecordType.MEDICATION_REQUEST,
            "snuh",
            DataDates.of(forFlu),
            classes.get("MedicationRequest/m-flu"));

    assertThat(dep.permitted()).isFalse();
    assertThat(dep.voter()).isEqualTo("sensitive-class");
    assertThat(dep.reason()).contains("MH");
    assertThat(ordinary.permitted()).as(ordinary.explain()).isTrue();
  }

  private static MedicationRequest prescription(String id, String reason) {
    MedicationRequest m =
        new MedicationRequest()
            .setMedication(ConsentSensitivityTest.concept(ConsentSensitivityTest.ATC, "N02BE01"))
            .addReasonReference(new Reference(reason))
            .setAuthoredOnElement(new DateTimeType("2023-05-02T10:20:00+09:00"));
    m.setId(id);
    return m;
  }

  @Test
  void decideWhenPreparedOnceThenSameAsSingleShot() {
    List<ConsentTerms> consents =
        List.of(
            consent().id("c-a").build(),
            consent()
                .id("c-b")
                .types(RecordType.OBSERVATION)
                .hospitals()
                .naming(SensitiveClass.HIV)
                .build(),
            consent().id("c-c").status(ConsentStatus.INACTIVE).version(2).build());
    PreparedRequest prepared = prepare(consents);
    int checked = 0;
    for (RecordType kind : RecordType.values()) {
      for (String hospital : List.of("snuh", "severance")) {
        for (Set<SensitiveClass> classes :
            List.of(Set.<SensitiveClass>of(), Set.of(SensitiveClass.HIV))) {
          AccessRequest r =
              classed(at(with(BASE, kind), hospital), classes.toArray(SensitiveClass[]::new));
          Decision single = ConsentDecider.decide(r, consents);
          Decision many = prepared.decide(kind, hospital, r.dataDate(), classes);
          assertThat(many).isEqualTo(single);
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(36);
  }

  private static PreparedRequest prepare(List<ConsentTerms> consents) {
    return ConsentDecider.prepare(
        BASE.requester(), BASE.purpose(), BASE.patientId(), consents, BASE.instant());
  }

  private static Decision decide(PreparedRequest p) {
    return p.decide(BASE.resourceType(), BASE.hospitalCode(), BASE.dataDate(), BASE.sensitivity());
  }

  private static Arguments row(
      String name,
      List<ConsentTerms> consents,
      UnaryOperator<AccessRequest> request,
      boolean permitted,
      String voter,
      String consentId,
      String reason) {
    return Arguments.of(
        Named.of(name, new Case(consents, request, permitted, voter, consentId, reason)));
  }
}
