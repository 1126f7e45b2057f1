package kr.hiway.consent.decision;

import static kr.hiway.consent.decision.ConsentSensitivityTest.ATC;
import static kr.hiway.consent.decision.ConsentSensitivityTest.KCD8;
import static kr.hiway.consent.decision.ConsentSensitivityTest.concept;
import static kr.hiway.consent.decision.ConsentSensitivityTest.ref;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.hiway.consent.model.SensitiveClass;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Records linked to a sensitive diagnosis by their encounter, and notes classified by their text:
 * the visit's Condition is only context (not released), as when a recipient is not granted
 * Conditions.
 */
class ConsentLinkedSensitivityTest {

  private final SensitivityClassifier classifier = SensitivityClassifier.standard();

  @Test
  void classifyWhenGonococcalVisitThenNoteEncounterAndPrescriptionAreStd() {
    Visit v = Visit.of("A54.9", "외래 진료함.");

    Map<String, Set<SensitiveClass>> classes = classifier.classify(v.released(), v.context());

    Set<SensitiveClass> std = Set.of(SensitiveClass.SEXUALLY_TRANSMITTED);
    assertThat(classes)
        .containsEntry("DocumentReference/d1", std)
        .containsEntry("Encounter/e1", std)
        .containsEntry("MedicationRequest/m1", std)
        .containsEntry("Observation/o1", std)
        .doesNotContainKey("Condition/c1");
    // Without the context the prescription of an antibiotic is like any other.
    assertThat(classifier.classify(v.released()).get("MedicationRequest/m1")).isEmpty();
  }

  @Test
  void classifyWhenConditionPointsAtEncounterOnlyThenVisitIsSensitive() {
    // The Encounter names no diagnosis; the Condition says where it was made.
    Condition c = (Condition) new Condition().setCode(concept(KCD8, "A54.9")).setId("c1");
    c.setEncounter(ref("Encounter/e1"));
    Encounter e = (Encounter) new Encounter().setId("e1");
    MedicationRequest m = prescription("m1", "J01DD04", "Encounter/e1");

    Map<String, Set<SensitiveClass>> classes = classifier.classify(List.of(e, m), List.of(c));

    assertThat(classes.get("Encounter/e1")).containsExactly(SensitiveClass.SEXUALLY_TRANSMITTED);
    assertThat(classes.get("MedicationRequest/m1"))
        .containsExactly(SensitiveClass.SEXUALLY_TRANSMITTED);
  }

  @ParameterizedTest(name = "{1} -> {0}")
  @CsvSource({
    "MENTAL_HEALTH, F32.9",
    "SUBSTANCE_USE, F10.2",
    "HIV, B20",
    "SEXUALLY_TRANSMITTED, A54.9",
    "REPRODUCTIVE, Z34.9",
    "GENETIC, Q90.9"
  })
  void classifyWhenVisitDiagnosisInClassThenEveryRecordOfTheVisitInIt(
      SensitiveClass expected, String diagnosis) {
    Visit v = Visit.of(diagnosis, "외래 진료 후 귀가함.");

    Map<String, Set<SensitiveClass>> classes = classifier.classify(v.released(), v.context());

    assertThat(classes).hasSize(v.released().size());
    assertThat(classes.values()).allSatisfy(c -> assertThat(c).containsExactly(expected));
  }

  @Test
  void classifyWhenOrdinaryVisitThenNothingSensitive() {
    Visit v = Visit.of("J06.9", "상기도 감염으로 외래 진료함.");

    Map<String, Set<SensitiveClass>> classes = classifier.classify(v.released(), v.context());

    assertThat(classes.values()).allSatisfy(c -> assertThat(c).isEmpty());
  }

  @ParameterizedTest(name = "{1} -> {0}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          SEXUALLY_TRANSMITTED; 상세불명의 임균감염으로 외래 진료함. 세프트리악손 처방.
          SEXUALLY_TRANSMITTED; Urethritis, likely GONORRHOEA; ceftriaxone given.
          MENTAL_HEALTH;        우울증으로 외래 진료함.
          MENTAL_HEALTH;        Follow-up of major depression.
          SUBSTANCE_USE;        알코올 의존으로 상담함.
          SUBSTANCE_USE;        Alcohol use disorder, counselling given.
          HIV;                  HIV-1 viral load undetectable.
          HIV;                  인체면역결핍바이러스병 추적 관찰.
          REPRODUCTIVE;         임신 12주 정기 검진.
          REPRODUCTIVE;         Contraception counselling.
          GENETIC;              BRCA1 germline variant found.
          GENETIC;              유전자 검사 결과 설명함.
          """)
  void classifyWhenNoteTextNamesClassThenNoteInIt(SensitiveClass expected, String text) {
    DocumentReference note = note("d1", text, null);

    assertThat(classifier.classify(note)).containsExactly(expected);
    assertThat(classifier.classify(List.of(note)).get("DocumentReference/d1"))
        .containsExactly(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "'Archived the chest radiograph; no change.'",
    "'Hivern follow-up; blood pressure stable.'",
    "'유산균 제제 처방함.'",
    "'Common cold, supportive care.'"
  })
  void classifyWhenNoteTextOnlyResemblesTermThenNotSensitive(String text) {
    assertThat(classifier.classify(note("d1", text, null))).isEmpty();
  }

  @Test
  void classifyWhenReportConclusionOrObservationTextNamesClassThenSensitive() {
    DiagnosticReport report =
        (DiagnosticReport)
            new DiagnosticReport().setConclusion("Chlamydia NAAT positive").setId("r1");
    Observation o =
        (Observation)
            new Observation()
                .setValue(new org.hl7.fhir.r4.model.StringType("매독 선별검사 양성"))
                .setId("o1");

    assertThat(classifier.classify(report)).containsExactly(SensitiveClass.SEXUALLY_TRANSMITTED);
    assertThat(classifier.classify(o)).containsExactly(SensitiveClass.SEXUALLY_TRANSMITTED);
  }

  @Test
  void classifyWhenNoteDescriptionNamesClassThenSensitive() {
    DocumentReference d = note("d1", "경과 양호함.", null);
    d.setDescription("Gonococcal urethritis follow-up");

    assertThat(classifier.classify(d)).containsExactly(SensitiveClass.SEXUALLY_TRANSMITTED);
  }

  /** One visit: its Condition (context only), Encounter, note, prescription and Observation. */
  record Visit(List<Resource> released, List<Resource> context) {

    static Visit of(String diagnosis, String noteText) {
      Condition c = (Condition) new Condition().setCode(concept(KCD8, diagnosis)).setId("c1");
      c.setEncounter(ref("Encounter/e1"));
      Encounter e =
          (Encounter)
              new Encounter()
                  .addDiagnosis(new Encounter.DiagnosisComponent(ref("Condition/c1")))
                  .setId("e1");
      Observation o =
          (Observation)
              new Observation()
                  .setCode(concept(ConsentSensitivityTest.LOINC, "8867-4"))
                  .setEncounter(ref("Encounter/e1"))
                  .setId("o1");
      return new Visit(
          List.of(
              e,
              note("d1", noteText, "Encounter/e1"),
              prescription("m1", "J01DD04", "Encounter/e1"),
              o),
          List.of(c));
    }
  }

  static DocumentReference note(String id, String text, String encounter) {
    DocumentReference d = new DocumentReference();
    d.addContent()
        .setAttachment(
            new Attachment()
                .setContentType("text/plain; charset=utf-8")
                .setData(text.getBytes(StandardCharsets.UTF_8)));
    if (encounter != null) {
      d.getContext().addEncounter(ref(encounter));
    }
    d.setId(id);
    return d;
  }

  static MedicationRequest prescription(String id, String atc, String encounter) {
    MedicationRequest m = new MedicationRequest().setMedication(concept(ATC, atc));
    m.setEncounter(ref(encounter));
    m.setId(id);
    return m;
  }
}
