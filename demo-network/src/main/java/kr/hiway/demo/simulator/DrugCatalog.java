package kr.hiway.demo.simulator;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The drugs the simulator prescribes, coded in WHO ATC ({@link #ATC}), the classification HL7
 * Korea's KR Core guide also names: the ATC name goes in {@code coding.display}, the Korean name
 * and strength in {@code CodeableConcept.text}. Stateless and thread-safe.
 */
final class DrugCatalog {

  static final String ATC = "http://www.whocc.no/atc";

  /** One drug: ATC code and name, Korean name and strength, and the usual Korean sig. */
  record Drug(String atc, String display, String ko, String strength, String sig) {
    Drug {
      Objects.requireNonNull(atc, "atc");
      Objects.requireNonNull(display, "display");
      Objects.requireNonNull(ko, "ko");
      Objects.requireNonNull(strength, "strength");
      Objects.requireNonNull(sig, "sig");
    }
  }

  static final List<Drug> DRUGS =
      List.of(
          new Drug("C08CA01", "amlodipine", "암로디핀", "5mg 정", "1일 1회 1정, 아침 식후 복용"),
          new Drug("C09CA01", "losartan", "로사르탄", "50mg 정", "1일 1회 1정, 아침 식후 복용"),
          new Drug("A10BA02", "metformin", "메트포르민", "500mg 정", "1일 2회 1정, 아침·저녁 식후 복용"),
          new Drug("C10AA05", "atorvastatin", "아토르바스타틴", "10mg 정", "1일 1회 1정, 저녁 식후 복용"),
          new Drug(
              "R03AK06", "salmeterol and fluticasone", "살메테롤·플루티카손", "50/250mcg 흡입제", "1일 2회 1흡입"),
          new Drug("A02BC01", "omeprazole", "오메프라졸", "20mg 캡슐", "1일 1회 1캡슐, 아침 식전 복용"),
          new Drug("M01AE01", "ibuprofen", "이부프로펜", "400mg 정", "1일 3회 1정, 식후 복용"),
          new Drug("N02BE01", "paracetamol", "아세트아미노펜", "500mg 정", "1일 3회 1정, 필요 시 식후 복용"),
          new Drug(
              "J01CR02",
              "amoxicillin and beta-lactamase inhibitor",
              "아목시실린·클라불란산",
              "625mg 정",
              "1일 3회 1정, 7일간 식후 복용"),
          new Drug("B01AC06", "acetylsalicylic acid", "아스피린", "100mg 장용정", "1일 1회 1정, 아침 식후 복용"),
          new Drug("H03AA01", "levothyroxine sodium", "레보티록신", "50mcg 정", "1일 1회 1정, 아침 공복 복용"),
          new Drug("M05BA04", "alendronic acid", "알렌드론산", "70mg 정", "주 1회 1정, 아침 공복에 물과 함께 복용"),
          new Drug("J05AF07", "tenofovir disoproxil", "테노포비르 디소프록실", "300mg 정", "1일 1회 1정 복용"),
          new Drug("N02CC01", "sumatriptan", "수마트립탄", "50mg 정", "두통 시 1정, 1일 최대 4정"),
          new Drug("R06AE07", "cetirizine", "세티리진", "10mg 정", "1일 1회 1정, 취침 전 복용"),
          new Drug("B01AF01", "rivaroxaban", "리바록사반", "20mg 정", "1일 1회 1정, 저녁 식후 복용"),
          new Drug("J01MA02", "ciprofloxacin", "시프로플록사신", "500mg 정", "1일 2회 1정, 5일간 복용"),
          new Drug("N06AB06", "sertraline", "서트랄린", "50mg 정", "1일 1회 1정, 아침 식후 복용"),
          new Drug("N06AB10", "escitalopram", "에스시탈로프람", "10mg 정", "1일 1회 1정 복용"),
          new Drug("N07BB04", "naltrexone", "날트렉손", "50mg 정", "1일 1회 1정 복용"),
          new Drug("N07BA03", "varenicline", "바레니클린", "1mg 정", "1일 2회 1정, 식후 복용"),
          new Drug(
              "J05AR20",
              "emtricitabine, tenofovir alafenamide and bictegravir",
              "빅테그라비르·엠트리시타빈·테노포비르 알라페나미드",
              "복합정",
              "1일 1회 1정 복용"),
          new Drug("J01CE08", "benzathine benzylpenicillin", "벤자틴 벤질페니실린", "240만 단위 주사", "1회 근육주사"),
          new Drug("J01DD04", "ceftriaxone", "세프트리악손", "500mg 주사", "1회 근육주사"),
          new Drug("J05AB11", "valaciclovir", "발라시클로버", "500mg 정", "1일 2회 1정, 5일간 복용"));

  private static final Map<String, Drug> DRUGS_BY_ATC =
      DRUGS.stream().collect(Collectors.toUnmodifiableMap(Drug::atc, Function.identity()));

  private DrugCatalog() {}

  static Drug drug(String atc) {
    Drug drug = DRUGS_BY_ATC.get(atc);
    if (drug == null) {
      throw new IllegalArgumentException("no drug with ATC code " + atc);
    }
    return drug;
  }
}
