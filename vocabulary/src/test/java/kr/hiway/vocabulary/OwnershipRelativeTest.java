package kr.hiway.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** {@link Ownership.Relative#parse} against the pattern it stands in for. */
class OwnershipRelativeTest {

  private static final String[] PIECES = {
    "Patient", "Observation", "P", "p", "x", "Z", "1", "0", ".", "-", "_", "/", "/_history/",
    "_history", " ", "é", "#", "a1", "ab", "AB", "9", "%2F", "\n", "", "Patient/", "/1"
  };

  @Test
  void parseWhenRandomReferencesThenAsThePattern() {
    SplittableRandom random = new SplittableRandom(11);
    int matched = 0;
    for (int n = 0; n < 300_000; n++) {
      StringBuilder b = new StringBuilder();
      if (random.nextBoolean()) {
        // Mostly valid: Type/id, perhaps with a version, then perhaps a stray piece.
        b.append(random.nextBoolean() ? "Observation" : "Pa").append('/').append("a1.-");
        if (random.nextBoolean()) {
          b.append("/_history/").append(random.nextInt(100));
        }
      }
      int pieces = random.nextInt(3);
      for (int i = 0; i < pieces; i++) {
        b.append(PIECES[random.nextInt(PIECES.length)]);
      }
      if (random.nextInt(20) == 0) {
        b.append("x".repeat(random.nextInt(60, 70)));
      }
      String s = b.toString();
      Matcher m = Ownership.RELATIVE.matcher(s);
      Ownership.Relative parsed = Ownership.Relative.parse(s);
      if (m.matches()) {
        matched++;
        assertThat(parsed)
            .as(s)
            .isEqualTo(
                new Ownership.Relative(
                    m.group(1),
                    m.group(2),
                    m.group(3) == null ? null : m.group(3).substring("/_history/".length())));
      } else {
        assertThat(parsed).as(s).isNull();
      }
    }
    assertThat(matched).as("enough valid references among the random ones").isGreaterThan(5_000);
  }

  @Test
  void parseWhenLengthsAtTheirLimitsThenAsThePattern() {
    String type64 = "P" + "a".repeat(63);
    String id64 = "1".repeat(64);
    assertThat(Ownership.Relative.parse(type64 + "/" + id64))
        .isEqualTo(new Ownership.Relative(type64, id64, null));
    assertThat(Ownership.Relative.parse(type64 + "a/1")).isNull();
    assertThat(Ownership.Relative.parse("Patient/" + id64 + "1")).isNull();
    assertThat(Ownership.Relative.parse("Patient/1/_history/" + id64))
        .isEqualTo(new Ownership.Relative("Patient", "1", id64));
    assertThat(Ownership.Relative.parse("Patient/1/_history/" + id64 + "1")).isNull();
    assertThat(Ownership.Relative.parse("Patient/1/_history/")).isNull();
  }
}
