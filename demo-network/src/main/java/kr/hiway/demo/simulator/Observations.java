package kr.hiway.demo.simulator;

import static kr.hiway.demo.simulator.MeasurementCatalog.LOINC;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import kr.hiway.demo.simulator.ClinicalCatalog.Diagnosis;
import kr.hiway.demo.simulator.MeasurementCatalog.LabTest;
import kr.hiway.demo.simulator.MeasurementCatalog.Panel;
import kr.hiway.demo.simulator.MeasurementCatalog.VitalSign;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Quantity;

/**
 * Builds a visit's vital signs and laboratory results. Values are drawn around healthy means and
 * shifted by the patient's conditions (a diabetic's glucose, a feverish temperature), so that the
 * data tell a consistent story. Ids are left to the caller. Stateless.
 */
final class Observations {

  private static final String CATEGORY =
      "http://terminology.hl7.org/CodeSystem/observation-category";
  private static final String INTERPRETATION =
      "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";

  private Observations() {}

  /** What the visit's measurements depend on besides the patient. */
  record Findings(
      boolean febrile,
      boolean bacterial,
      boolean hypertensive,
      boolean diabetic,
      boolean dyslipidaemic,
      boolean renal) {

    private static final Set<String> BACTERIAL = Set.of("J18.9", "N39.0", "K35.8");

    /** Most, not all, infections come with a fever; only bacterial ones raise the white count. */
    static Findings of(SplittableRandom r, Visit visit, List<Diagnosis> lasting) {
      Set<String> codes = new HashSet<>();
      visit.diagnoses().forEach(d -> codes.add(d.code()));
      lasting.forEach(d -> codes.add(d.code()));
      boolean infected = visit.diagnoses().stream().anyMatch(Diagnosis::infection);
      return new Findings(
          infected && Seeds.chance(r, 70),
          codes.stream().anyMatch(BACTERIAL::contains),
          codes.contains("I10"),
          codes.contains("E11.9"),
          codes.contains("E78.5") || codes.contains("I25.1"),
          codes.contains("N18.3"));
    }
  }

  static List<Observation> vitalSigns(
      SplittableRandom r, Chart chart, Visit visit, Findings findings) {
    LocalDateTime at = visit.minutesIn(10);
    double age = chart.ageYears(at.toLocalDate());
    List<Observation> out = new ArrayList<>(5);
    if (age >= 3) {
      double sys;
      double dia;
      if (age < 12) {
        sys = 100 + 8 * Seeds.normal(r);
        dia = 62 + 6 * Seeds.normal(r);
      } else if (findings.hypertensive()) {
        sys = 142 + 12 * Seeds.normal(r);
        dia = 90 + 8 * Seeds.normal(r);
      } else {
        sys = 118 + 10 * Seeds.normal(r);
        dia = 76 + 7 * Seeds.normal(r);
      }
      dia = Math.min(dia, sys - 20);
      Observation bp = vital(chart, visit, at, MeasurementCatalog.BLOOD_PRESSURE);
      bp.addComponent(component(MeasurementCatalog.SYSTOLIC, sys));
      bp.addComponent(component(MeasurementCatalog.DIASTOLIC, dia));
      out.add(bp);
    }
    double pulse = (age < 1 ? 125 : age < 6 ? 105 : age < 12 ? 90 : 74) + 9 * Seeds.normal(r);
    pulse += findings.febrile() ? 12 : 0;
    out.add(valued(chart, visit, at, MeasurementCatalog.HEART_RATE, pulse));
    if (findings.febrile() || Seeds.chance(r, 50)) {
      double temp =
          findings.febrile() ? 38.1 + 0.45 * Seeds.normal(r) : 36.6 + 0.2 * Seeds.normal(r);
      out.add(valued(chart, visit, at, MeasurementCatalog.BODY_TEMPERATURE, temp));
    }
    if (Seeds.chance(r, 45)) {
      double weight = chart.profile().weightKg(age) * (1 + 0.02 * Seeds.normal(r));
      out.add(valued(chart, visit, at, MeasurementCatalog.BODY_WEIGHT, weight));
    }
    if (Seeds.chance(r, 25)) {
      double height = chart.profile().heightCm(age) + 0.4 * Seeds.normal(r);
      out.add(valued(chart, visit, at, MeasurementCatalog.BODY_HEIGHT, height));
    }
    return out;
  }

  /** The panel the visit's blood tests belong to: a blood count for infections, else chemistry. */
  static Panel panel(SplittableRandom r, Findings findings) {
    return findings.febrile() || findings.bacterial() || Seeds.chance(r, 35)
        ? MeasurementCatalog.CBC_PANEL
        : MeasurementCatalog.METABOLIC_PANEL;
  }

  static List<Observation> labs(
      SplittableRandom r, Chart chart, Visit visit, Findings findings, Panel panel) {
    List<LabTest> tests = new ArrayList<>(4);
    if (panel == MeasurementCatalog.CBC_PANEL) {
      tests.addAll(MeasurementCatalog.CBC_TESTS);
    } else {
      tests.add(MeasurementCatalog.GLUCOSE);
      tests.add(MeasurementCatalog.CREATININE);
      if (findings.dyslipidaemic() || Seeds.chance(r, 40)) {
        tests.add(MeasurementCatalog.CHOLESTEROL);
      }
      if (findings.diabetic()) {
        tests.add(MeasurementCatalog.HBA1C);
      }
    }
    List<Observation> out = new ArrayList<>(tests.size());
    for (LabTest test : tests) {
      out.add(lab(chart, visit, test, value(r, test, chart.person().sex(), findings)));
    }
    return out;
  }

  private static double value(SplittableRandom r, LabTest test, Sex sex, Findings f) {
    double z = Seeds.normal(r);
    return switch (test.loinc()) {
      case "2345-7" -> f.diabetic() ? 150 + 35 * z : test.mean(sex) + test.sd() * z;
      case "4548-4" -> f.diabetic() ? 7.4 + 0.9 * z : test.mean(sex) + test.sd() * z;
      case "2093-3" -> f.dyslipidaemic() ? 238 + 25 * z : test.mean(sex) + test.sd() * z;
      case "2160-0" -> f.renal() ? 1.9 + 0.35 * z : test.mean(sex) + test.sd() * z;
      case "6690-2" -> f.bacterial() ? 13.5 + 2.5 * z : test.mean(sex) + test.sd() * z;
      default -> test.mean(sex) + test.sd() * z;
    };
  }

  private static Observation lab(Chart chart, Visit visit, LabTest test, double raw) {
    Observation o = base(chart, visit, visit.bloodDrawn(), "laboratory", "Laboratory");
    o.addPerformer(Fhir.named(chart.hospital().nameKo() + " 진단검사의학과"));
    o.setCode(Fhir.concept(LOINC, test.loinc(), test.display(), test.ko()));
    BigDecimal value = Fhir.decimal(Math.max(raw, 0.1), test.scale());
    o.setValue(Fhir.quantity(value, test.ucum(), test.ucum()));
    Sex sex = chart.person().sex();
    Observation.ObservationReferenceRangeComponent range = o.addReferenceRange();
    if (!Double.isNaN(test.low(sex))) {
      range.setLow(bound(test.low(sex), test));
    }
    range.setHigh(bound(test.high(sex), test));
    double v = value.doubleValue();
    if (!Double.isNaN(test.low(sex)) && v < test.low(sex)) {
      o.addInterpretation(Fhir.concept(INTERPRETATION, "L", "Low"));
    } else if (v > test.high(sex)) {
      o.addInterpretation(Fhir.concept(INTERPRETATION, "H", "High"));
    }
    o.setIssuedElement(Fhir.instant(visit.resultsIssued()));
    return o;
  }

  private static Quantity bound(double limit, LabTest test) {
    return Fhir.quantity(Fhir.decimal(limit, test.scale()), test.ucum(), test.ucum());
  }

  private static Observation vital(Chart chart, Visit visit, LocalDateTime at, VitalSign sign) {
    Observation o = base(chart, visit, at, "vital-signs", "Vital Signs");
    o.getMeta().addProfile(sign.profile());
    o.addPerformer(Fhir.named(chart.hospital().nameKo()));
    o.setCode(Fhir.concept(LOINC, sign.loinc(), sign.display(), sign.ko()));
    o.setIssuedElement(Fhir.instant(at.plusMinutes(5)));
    return o;
  }

  private static Observation valued(
      Chart chart, Visit visit, LocalDateTime at, VitalSign sign, double value) {
    Observation o = vital(chart, visit, at, sign);
    o.setValue(Fhir.quantity(Fhir.decimal(value, sign.scale()), sign.unit(), sign.ucum()));
    return o;
  }

  private static Observation.ObservationComponentComponent component(VitalSign sign, double value) {
    Observation.ObservationComponentComponent c = new Observation.ObservationComponentComponent();
    c.setCode(Fhir.concept(LOINC, sign.loinc(), sign.display(), sign.ko()));
    c.setValue(Fhir.quantity(Fhir.decimal(value, sign.scale()), sign.unit(), sign.ucum()));
    return c;
  }

  private static Observation base(
      Chart chart, Visit visit, LocalDateTime at, String category, String categoryDisplay) {
    Observation o = new Observation();
    o.setStatus(ObservationStatus.FINAL);
    CodeableConcept cat = Fhir.concept(CATEGORY, category, categoryDisplay);
    o.addCategory(cat);
    o.setSubject(chart.patient());
    o.setEncounter(chart.encounter(visit));
    o.setEffective(Fhir.dateTime(at));
    return o;
  }
}
