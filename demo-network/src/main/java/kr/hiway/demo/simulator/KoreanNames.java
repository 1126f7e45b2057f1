package kr.hiway.demo.simulator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Korean family and given names for synthetic people.
 *
 * <p>Family names are weighted by their approximate share of the population (census 2015, per ten
 * thousand), so about one person in five is a 김. Given names are two syllables, drawn from lists
 * per sex and generation, because a name like 영수 belongs to a grandfather and 서준 to a child.
 * Stateless and thread-safe.
 */
final class KoreanNames {

  private static final List<String> FAMILY =
      List.of(
          "김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권", "황", "안", "송",
          "유", "류", "전", "홍", "고", "문", "양", "손", "배", "백", "허", "남", "심", "노", "하", "곽", "성", "차",
          "주", "우", "구", "민", "진", "나", "지", "엄", "채", "원", "천", "방", "공", "현", "함", "변", "염", "여",
          "추", "도", "석", "선", "설", "마", "길", "연", "위", "표", "명", "기", "반", "왕", "금", "옥", "육", "인",
          "맹", "제", "모", "탁", "국", "어", "은", "편", "황보", "남궁", "제갈", "선우", "독고");

  private static final int[] FAMILY_WEIGHTS = {
    2150, 1470, 840, 470, 430, 230, 210, 210, 200, 170, 150, 150, 150, 150, 140, 140, //
    140, 140, 110, 60, 110, 110, 90, 90, 90, 90, 80, 80, 70, 60, 50, 50, //
    40, 40, 40, 40, 40, 40, 40, 30, 30, 30, 30, 30, 25, 25, 25, 25, //
    20, 20, 15, 15, 15, 15, 10, 10, 10, 10, 10, 10, 5, 5, 5, 5, //
    5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, //
    3, 2, 1, 1, 1
  };

  private static final List<String> MALE_OLD =
      List.of(
          "영수", "영호", "영철", "상철", "정호", "광수", "영식", "정수", "성수", "영길", "상호", "종수", "병철", "용호", "춘식",
          "정남", "기철", "만수", "재호", "동수", "순철", "종철", "영남", "병호", "창호");
  private static final List<String> MALE_MIDDLE =
      List.of(
          "성민", "동현", "재현", "정훈", "성훈", "상현", "준호", "민수", "지훈", "현우", "성진", "재훈", "승현", "민호", "영진",
          "종현", "상우", "동욱", "정민", "태호", "진호", "민석", "성호", "경민", "재원", "상훈", "용준", "대현", "재민", "준영");
  private static final List<String> MALE_YOUNG =
      List.of(
          "민준", "서준", "도윤", "예준", "시우", "하준", "주원", "지호", "지후", "준우", "준서", "건우", "현우", "도현", "지훈",
          "우진", "선우", "서진", "민재", "현준", "연우", "유준", "정우", "승우", "시윤", "준혁", "은우", "지환", "승민", "유찬",
          "윤우", "민성", "시후", "진우", "수호", "재윤");
  private static final List<String> FEMALE_OLD =
      List.of(
          "영숙", "정숙", "순자", "영희", "명숙", "경숙", "정희", "순희", "영자", "춘자", "옥순", "정자", "미숙", "영순", "숙자",
          "말순", "정순", "광숙", "희숙", "금순", "순옥", "영애", "경자", "복순", "명자");
  private static final List<String> FEMALE_MIDDLE =
      List.of(
          "지은", "혜진", "은영", "수진", "지현", "미영", "은정", "민지", "현정", "유진", "지영", "선영", "은주", "미경", "혜원",
          "정은", "수연", "민정", "은지", "소영", "보람", "나영", "지혜", "현주", "은희", "미진", "경희", "혜영", "윤정", "세영");
  private static final List<String> FEMALE_YOUNG =
      List.of(
          "서연", "서윤", "지우", "서현", "민서", "하은", "하윤", "윤서", "지유", "지민", "채원", "수아", "지아", "지윤", "은서",
          "다은", "예은", "수빈", "소율", "예린", "하린", "서아", "시은", "유나", "예원", "지원", "수민", "채은", "가은", "나은");

  private static final int[] FAMILY_CUMULATIVE = Seeds.cumulative(FAMILY_WEIGHTS);

  static {
    if (FAMILY.size() != FAMILY_WEIGHTS.length) {
      throw new ExceptionInInitializerError("family names and weights differ in length");
    }
  }

  private KoreanNames() {}

  static String familyName(SplittableRandom r) {
    return FAMILY.get(Seeds.drawCumulative(r, FAMILY_CUMULATIVE));
  }

  /**
   * A given name fitting the sex and birth year; one in five comes from the neighbouring
   * generation, since fashions overlap.
   */
  static String givenName(SplittableRandom r, Sex sex, int birthYear) {
    int generation = birthYear < 1960 ? 0 : birthYear < 1990 ? 1 : 2;
    if (Seeds.chance(r, 20)) {
      generation = generation == 1 ? (r.nextBoolean() ? 0 : 2) : 1;
    }
    List<String> names =
        switch (generation) {
          case 0 -> sex == Sex.MALE ? MALE_OLD : FEMALE_OLD;
          case 1 -> sex == Sex.MALE ? MALE_MIDDLE : FEMALE_MIDDLE;
          default -> sex == Sex.MALE ? MALE_YOUNG : FEMALE_YOUNG;
        };
    return Seeds.pick(r, names);
  }

  /** A clinician's name as shown in a reference display, such as {@code 박지훈}. */
  static String clinician(SplittableRandom r) {
    Sex sex = r.nextBoolean() ? Sex.MALE : Sex.FEMALE;
    return familyName(r) + givenName(r, sex, 1965 + r.nextInt(30));
  }
}
