package kr.hiway.consent.decision;

import static kr.hiway.consent.decision.ConsentTermsBuilder.NOW;
import static kr.hiway.consent.decision.ConsentTermsBuilder.PATIENT;
import static kr.hiway.consent.decision.ConsentTermsBuilder.RECIPIENT;
import static kr.hiway.consent.decision.ConsentTermsBuilder.consent;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import kr.hiway.consent.model.ConsentTerms;
import kr.hiway.consent.model.PurposeOfUse;
import kr.hiway.consent.model.TimeRange;
import kr.hiway.vocabulary.RecordType;
import org.junit.jupiter.api.Test;

/** Which hospitals, kinds and dates the gateway need ask at all, and why not the others. */
class ConsentCoverageTest {

  @Test
  void coverageWhenHospitalNotConsentedThenExcludedWithReason() {
    CoveredScope scope = coverage(List.of(consent().build()));

    assertThat(scope.allHospitals()).isFalse();
    assertThat(scope.hospitals()).containsExactly("pusan-nuh", "snuh");
    assertThat(scope.covers("snuh")).isTrue();
    assertThat(scope.covers("severance")).isFalse();
    assertThat(scope.uncovered(List.of("snuh", "severance", "pusan-nuh", "knuh")))
        .containsOnlyKeys("severance", "knuh")
        .allSatisfy((h, why) -> assertThat(why).startsWith("not consented: ").contains(h));
  }

  @Test
  void coverageWhenConsentNamesNoHospitalThenEveryHospital() {
    CoveredScope scope = coverage(List.of(consent().hospitals().build()));

    assertThat(scope.allHospitals()).isTrue();
    assertThat(scope.covers("severance")).isTrue();
    assertThat(scope.uncovered(List.of("snuh", "severance"))).isEmpty();
  }

  @Test
  void coverageWhenNoConsentThenEmptyAndEveryHospitalUncovered() {
    CoveredScope scope = coverage(List.of());

    assertThat(scope.isEmpty()).isTrue();
    assertThat(scope.types()).isEmpty();
    assertThat(scope.uncovered(List.of("snuh")))
        .containsExactly(
            Map.entry("snuh", "not consented: no consent of this patient names this recipient"));
  }

  @Test
  void coverageWhenOnlyConsentExpiredThenEmptyAndReasonSaysSo() {
    CoveredScope scope = coverage(List.of(consent().validity("2024-01-01", "2025-05-01").build()));

    assertThat(scope.isEmpty()).isTrue();
    assertThat(scope.whyNotCovered("snuh"))
        .hasValueSatisfying(w -> assertThat(w).contains("expired"));
  }

  @Test
  void coverageWhenOtherPurposeThenEmpty() {
    CoveredScope scope =
        ConsentDecider.coverage(
            RECIPIENT, PurposeOfUse.TREAT, PATIENT, List.of(consent().build()), NOW);

    assertThat(scope.isEmpty()).isTrue();
    assertThat(scope.whyNotCovered("snuh").orElseThrow()).contains("does not grant purpose TREAT");
  }

  @Test
  void coverageWhenTwoConsentsThenKindsAndPeriodsPerHospital() {
    List<ConsentTerms> consents =
        List.of(
            consent().id("c-a").hospitals("snuh").types(RecordType.CONDITION).build(),
            consent()
                .id("c-b")
                .hospitals("snuh", "severance")
                .types(RecordType.OBSERVATION)
                .dataPeriod("2018-01-01", "2019-12-31")
                .build());

    CoveredScope scope = coverage(consents);

    assertThat(scope.consentIds()).containsExactly("c-a", "c-b");
    assertThat(scope.typesAt("snuh"))
        .isEqualTo(EnumSet.of(RecordType.CONDITION, RecordType.OBSERVATION));
    assertThat(scope.typesAt("severance")).containsExactly(RecordType.OBSERVATION);
    assertThat(scope.typesAt("knuh")).isEmpty();
    // 2018-2019 and 2020 onwards meet at midnight of 1 January 2020 (KST): one range.
    assertThat(scope.dataPeriodsAt("snuh")).containsExactly(TimeRange.ofFhir("2018-01-01", null));
    assertThat(scope.dataPeriodsAt("severance"))
        .containsExactly(TimeRange.ofFhir("2018-01-01", "2019-12-31"));
    assertThat(scope.dataPeriodsAt("knuh")).isEmpty();
  }

  @Test
  void mergeWhenGapBetweenRangesThenKeptApart() {
    List<TimeRange> merged =
        CoveredScope.merge(
            List.of(
                TimeRange.ofFhir("2022-01-01", null),
                TimeRange.ofFhir(null, "2019-12-31"),
                TimeRange.ofFhir(null, "2018-12-31"),
                TimeRange.ofFhir("2021-01-01", "2021-06-30")));

    assertThat(merged)
        .containsExactly(
            TimeRange.ofFhir(null, "2019-12-31"),
            TimeRange.ofFhir("2021-01-01", "2021-06-30"),
            TimeRange.ofFhir("2022-01-01", null));
  }

  private static CoveredScope coverage(List<ConsentTerms> consents) {
    return ConsentDecider.coverage(RECIPIENT, PurposeOfUse.HPAYMT, PATIENT, consents, NOW);
  }
}
