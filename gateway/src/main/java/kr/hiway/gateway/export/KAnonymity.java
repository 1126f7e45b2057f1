package kr.hiway.gateway.export;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures a cohort's k-anonymity and decides what reaches k: the least generalization of the birth
 * year whose suppression (every person in a class smaller than k) stays within the allowed share;
 * if none does, the one that suppresses fewest, and the export needs a review. Stateless.
 */
final class KAnonymity {

  private KAnonymity() {}

  /** The assessment: the report, and which persons (by index in {@code persons}) to suppress. */
  record Assessment(RiskReport report, BitSet suppressed) {}

  static Assessment assess(List<QuasiIdentifiers> persons, int k, double maxSuppressedShare) {
    if (k < 1 || maxSuppressedShare < 0 || maxSuppressedShare > 1) {
      throw new IllegalArgumentException("k must be at least 1 and the share within [0, 1]");
    }
    int n = persons.size();
    Classes exact = Classes.of(persons, Generalization.YEAR);
    Generalization chosen = null;
    Classes best = null;
    for (Generalization g : Generalization.values()) {
      Classes c = g == Generalization.YEAR ? exact : Classes.of(persons, g);
      int below = c.personsBelow(k);
      if (best == null || below < best.personsBelow(k)) {
        best = c;
        chosen = g;
      }
      if (n == 0 || (double) below / n <= maxSuppressedShare) {
        best = c;
        chosen = g;
        break;
      }
    }
    BitSet suppressed = new BitSet(n);
    int achieved = Integer.MAX_VALUE;
    int released = 0;
    for (int i = 0; i < n; i++) {
      int size = best.sizeOf(persons.get(i));
      if (size < k) {
        suppressed.set(i);
      } else {
        achieved = Math.min(achieved, size);
      }
    }
    for (int size : best.sizes.values()) {
      released += size >= k ? 1 : 0;
    }
    int count = suppressed.cardinality();
    RiskReport report =
        new RiskReport(
            n,
            k,
            maxSuppressedShare,
            exact.smallest(),
            exact.uniqueShare(n),
            chosen,
            best.smallest(),
            best.uniqueShare(n),
            count,
            0,
            achieved == Integer.MAX_VALUE ? 0 : achieved,
            released,
            n > 0 && (double) count / n > maxSuppressedShare);
    return new Assessment(report, suppressed);
  }

  /** The equivalence classes of a cohort at one generalization: class key to size. */
  private record Classes(Generalization level, Map<String, Integer> sizes) {

    static Classes of(List<QuasiIdentifiers> persons, Generalization level) {
      Map<String, Integer> sizes = new HashMap<>();
      for (QuasiIdentifiers q : persons) {
        sizes.merge(q.classKey(level), 1, Integer::sum);
      }
      return new Classes(level, sizes);
    }

    int sizeOf(QuasiIdentifiers q) {
      return sizes.get(q.classKey(level));
    }

    int personsBelow(int k) {
      return sizes.values().stream().filter(s -> s < k).mapToInt(Integer::intValue).sum();
    }

    int smallest() {
      return sizes.values().stream().mapToInt(Integer::intValue).min().orElse(0);
    }

    double uniqueShare(int n) {
      return n == 0 ? 0 : (double) sizes.values().stream().filter(s -> s == 1).count() / n;
    }
  }
}
