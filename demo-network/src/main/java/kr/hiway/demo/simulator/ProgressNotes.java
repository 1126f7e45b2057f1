package kr.hiway.demo.simulator;

import java.util.List;
import java.util.SplittableRandom;
import kr.hiway.demo.simulator.ClinicalCatalog.Diagnosis;
import kr.hiway.demo.simulator.DrugCatalog.Drug;

/**
 * Writes the short Korean progress note of a visit: one to three sentences naming the main
 * diagnosis, sometimes the vital signs, and the plan. The note never names the patient. Stateless.
 */
final class ProgressNotes {

  private ProgressNotes() {}

  /**
   * The note.
   *
   * @param systolic the systolic pressure measured, or 0 if none was
   * @param diastolic the diastolic pressure measured, or 0 if none was
   * @param pulse the pulse measured
   * @param drugs what was prescribed at the visit, possibly nothing
   */
  static String write(
      SplittableRandom r, Visit visit, int systolic, int diastolic, int pulse, List<Drug> drugs) {
    Diagnosis main = visit.main();
    String reason = main.ko() + withParticle(main.ko(), "으로", "로");
    StringBuilder note = new StringBuilder();
    switch (visit.kind()) {
      case AMB -> note.append(reason).append(" 외래 진료함.");
      case EMER -> note.append(reason).append(" 응급실 내원하여 진료함.");
      case IMP -> note.append(reason).append(' ').append(visit.days()).append("일간 입원 치료 후 퇴원함.");
    }
    if (systolic > 0 && Seeds.chance(r, 60)) {
      note.append(" 혈압 ")
          .append(systolic)
          .append('/')
          .append(diastolic)
          .append(" mmHg, 맥박 ")
          .append(pulse)
          .append("회/분으로 측정됨.");
    }
    if (Seeds.chance(r, 70)) {
      if (!drugs.isEmpty()) {
        String drug = drugs.get(0).ko();
        note.append(' ').append(drug).append(withParticle(drug, "을", "를")).append(" 처방하고 ");
        if (main.chronic()) {
          note.append(4 + r.nextInt(9)).append("주 후 재진 예정.");
        } else {
          note.append("증상 지속 시 재방문하도록 안내함.");
        }
      } else if (main.chronic()) {
        note.append(" 현재 치료를 유지하며 경과 관찰 예정.");
      } else {
        note.append(" 증상 호전되어 필요 시 재방문하도록 안내함.");
      }
    }
    return note.toString();
  }

  /**
   * The particle form a Korean word takes: the first after a final consonant, the second after a
   * vowel. For 으로/로 a final ㄹ counts as a vowel (서울로, not 서울으로).
   */
  static String withParticle(String word, String afterConsonant, String afterVowel) {
    char last = lastSoundingChar(word);
    if (last < 0xAC00 || last > 0xD7A3) {
      return afterVowel;
    }
    int finalConsonant = (last - 0xAC00) % 28;
    boolean rieul = finalConsonant == 8;
    if (finalConsonant == 0 || (rieul && afterVowel.equals("로"))) {
      return afterVowel;
    }
    return afterConsonant;
  }

  // Digits are read aloud: 3 (삼) ends in a consonant, 2 (이) in a vowel.
  private static char lastSoundingChar(String word) {
    char c = word.charAt(word.length() - 1);
    if (c >= '0' && c <= '9') {
      return "영일이삼사오육칠팔구".charAt(c - '0');
    }
    return c;
  }
}
