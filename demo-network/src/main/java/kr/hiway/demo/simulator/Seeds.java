package kr.hiway.demo.simulator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Derives the random streams of the simulator from the population seed.
 *
 * <p>Every stream is keyed by the seed and by what it is for (a domain constant, a hospital, a
 * person), never by the order in which things are asked for, so that a patient's records come out
 * the same whichever hospital or patient is generated first. Stateless and thread-safe.
 */
final class Seeds {

  static final long PERSON = 0x5045_5253_4f4eL;
  static final long PERSON_RETRY = 0x5245_5452_5900L;
  static final long ASSIGNMENT = 0x4153_5349_474eL;
  static final long PROFILE = 0x5052_4f46_494cL;
  static final long MRN = 0x4d52_4e00_0000L;
  static final long RECORDS = 0x5245_434f_5244L;

  private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;

  private Seeds() {}

  /**
   * A 64-bit FNV-1a hash of the string's UTF-16 code units: unlike {@link String#hashCode()} it
   * spreads short codes over 64 bits, and unlike identity hashes it is the same on every run.
   */
  static long hash(String s) {
    long h = 0xcbf2_9ce4_8422_2325L;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      h = (h ^ (c & 0xff)) * 0x100_0000_01b3L;
      h = (h ^ (c >>> 8)) * 0x100_0000_01b3L;
    }
    return h;
  }

  /** Mixes the parts in order into one well-spread seed. */
  static long mix(long... parts) {
    long h = GOLDEN;
    for (long p : parts) {
      h = finish(h ^ finish(p + GOLDEN));
    }
    return h;
  }

  static SplittableRandom random(long... parts) {
    return new SplittableRandom(mix(parts));
  }

  /**
   * A standard normal draw, approximated by the sum of six uniforms (variance 1/2, scaled). Bounded
   * to about ±4.2 so that no vital sign is absurd, and made of plain arithmetic so that it does not
   * depend on the JDK's Gaussian algorithm.
   */
  static double normal(SplittableRandom r) {
    double sum = 0;
    for (int i = 0; i < 6; i++) {
      sum += r.nextDouble();
    }
    return (sum - 3.0) * 1.4142135623730951;
  }

  static <T> T pick(SplittableRandom r, List<T> items) {
    return items.get(r.nextInt(items.size()));
  }

  /** An index drawn with probability proportional to its weight; weights are not negative. */
  static int weighted(SplittableRandom r, int[] weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int x = r.nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    throw new IllegalStateException("unreachable: weights changed during the draw");
  }

  /** Running totals of the weights, for {@link #drawCumulative} on tables drawn from often. */
  static int[] cumulative(int[] weights) {
    int[] out = new int[weights.length];
    int total = 0;
    for (int i = 0; i < weights.length; i++) {
      total += weights[i];
      out[i] = total;
    }
    return out;
  }

  /** The same draw as {@link #weighted} (the same index for the same random state), faster. */
  static int drawCumulative(SplittableRandom r, int[] cumulative) {
    int x = r.nextInt(cumulative[cumulative.length - 1]);
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > x) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** True with the given probability in percent. */
  static boolean chance(SplittableRandom r, int percent) {
    return r.nextInt(100) < percent;
  }

  // The SplitMix64 finaliser: every input bit affects every output bit.
  private static long finish(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
    return z ^ (z >>> 31);
  }
}
