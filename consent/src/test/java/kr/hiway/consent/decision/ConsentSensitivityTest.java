package kr.hiway.consent.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.hiway.consent.model.ConsentCodes;
import kr.hiway.consent.model.SensitiveClass;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which records are sensitive: by their own codes, labels and what they point at. */
class ConsentSensitivityTest {

  static final String KCD8 = "http://www.hl7korea.or.kr/CodeSystem/kostat-kcd-8";
  static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
  static final String ATC = "http://www.whocc.no/atc";
  static final String LOINC = "http://loinc.org";

  /** The simulator's sensitive diagnoses (ClinicalCatalog) and the class each must fall in. */
  static final Map<String, SensitiveClass> SIMULATOR_SENSITIVE =
      Map.ofEntries(
          Map.entry("F32.9", SensitiveClass.MENTAL_HEALTH),
          Map.entry("F41.1", SensitiveClass.MENTAL_HEALTH),
          Map.entry("F43.2", SensitiveClass.MENTAL_HEALTH),
          Map.entry("F10.2", SensitiveClass.SUBSTANCE_USE),
          Map.entry("F17.2", SensitiveClass.SUBSTANCE_USE),
          Map.entry("B20", SensitiveClass.HIV),
          Map.entry("A53.9", SensitiveClass.SEXUALLY_TRANSMITTED),
          Map.entry("A54.9", SensitiveClass.SEXUALLY_TRANSMITTED),
          Map.entry("A60.0", SensitiveClass.SEXUALLY_TRANSMITTED),
          Map.entry("O80", SensitiveClass.REPRODUCTIVE),
          Map.entry("Z34.9", SensitiveClass.REPRODUCTIVE),
          Map.entry("Z30.0", SensitiveClass.REPRODUCTIVE),
          Map.entry("Z31.2", SensitiveClass.REPRODUCTIVE));

  private final SensitivityClassifier classifier = SensitivityClassifier.standard();

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          kcd8;  F32.9;   MENTAL_HEALTH
          kcd8;  F329;    MENTAL_HEALTH
          kcd8;  f32.90;  MENTAL_HEALTH
          kcd8;  F20.0;   MENTAL_HEALTH
          kcd8;  F99;     MENTAL_HEALTH
          kcd8;  X64;     MENTAL_HEALTH
          kcd8;  F10.2;   SUBSTANCE_USE
          kcd8;  F19.9;   SUBSTANCE_USE
          kcd8;  Z71.4;   SUBSTANCE_USE
          kcd8;  B20;     HIV
          kcd8;  B24;     HIV
          kcd8;  Z21;     HIV
          kcd8;  A50.1;   SEXUALLY_TRANSMITTED
          kcd8;  A64;     SEXUALLY_TRANSMITTED
          kcd8;  O80;     REPRODUCTIVE
          kcd8;  O00.1;   REPRODUCTIVE
          kcd8;  Z39.2;   REPRODUCTIVE
          kcd8;  N97.9;   REPRODUCTIVE
          kcd8;  O98.7;   HIV|REPRODUCTIVE
          kcd8;  Z31.5;   REPRODUCTIVE|GENETIC
          kcd8;  Z15.0;   GENETIC
          kcd8;  Q90.9;   GENETIC
          icd10; F32.9;   MENTAL_HEALTH
          kcd8;  I10;     ''
          kcd8;  B18.1;   ''
          kcd8;  A49.9;   ''
          kcd8;  F;       ''
          kcd8;  Z00.0;   ''
          other; F32.9;   ''
          """)
  void classifyWhenConditionCodedThenClass(String system, String code, String expected) {
    Condition c = new Condition().setCode(concept(system(system), code));

    assertThat(classifier.classify(c)).isEqualTo(classes(expected));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          N06AB06;  MENTAL_HEALTH
          N05AH04;  MENTAL_HEALTH
          N07BB04;  SUBSTANCE_USE
          N07BA03;  SUBSTANCE_USE
          J05AR20;  HIV
          J05AE08;  HIV
          J05AF01;  HIV
          G03AA07;  REPRODUCTIVE
          J05AF07;  ''
          J05AF10;  ''
          J05AB11;  ''
          J01CE08;  ''
          N02BE01;  ''
          """)
  void classifyWhenMedicationCodedThenClass(String atc, String expected) {
    MedicationRequest m = new MedicationRequest().setMedication(concept(ATC, atc));

    assertThat(classifier.classify(m)).isEqualTo(classes(expected));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"75622-1, HIV", "44261-6, MENTAL_HEALTH", "51969-4, GENETIC", "2345-7, ''"})
  void classifyWhenObservationCodedThenClass(String loinc, String expected) {
    Observation o = new Observation().setCode(concept(LOINC, loinc));

    assertThat(classifier.classify(o)).isEqualTo(classes(expected));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"PSY, MENTAL_HEALTH", "ETH, SUBSTANCE_USE", "HIV, HIV", "GDIS, GENETIC", "R, ''"})
  void classifyWhenSecurityLabelThenClass(String label, String expected) {
    Observation o = new Observation().setCode(concept(LOINC, "2345-7"));
    o.getMeta().addSecurity(new Coding(ConsentCodes.ACT_CODE, label, null));

    assertThat(classifier.classify(o)).isEqualTo(classes(expected));
  }

  @Test
  void classifyWhenRecordsPointAtSensitiveConditionThenSensitiveToo() {
    Condition hiv = condition("c-hiv", "B20");
    Condition flu = condition("c-flu", "J06.9");
    Observation viralLoad =
        (Observation) new Observation().setCode(concept(LOINC, "25836-8")).setId("o-vl");
    List<Resource> release =
        List.of(
            hiv,
            flu,
            viralLoad,
            new Encounter()
                .addDiagnosis(new Encounter.DiagnosisComponent(ref("Condition/c-hiv")))
                .setId("e1"),
            new MedicationRequest()
                .setMedication(concept(ATC, "N02BE01"))
                .addReasonReference(ref("Condition/c-hiv"))
                .setId("m1"),
            new Procedure()
                .addReasonReference(ref("http://gw.example/fhir/Condition/c-hiv/_history/2"))
                .setId("p1"),
            docRelated("d1", "Condition/c-hiv"),
            new DiagnosticReport().addResult(ref("Observation/o-vl")).setId("r1"),
            new MedicationRequest()
                .setMedication(concept(ATC, "N02BE01"))
                .addReasonReference(ref("Condition/c-flu"))
                .setId("m2"),
            docRelated("d2", "Condition/c-flu"));

    Map<String, Set<SensitiveClass>> classes = classifier.classify(release);

    Set<SensitiveClass> hivOnly = Set.of(SensitiveClass.HIV);
    assertThat(classes)
        .containsEntry("Condition/c-hiv", hivOnly)
        .containsEntry("Observation/o-vl", hivOnly)
        .containsEntry("Encounter/e1", hivOnly)
        .containsEntry("MedicationRequest/m1", hivOnly)
        .containsEntry("Procedure/p1", hivOnly)
        .containsEntry("DocumentReference/d1", hivOnly)
        .containsEntry("DiagnosticReport/r1", hivOnly)
        .containsEntry("Condition/c-flu", Set.of())
        .containsEntry("MedicationRequest/m2", Set.of())
        .containsEntry("DocumentReference/d2", Set.of())
        .hasSize(release.size());
  }

  @Test
  void classifyWhenConditionOnlyInContextThenPropagatesButIsNotInResult() {
    MedicationRequest m =
        (MedicationRequest)
            new MedicationRequest()
                .setMedication(concept(ATC, "N02BE01"))
                .addReasonReference(ref("Condition/c-dep"))
                .setId("m1");

    Map<String, Set<SensitiveClass>> without = classifier.classify(List.of(m));
    Map<String, Set<SensitiveClass>> with =
        classifier.classify(List.of(m), List.of(condition("c-dep", "F32.9")));

    assertThat(without).containsExactly(Map.entry("MedicationRequest/m1", Set.of()));
    assertThat(with)
        .containsExactly(Map.entry("MedicationRequest/m1", Set.of(SensitiveClass.MENTAL_HEALTH)));
  }

  @Test
  void classifyWhenRecordedAtSensitiveVisitThenSensitiveButPointingOnlyOneStep() {
    // An Observation of a visit with a sensitive diagnosis is in its class (see
    // ConsentLinkedSensitivityTest); a report pointing at that Observation is not, as propagation
    // through references is one step.
    Condition dep = condition("c-dep", "F32.9");
    Encounter e =
        (Encounter)
            new Encounter()
                .addDiagnosis(new Encounter.DiagnosisComponent(ref("Condition/c-dep")))
                .setId("e1");
    Observation bp =
        (Observation)
            new Observation()
                .setCode(concept(LOINC, "85354-9"))
                .setEncounter(ref("Encounter/e1"))
                .setId("o1");
    DiagnosticReport report =
        (DiagnosticReport) new DiagnosticReport().addResult(ref("Observation/o1")).setId("r1");

    Map<String, Set<SensitiveClass>> classes = classifier.classify(List.of(dep, e, bp, report));

    assertThat(classes.get("Encounter/e1")).containsExactly(SensitiveClass.MENTAL_HEALTH);
    assertThat(classes.get("Observation/o1")).containsExactly(SensitiveClass.MENTAL_HEALTH);
    assertThat(classes.get("DiagnosticReport/r1")).isEmpty();
  }

  @Test
  void classifyWhenSimulatedChartsThenEverySensitiveDiagnosisAndItsRecordsAreCaught() {
    int sensitiveConditions = 0;
    int ordinaryConditions = 0;
    int referrers = 0;
    for (List<Resource> chart : SimulatedRecords.charts().values()) {
      Map<String, Set<SensitiveClass>> classes = classifier.classify(chart);
      Map<String, String> conditionCodes = new HashMap<>();
      for (Resource r : chart) {
        if (r instanceof Condition c) {
          String code = c.getCode().getCodingFirstRep().getCode();
          conditionCodes.put(SensitivityClassifier.key(c), code);
          SensitiveClass expected = SIMULATOR_SENSITIVE.get(code);
          if (expected == null) {
            assertThat(classes.get(SensitivityClassifier.key(c))).as(code).isEmpty();
            ordinaryConditions++;
          } else {
            assertThat(classes.get(SensitivityClassifier.key(c)))
                .as(code)
                .containsExactly(expected);
            sensitiveConditions++;
          }
        }
      }
      for (Resource r : chart) {
        List<Reference> refs = new ArrayList<>();
        RecordCodes.references(r, refs);
        for (Reference ref : refs) {
          String code = conditionCodes.get(ref.getReference());
          SensitiveClass expected = code == null ? null : SIMULATOR_SENSITIVE.get(code);
          if (expected != null) {
            assertThat(classes.get(SensitivityClassifier.key(r)))
                .as(r.fhirType())
                .contains(expected);
            referrers++;
          }
        }
      }
    }
    // The simulator draws sensitive diagnoses rarely; make sure enough were seen to mean something.
    assertThat(sensitiveConditions).isGreaterThan(20);
    assertThat(ordinaryConditions).isGreaterThan(200);
    assertThat(referrers).isGreaterThan(sensitiveConditions);
  }

  @Test
  void classifyWhenHepatitisBTreatedWithTenofovirThenNotHiv() {
    // The simulator treats B18.1 with tenofovir disoproxil (J05AF07): classing every NRTI as HIV
    // would withhold hepatitis B care as if it were HIV.
    int seen = 0;
    for (List<Resource> chart : SimulatedRecords.charts().values()) {
      Map<String, Set<SensitiveClass>> classes = classifier.classify(chart);
      for (Resource r : chart) {
        if (r instanceof MedicationRequest m
            && "J05AF07".equals(m.getMedicationCodeableConcept().getCodingFirstRep().getCode())) {
          assertThat(classes.get(SensitivityClassifier.key(m))).isEmpty();
          seen++;
        }
      }
    }
    assertThat(seen).isPositive();
  }

  static Condition condition(String id, String code) {
    return (Condition) new Condition().setCode(concept(KCD8, code)).setId(id);
  }

  static DocumentReference docRelated(String id, String reference) {
    DocumentReference d = new DocumentReference();
    d.getContext().addRelated(ref(reference));
    d.setId(id);
    return d;
  }

  static Reference ref(String reference) {
    return new Reference(reference);
  }

  static CodeableConcept concept(String system, String code) {
    return new CodeableConcept(new Coding(system, code, null));
  }

  private static String system(String alias) {
    return switch (alias) {
      case "kcd8" -> KCD8;
      case "icd10" -> ICD10;
      default -> "http://example.org/local-codes";
    };
  }

  private static Set<SensitiveClass> classes(String expected) {
    if (expected == null || expected.isBlank()) {
      return Set.of();
    }
    return java.util.Arrays.stream(expected.split("\\|"))
        .map(SensitiveClass::valueOf)
        .collect(java.util.stream.Collectors.toSet());
  }
}
