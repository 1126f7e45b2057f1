package kr.hiway.demo.simulator;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Where synthetic people live: the fourteen provinces and metropolitan cities that have a tertiary
 * hospital, a few cities in each with their districts, and common road names.
 *
 * <p>Province and city names are in English, as in {@code hospitals.csv}, so that a person's home
 * province can be matched against a hospital's. Weights are rough populations in ten thousands,
 * which puts Gyeonggi and Seoul first. Stateless and thread-safe.
 */
final class Places {

  /** A city, with its Korean name, weight within its province, and districts (구, 동, 읍). */
  record City(String nameEn, String nameKo, int weight, List<String> districts) {
    City {
      Objects.requireNonNull(nameEn, "nameEn");
      Objects.requireNonNull(nameKo, "nameKo");
      districts = List.copyOf(districts);
    }
  }

  /** A province or metropolitan city. */
  record Province(String nameEn, String nameKo, int weight, List<City> cities) {
    Province {
      Objects.requireNonNull(nameEn, "nameEn");
      Objects.requireNonNull(nameKo, "nameKo");
      cities = List.copyOf(cities);
    }
  }

  static final List<Province> PROVINCES =
      List.of(
          metropolis(
              "Seoul",
              "서울특별시",
              "서울",
              940,
              "종로구 중구 용산구 성동구 광진구 동대문구 중랑구 성북구 강북구 도봉구 노원구 은평구 서대문구 마포구 양천구 "
                  + "강서구 구로구 금천구 영등포구 동작구 관악구 서초구 강남구 송파구 강동구"),
          metropolis(
              "Busan",
              "부산광역시",
              "부산",
              330,
              "중구 서구 동구 영도구 부산진구 동래구 남구 북구 해운대구 사하구 금정구 강서구 연제구 수영구 사상구 기장군"),
          metropolis("Daegu", "대구광역시", "대구", 237, "중구 동구 서구 남구 북구 수성구 달서구 달성군"),
          metropolis("Incheon", "인천광역시", "인천", 300, "중구 동구 미추홀구 연수구 남동구 부평구 계양구 서구"),
          metropolis("Gwangju", "광주광역시", "광주", 142, "동구 서구 남구 북구 광산구"),
          metropolis("Daejeon", "대전광역시", "대전", 144, "동구 중구 서구 유성구 대덕구"),
          metropolis("Ulsan", "울산광역시", "울산", 110, "중구 남구 동구 북구 울주군"),
          new Province(
              "Gyeonggi",
              "경기도",
              1363,
              List.of(
                  city("Suwon", "수원시", 120, "장안구 권선구 팔달구 영통구"),
                  city("Seongnam", "성남시", 92, "수정구 중원구 분당구"),
                  city("Goyang", "고양시", 107, "덕양구 일산동구 일산서구"),
                  city("Yongin", "용인시", 107, "처인구 기흥구 수지구"),
                  city("Bucheon", "부천시", 79, "원미구 소사구 오정구"),
                  city("Ansan", "안산시", 63, "상록구 단원구"),
                  city("Anyang", "안양시", 55, "만안구 동안구"),
                  city("Hwaseong", "화성시", 93, "동탄동 봉담읍 향남읍 남양읍"),
                  city("Namyangju", "남양주시", 73, "다산동 별내동 와부읍 화도읍"),
                  city("Pyeongtaek", "평택시", 58, "비전동 송탄동 안중읍 세교동"))),
          new Province(
              "Gangwon",
              "강원특별자치도",
              153,
              List.of(
                  city("Chuncheon", "춘천시", 29, "효자동 석사동 퇴계동 후평동"),
                  city("Wonju", "원주시", 36, "단계동 무실동 명륜동 단구동"),
                  city("Gangneung", "강릉시", 21, "교동 포남동 옥천동 홍제동"))),
          new Province(
              "Chungbuk",
              "충청북도",
              159,
              List.of(
                  city("Cheongju", "청주시", 85, "상당구 서원구 흥덕구 청원구"),
                  city("Chungju", "충주시", 21, "연수동 칠금동 호암동 교현동"))),
          new Province(
              "Chungnam",
              "충청남도",
              213,
              List.of(
                  city("Cheonan", "천안시", 66, "동남구 서북구"),
                  city("Asan", "아산시", 34, "배방읍 온양동 탕정면 둔포면"),
                  city("Seosan", "서산시", 18, "동문동 석남동 예천동"))),
          new Province(
              "Jeonbuk",
              "전북특별자치도",
              175,
              List.of(
                  city("Jeonju", "전주시", 65, "완산구 덕진구"),
                  city("Iksan", "익산시", 27, "영등동 모현동 부송동 어양동"),
                  city("Gunsan", "군산시", 26, "나운동 수송동 조촌동 소룡동"))),
          new Province(
              "Jeonnam",
              "전라남도",
              180,
              List.of(
                  city("Suncheon", "순천시", 28, "연향동 조례동 왕조동 해룡면"),
                  city("Yeosu", "여수시", 27, "여서동 학동 문수동 소라면"),
                  city("Mokpo", "목포시", 21, "상동 옥암동 용해동 하당동"),
                  city("Hwasun", "화순군", 6, "화순읍 능주면"))),
          new Province(
              "Gyeongnam",
              "경상남도",
              325,
              List.of(
                  city("Changwon", "창원시", 101, "의창구 성산구 마산합포구 마산회원구 진해구"),
                  city("Gimhae", "김해시", 53, "내외동 장유동 북부동 활천동"),
                  city("Jinju", "진주시", 34, "가좌동 평거동 충무공동 초장동"),
                  city("Yangsan", "양산시", 35, "물금읍 중앙동 삼성동 동면"))));

  private static final List<String> ROADS =
      words(
          "중앙로 시청로 대학로 번영로 문화로 공원로 역전로 평화로 희망로 새싹로 은행나무길 벚꽃로 한빛로 "
              + "푸른숲길 꽃담길 강변로 동산로 학교길 시장길 남부순환로 하늘정원로 청솔로 느티나무로 "
              + "소나무길");

  private static final int[] PROVINCE_CUMULATIVE =
      Seeds.cumulative(PROVINCES.stream().mapToInt(Province::weight).toArray());

  private Places() {}

  static Province drawProvince(SplittableRandom r) {
    return PROVINCES.get(Seeds.drawCumulative(r, PROVINCE_CUMULATIVE));
  }

  static City drawCity(SplittableRandom r, Province province) {
    List<City> cities = province.cities();
    if (cities.size() == 1) {
      return cities.get(0);
    }
    int[] weights = new int[cities.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = cities.get(i).weight();
    }
    return cities.get(Seeds.weighted(r, weights));
  }

  /** District, road and number, such as {@code 중구 세종대로 110}. */
  static String drawAddressLine(SplittableRandom r, City city) {
    String road = Seeds.pick(r, ROADS);
    // Roads often carry a branch number ("중앙로12번길"); a third of them do here.
    if (Seeds.chance(r, 33)) {
      road = road + (1 + r.nextInt(60)) + "번길";
    }
    return Seeds.pick(r, city.districts()) + " " + road + " " + (1 + r.nextInt(300));
  }

  static Optional<Province> province(String nameEn) {
    return PROVINCES.stream().filter(p -> p.nameEn().equals(nameEn)).findFirst();
  }

  private static Province metropolis(
      String nameEn, String nameKo, String cityKo, int weight, String districts) {
    return new Province(nameEn, nameKo, weight, List.of(city(nameEn, cityKo, 1, districts)));
  }

  private static City city(String nameEn, String nameKo, int weight, String districts) {
    return new City(nameEn, nameKo, weight, words(districts));
  }

  private static List<String> words(String spaceSeparated) {
    return List.of(spaceSeparated.split(" "));
  }
}
