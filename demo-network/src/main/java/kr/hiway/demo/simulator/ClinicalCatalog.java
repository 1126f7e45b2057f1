package kr.hiway.demo.simulator;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The diagnoses the simulator draws from.
 *
 * <p>Diagnoses are coded in KCD-8, Korea's edition of ICD-10, under the system URI that HL7 Korea's
 * KR Core guide gives it ({@link #KCD8}); the English title goes in {@code coding.display} and the
 * Korean one in {@code CodeableConcept.text}. Each names the drugs ({@link DrugCatalog}) it may be
 * treated with.
 *
 * <p>A few diagnoses are sensitive in Korean and most privacy law (mental health, HIV, substance
 * use, reproductive care, sexually transmitted infections): they are drawn at a low rate on
 * purpose, so that consent rules that withhold them have something to withhold. Stateless and
 * thread-safe.
 */
final class ClinicalCatalog {

  static final String KCD8 = "http://www.hl7korea.or.kr/CodeSystem/kostat-kcd-8";

  /** Why a diagnosis may need to be withheld; NONE for ordinary ones. */
  enum Sensitivity {
    NONE,
    MENTAL_HEALTH,
    HIV,
    SUBSTANCE_USE,
    REPRODUCTIVE,
    SEXUALLY_TRANSMITTED
  }

  /**
   * One diagnosis. A chronic one belongs to a person's lasting health profile and stays active; an
   * acute one comes with a single visit and is resolved.
   */
  record Diagnosis(
      String code,
      String display,
      String ko,
      boolean chronic,
      int weight,
      int minAge,
      int maxAge,
      boolean femaleOnly,
      boolean infection,
      Sensitivity sensitivity,
      LocalDate notBefore,
      List<String> drugs) {

    Diagnosis {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(display, "display");
      Objects.requireNonNull(ko, "ko");
      Objects.requireNonNull(sensitivity, "sensitivity");
      Objects.requireNonNull(notBefore, "notBefore");
      drugs = List.copyOf(drugs);
    }

    boolean fits(Sex sex, int age, LocalDate date) {
      return age >= minAge
          && age <= maxAge
          && (!femaleOnly || sex == Sex.FEMALE)
          && !date.isBefore(notBefore);
    }

    boolean sensitive() {
      return sensitivity != Sensitivity.NONE;
    }

    Diagnosis infectious() {
      return new Diagnosis(
          code,
          display,
          ko,
          chronic,
          weight,
          minAge,
          maxAge,
          femaleOnly,
          true,
          sensitivity,
          notBefore,
          drugs);
    }

    Diagnosis as(Sensitivity s) {
      return new Diagnosis(
          code,
          display,
          ko,
          chronic,
          weight,
          minAge,
          maxAge,
          femaleOnly,
          infection,
          s,
          notBefore,
          drugs);
    }

    Diagnosis womenAged(int min, int max) {
      return new Diagnosis(
          code,
          display,
          ko,
          chronic,
          weight,
          min,
          max,
          true,
          infection,
          sensitivity,
          notBefore,
          drugs);
    }

    Diagnosis from(LocalDate date) {
      return new Diagnosis(
          code,
          display,
          ko,
          chronic,
          weight,
          minAge,
          maxAge,
          femaleOnly,
          infection,
          sensitivity,
          date,
          drugs);
    }
  }

  static final List<Diagnosis> DIAGNOSES =
      List.of(
          chronic(
              "I10", "Essential (primary) hypertension", "본태성 고혈압", 30, 30, "C08CA01", "C09CA01"),
          chronic(
              "E11.9",
              "Type 2 diabetes mellitus without complications",
              "합병증을 동반하지 않은 2형 당뇨병",
              20,
              30,
              "A10BA02"),
          chronic("E78.5", "Hyperlipidaemia, unspecified", "상세불명의 고지질혈증", 22, 30, "C10AA05"),
          chronic("J45.9", "Asthma, unspecified", "상세불명의 천식", 8, 3, "R03AK06"),
          chronic(
              "K21.9",
              "Gastro-oesophageal reflux disease without oesophagitis",
              "식도염을 동반하지 않은 위-식도역류병",
              14,
              18,
              "A02BC01"),
          chronic("M54.5", "Low back pain", "요통", 12, 18, "M01AE01"),
          chronic("N18.3", "Chronic kidney disease, stage 3", "만성 콩팥병 3기", 5, 45),
          chronic(
              "I25.1", "Atherosclerotic heart disease", "죽상경화성 심장병", 6, 45, "B01AC06", "C10AA05"),
          chronic(
              "I48.9",
              "Atrial fibrillation and atrial flutter, unspecified",
              "상세불명의 심방세동 및 심방조동",
              4,
              50,
              "B01AF01"),
          chronic("E03.9", "Hypothyroidism, unspecified", "상세불명의 갑상선기능저하증", 6, 20, "H03AA01"),
          chronic("M17.9", "Gonarthrosis, unspecified", "상세불명의 무릎관절증", 8, 50, "M01AE01"),
          chronic("M81.9", "Osteoporosis, unspecified", "상세불명의 골다공증", 6, 50, "M05BA04"),
          chronic(
              "J44.9",
              "Chronic obstructive pulmonary disease, unspecified",
              "상세불명의 만성 폐쇄성 폐질환",
              4,
              45,
              "R03AK06"),
          chronic(
              "B18.1",
              "Chronic viral hepatitis B without delta-agent",
              "델타인자가 없는 만성 바이러스 B형 간염",
              4,
              20,
              "J05AF07"),
          chronic("G43.9", "Migraine, unspecified", "상세불명의 편두통", 5, 12, "N02CC01"),
          chronic("L20.9", "Atopic dermatitis, unspecified", "상세불명의 아토피 피부염", 6, 0, "R06AE07"),
          chronic("I63.9", "Cerebral infarction, unspecified", "상세불명의 뇌경색증", 3, 50, "B01AC06"),
          chronic("C16.9", "Malignant neoplasm: Stomach, unspecified", "상세불명의 위의 악성 신생물", 2, 40),
          chronic("F32.9", "Depressive episode, unspecified", "상세불명의 우울에피소드", 40, 12, "N06AB06")
              .as(Sensitivity.MENTAL_HEALTH),
          chronic("F41.1", "Generalized anxiety disorder", "범불안장애", 30, 12, "N06AB10")
              .as(Sensitivity.MENTAL_HEALTH),
          chronic(
                  "F10.2",
                  "Mental and behavioural disorders due to use of alcohol: dependence syndrome",
                  "알코올 사용에 의한 정신 및 행동 장애, 의존증후군",
                  15,
                  20,
                  "N07BB04")
              .as(Sensitivity.SUBSTANCE_USE),
          chronic(
                  "F17.2",
                  "Mental and behavioural disorders due to use of tobacco: dependence syndrome",
                  "담배 사용에 의한 정신 및 행동 장애, 의존증후군",
                  10,
                  18,
                  "N07BA03")
              .as(Sensitivity.SUBSTANCE_USE),
          chronic(
                  "B20",
                  "HIV disease resulting in infectious and parasitic diseases",
                  "감염성 및 기생충성 질환을 유발한 인체면역결핍바이러스병",
                  5,
                  18,
                  "J05AR20")
              .as(Sensitivity.HIV),
          acute(
                  "J06.9",
                  "Acute upper respiratory infection, unspecified",
                  "상세불명의 급성 상기도감염",
                  20,
                  0,
                  "N02BE01")
              .infectious(),
          acute("J18.9", "Pneumonia, unspecified", "상세불명의 폐렴", 8, 0, "J01CR02").infectious(),
          acute(
              "K52.9",
              "Noninfective gastroenteritis and colitis, unspecified",
              "상세불명의 비감염성 위장염 및 결장염",
              10,
              0),
          acute(
                  "N39.0",
                  "Urinary tract infection, site not specified",
                  "부위가 명시되지 않은 요로감염",
                  8,
                  5,
                  "J01MA02")
              .infectious(),
          acute("S93.4", "Sprain and strain of ankle", "발목의 염좌 및 긴장", 8, 5, "M01AE01"),
          acute("R51", "Headache", "두통", 8, 5, "N02BE01"),
          acute(
                  "K35.8",
                  "Acute appendicitis, other and unspecified",
                  "기타 및 상세불명의 급성 충수염",
                  3,
                  5,
                  "J01CR02")
              .infectious(),
          acute(
                  "U07.1",
                  "COVID-19, virus identified",
                  "코로나바이러스감염-19, 바이러스가 확인된 경우",
                  6,
                  0,
                  "N02BE01")
              .infectious()
              .from(LocalDate.of(2020, 1, 20)),
          acute("F43.2", "Adjustment disorders", "적응장애", 8, 12).as(Sensitivity.MENTAL_HEALTH),
          acute("A53.9", "Syphilis, unspecified", "상세불명의 매독", 3, 16, "J01CE08")
              .as(Sensitivity.SEXUALLY_TRANSMITTED),
          acute("A54.9", "Gonococcal infection, unspecified", "상세불명의 임균감염", 3, 16, "J01DD04")
              .as(Sensitivity.SEXUALLY_TRANSMITTED),
          acute(
                  "A60.0",
                  "Herpesviral infection of genitals and urogenital tract",
                  "생식기 및 비뇨생식관의 헤르페스바이러스 감염",
                  3,
                  16,
                  "J05AB11")
              .as(Sensitivity.SEXUALLY_TRANSMITTED),
          acute("O80", "Single spontaneous delivery", "단일 자연분만", 6, 20)
              .womenAged(20, 45)
              .as(Sensitivity.REPRODUCTIVE),
          acute("Z34.9", "Supervision of normal pregnancy, unspecified", "상세불명의 정상 임신의 관리", 8, 18)
              .womenAged(18, 45)
              .as(Sensitivity.REPRODUCTIVE),
          acute(
                  "Z30.0",
                  "General counselling and advice on contraception",
                  "피임에 관한 일반적 상담 및 조언",
                  6,
                  15)
              .womenAged(15, 50)
              .as(Sensitivity.REPRODUCTIVE),
          acute("Z31.2", "In vitro fertilization", "체외수정", 3, 25)
              .womenAged(25, 45)
              .as(Sensitivity.REPRODUCTIVE));

  static final List<Diagnosis> CHRONIC_COMMON = select(true, false);
  static final List<Diagnosis> CHRONIC_SENSITIVE = select(true, true);
  static final List<Diagnosis> ACUTE_COMMON = select(false, false);
  static final List<Diagnosis> ACUTE_SENSITIVE = select(false, true);

  static {
    // Fail at start-up, not at the first prescription, if a diagnosis names an unknown drug.
    DIAGNOSES.forEach(d -> d.drugs().forEach(DrugCatalog::drug));
  }

  private ClinicalCatalog() {}

  private static List<Diagnosis> select(boolean chronic, boolean sensitive) {
    return DIAGNOSES.stream()
        .filter(d -> d.chronic() == chronic && d.sensitive() == sensitive)
        .toList();
  }

  private static Diagnosis chronic(
      String code, String display, String ko, int weight, int minAge, String... drugs) {
    return new Diagnosis(
        code,
        display,
        ko,
        true,
        weight,
        minAge,
        120,
        false,
        false,
        Sensitivity.NONE,
        LocalDate.MIN,
        List.of(drugs));
  }

  private static Diagnosis acute(
      String code, String display, String ko, int weight, int minAge, String... drugs) {
    return new Diagnosis(
        code,
        display,
        ko,
        false,
        weight,
        minAge,
        120,
        false,
        false,
        Sensitivity.NONE,
        LocalDate.MIN,
        List.of(drugs));
  }
}
