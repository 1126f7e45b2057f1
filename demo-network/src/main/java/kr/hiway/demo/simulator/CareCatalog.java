package kr.hiway.demo.simulator;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Encounter kinds, procedures, vaccines and allergens. Procedures, encounter types, allergens and
 * reactions are coded in SNOMED CT ({@link #SNOMED}), vaccines in CDC's CVX ({@link #CVX}); each
 * carries its Korean wording for {@code CodeableConcept.text}. Stateless and thread-safe.
 */
final class CareCatalog {

  static final String SNOMED = "http://snomed.info/sct";
  static final String CVX = "http://hl7.org/fhir/sid/cvx";

  /** The encounter classes of v3-ActCode used, with a SNOMED CT encounter type for each. */
  enum EncounterClass {
    AMB("AMB", "ambulatory", "11429006", "Consultation", "외래 진료", "outpatient", "Outpatient"),
    IMP(
        "IMP",
        "inpatient encounter",
        "32485007",
        "Hospital admission",
        "입원 진료",
        "inpatient",
        "Inpatient"),
    EMER(
        "EMER",
        "emergency",
        "50849002",
        "Emergency room admission",
        "응급실 진료",
        "outpatient",
        "Outpatient");

    final String code;
    final String display;
    final String typeCode;
    final String typeDisplay;
    final String ko;
    final String medicationCategory;
    final String medicationCategoryDisplay;

    EncounterClass(
        String code,
        String display,
        String typeCode,
        String typeDisplay,
        String ko,
        String medicationCategory,
        String medicationCategoryDisplay) {
      this.code = code;
      this.display = display;
      this.typeCode = typeCode;
      this.typeDisplay = typeDisplay;
      this.ko = ko;
      this.medicationCategory = medicationCategory;
      this.medicationCategoryDisplay = medicationCategoryDisplay;
    }
  }

  /**
   * A procedure. One with a {@code forDiagnosis} KCD-8 code is done only for that diagnosis; the
   * others are general work-up done at any visit.
   */
  record ProcedureCode(
      String code, String display, String ko, boolean surgical, int minAge, String forDiagnosis) {
    ProcedureCode {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(forDiagnosis, "forDiagnosis");
    }
  }

  record Vaccine(String cvx, String display, String ko, int minAge, int maxAge, LocalDate from) {
    Vaccine {
      Objects.requireNonNull(cvx, "cvx");
      Objects.requireNonNull(from, "from");
    }

    boolean fits(int age, LocalDate date) {
      return age >= minAge && age <= maxAge && !date.isBefore(from);
    }
  }

  /** A substance a person may be allergic to, with the reaction it causes. */
  record Allergen(
      String code,
      String display,
      String ko,
      String category,
      boolean severe,
      String reactionCode,
      String reactionDisplay,
      String reactionKo) {
    Allergen {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(category, "category");
    }
  }

  static final List<ProcedureCode> WORK_UP =
      List.of(
          new ProcedureCode("29303009", "Electrocardiographic procedure", "심전도 검사", false, 0, ""),
          new ProcedureCode("399208008", "Plain chest X-ray", "흉부 단순 방사선 촬영", false, 0, ""),
          new ProcedureCode("76009000", "Esophagogastroduodenoscopy", "위내시경 검사", false, 30, ""),
          new ProcedureCode("73761001", "Colonoscopy", "대장내시경 검사", false, 40, ""),
          new ProcedureCode(
              "77477000", "Computerized axial tomography", "컴퓨터 단층 촬영", false, 0, ""));

  static final List<ProcedureCode> TREATMENTS =
      List.of(
          new ProcedureCode("80146002", "Appendectomy", "충수절제술", true, 0, "K35.8"),
          new ProcedureCode(
              "36969009",
              "Placement of stent in coronary artery",
              "관상동맥 스텐트 삽입술",
              true,
              0,
              "I25.1"));

  static final List<Vaccine> VACCINES =
      List.of(
          new Vaccine(
              "150",
              "Influenza, injectable, quadrivalent, preservative free",
              "인플루엔자 4가 백신",
              0,
              120,
              LocalDate.MIN),
          new Vaccine(
              "208",
              "COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose",
              "코로나19 mRNA 백신",
              12,
              120,
              LocalDate.of(2021, 2, 26)),
          new Vaccine("08", "Hep B, adolescent or pediatric", "B형 간염 백신 소아용", 0, 18, LocalDate.MIN),
          new Vaccine("43", "Hep B, adult", "B형 간염 백신 성인용", 19, 120, LocalDate.MIN),
          new Vaccine(
              "33", "pneumococcal polysaccharide PPV23", "23가 폐렴구균 백신", 65, 120, LocalDate.MIN),
          new Vaccine("115", "Tdap", "Tdap 백신", 11, 120, LocalDate.MIN),
          new Vaccine(
              "187", "zoster recombinant", "대상포진 재조합 백신", 50, 120, LocalDate.of(2022, 1, 1)));

  private static final String URTICARIA = "126485001";

  static final List<Allergen> ALLERGENS =
      List.of(
          new Allergen(
              "764146007",
              "Penicillin",
              "페니실린",
              "medication",
              false,
              "271807003",
              "Eruption of skin",
              "피부 발진"),
          new Allergen(
              "387458008", "Aspirin", "아스피린", "medication", false, URTICARIA, "Urticaria", "두드러기"),
          new Allergen(
              "387207008",
              "Ibuprofen",
              "이부프로펜",
              "medication",
              false,
              URTICARIA,
              "Urticaria",
              "두드러기"),
          new Allergen(
              "762952008", "Peanut", "땅콩", "food", true, "39579001", "Anaphylaxis", "아나필락시스"),
          new Allergen(
              "102263004", "Eggs (edible)", "달걀", "food", false, URTICARIA, "Urticaria", "두드러기"),
          new Allergen("3718001", "Cow's milk", "우유", "food", false, "418290006", "Itching", "가려움"),
          new Allergen("44027008", "Seafood", "해산물", "food", false, URTICARIA, "Urticaria", "두드러기"),
          new Allergen(
              "256259004", "Pollen", "꽃가루", "environment", false, "76067001", "Sneezing", "재채기"),
          new Allergen(
              "260147004",
              "House dust mite",
              "집먼지진드기",
              "environment",
              false,
              "76067001",
              "Sneezing",
              "재채기"),
          new Allergen(
              "264287008",
              "Animal dander",
              "동물 비듬",
              "environment",
              false,
              "267036007",
              "Dyspnea",
              "호흡곤란"));

  private CareCatalog() {}
}
