package kr.hiway.demo.simulator;

import java.util.List;
import java.util.Objects;

/**
 * The vital signs and laboratory tests the simulator measures, coded in LOINC with UCUM units.
 *
 * <p>Vital signs follow the shape of the FHIR R4 vital-signs profiles, which is why each names its
 * profile. Laboratory tests carry adult reference ranges, by sex where they differ; a test without
 * a lower bound has {@code NaN} there. Stateless and thread-safe.
 */
final class MeasurementCatalog {

  static final String LOINC = "http://loinc.org";
  static final String UCUM = "http://unitsofmeasure.org";

  /** A vital sign with a single quantity, or the blood-pressure panel (no unit of its own). */
  record VitalSign(
      String loinc,
      String display,
      String ko,
      String ucum,
      String unit,
      String profile,
      int scale) {
    VitalSign {
      Objects.requireNonNull(loinc, "loinc");
      Objects.requireNonNull(display, "display");
      Objects.requireNonNull(profile, "profile");
    }
  }

  /** A laboratory test with its reference range and the spread of healthy values. */
  record LabTest(
      String loinc,
      String display,
      String ko,
      String ucum,
      int scale,
      double maleLow,
      double maleHigh,
      double femaleLow,
      double femaleHigh,
      double maleMean,
      double femaleMean,
      double sd) {
    LabTest {
      Objects.requireNonNull(loinc, "loinc");
      Objects.requireNonNull(display, "display");
    }

    double low(Sex sex) {
      return sex == Sex.MALE ? maleLow : femaleLow;
    }

    double high(Sex sex) {
      return sex == Sex.MALE ? maleHigh : femaleHigh;
    }

    double mean(Sex sex) {
      return sex == Sex.MALE ? maleMean : femaleMean;
    }
  }

  /** A laboratory panel reported by one DiagnosticReport. */
  record Panel(String loinc, String display, String ko) {}

  private static final String VS = "http://hl7.org/fhir/StructureDefinition/";

  static final VitalSign HEART_RATE =
      new VitalSign("8867-4", "Heart rate", "심박수", "/min", "beats/minute", VS + "heartrate", 0);
  static final VitalSign BODY_TEMPERATURE =
      new VitalSign("8310-5", "Body temperature", "체온", "Cel", "C", VS + "bodytemp", 1);
  static final VitalSign BODY_WEIGHT =
      new VitalSign("29463-7", "Body weight", "체중", "kg", "kg", VS + "bodyweight", 1);
  static final VitalSign BODY_HEIGHT =
      new VitalSign("8302-2", "Body height", "신장", "cm", "cm", VS + "bodyheight", 1);
  static final VitalSign BLOOD_PRESSURE =
      new VitalSign(
          "85354-9", "Blood pressure panel with all children optional", "혈압", "", "", VS + "bp", 0);
  static final VitalSign SYSTOLIC =
      new VitalSign("8480-6", "Systolic blood pressure", "수축기 혈압", "mm[Hg]", "mmHg", VS + "bp", 0);
  static final VitalSign DIASTOLIC =
      new VitalSign("8462-4", "Diastolic blood pressure", "이완기 혈압", "mm[Hg]", "mmHg", VS + "bp", 0);

  static final LabTest GLUCOSE =
      lab("2345-7", "Glucose [Mass/volume] in Serum or Plasma", "혈당", "mg/dL", 0, 70, 99, 90, 9);
  static final LabTest HBA1C =
      lab(
          "4548-4",
          "Hemoglobin A1c/Hemoglobin.total in Blood",
          "당화혈색소",
          "%",
          1,
          4.0,
          5.6,
          5.3,
          0.25);
  static final LabTest CHOLESTEROL =
      lab(
          "2093-3",
          "Cholesterol [Mass/volume] in Serum or Plasma",
          "총콜레스테롤",
          "mg/dL",
          0,
          Double.NaN,
          199,
          178,
          22);
  static final LabTest CREATININE =
      new LabTest(
          "2160-0",
          "Creatinine [Mass/volume] in Serum or Plasma",
          "크레아티닌",
          "mg/dL",
          2,
          0.70,
          1.30,
          0.50,
          1.10,
          0.95,
          0.75,
          0.13);
  static final LabTest HEMOGLOBIN =
      new LabTest(
          "718-7",
          "Hemoglobin [Mass/volume] in Blood",
          "혈색소",
          "g/dL",
          1,
          13.5,
          17.5,
          12.0,
          15.5,
          15.0,
          13.4,
          0.9);
  static final LabTest LEUKOCYTES =
      lab(
          "6690-2",
          "Leukocytes [#/volume] in Blood by Automated count",
          "백혈구 수",
          "10*3/uL",
          1,
          4.0,
          10.0,
          6.5,
          1.4);

  static final Panel METABOLIC_PANEL =
      new Panel("24323-8", "Comprehensive metabolic 2000 panel - Serum or Plasma", "종합 대사 검사");
  static final Panel CBC_PANEL =
      new Panel("58410-2", "CBC panel - Blood by Automated count", "일반 혈액 검사");

  static final List<LabTest> CBC_TESTS = List.of(HEMOGLOBIN, LEUKOCYTES);

  private MeasurementCatalog() {}

  private static LabTest lab(
      String loinc,
      String display,
      String ko,
      String ucum,
      int scale,
      double low,
      double high,
      double mean,
      double sd) {
    return new LabTest(loinc, display, ko, ucum, scale, low, high, low, high, mean, mean, sd);
  }
}
