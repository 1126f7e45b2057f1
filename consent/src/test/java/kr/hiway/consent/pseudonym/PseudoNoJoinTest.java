package kr.hiway.consent.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two recipients' copies of one person: each keeps the person's time course, but they share no
 * (hospital, type, code, date) to be joined on.
 */
class PseudoNoJoinTest {

  static final String A = "research-cohort";
  static final String B = "research-cohort-2";

  private static PseudoFixtures.Network network;
  private static Pseudonymizer pseudonymizer;

  @BeforeAll
  static void setUp() {
    network = PseudoFixtures.network(PseudoReleaseTest.PERSONS);
    pseudonymizer = PseudoFixtures.pseudonymizer("no-join");
  }

  @Test
  void dateOffsetWhenManyPersonsThenNeverZeroWithinTheRangeAndUnrelatedBetweenDomains() {
    int same = 0;
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < PseudoReleaseTest.PERSONS; i++) {
      String id = network.population().person(i).nationalId();
      int a = pseudonymizer.dateOffsetDays(A, id);
      int b = pseudonymizer.dateOffsetDays(B, id);
      assertThat(Math.abs(a)).isBetween(1, 365);
      assertThat(Math.abs(b)).isBetween(1, 365);
      assertThat(pseudonymizer.dateOffsetDays(A, id)).as("stable").isEqualTo(a);
      same += a == b ? 1 : 0;
      seen.add(a);
    }
    // 1 chance in 730 per person; 300 persons would rarely see more than 3.
    assertThat(same).isLessThanOrEqualTo(3);
    assertThat(seen.size()).as("spread over the range").isGreaterThan(200);
    assertThat(seen).anyMatch(d -> d < 0).anyMatch(d -> d > 0);
  }

  @Test
  void pseudonymizeWhenTwoDomainsThenNoRecordJoinsOnHospitalTypeCodeAndDate() {
    for (int person = 0; person < 20; person++) {
      List<Resource> release = network.gatewayRelease(person);
      Set<String> a = keys(pseudonymizer.pseudonymize(A, id(person), release).resources());
      Set<String> b = keys(pseudonymizer.pseudonymize(B, id(person), release).resources());

      assertThat(a).isNotEmpty();
      Set<String> joined = new HashSet<>(a);
      joined.retainAll(b);
      assertThat(joined).as("person %d", person).isEmpty();
    }
  }

  @Test
  void pseudonymizeWhenEncountersThenTheirIntervalsAreKeptToTheDay() {
    for (int person = 0; person < 20; person++) {
      List<Resource> release = network.gatewayRelease(person);
      List<LocalDate> before = starts(release);
      List<LocalDate> after =
          starts(pseudonymizer.pseudonymize(A, id(person), release).resources());
      int offset = pseudonymizer.dateOffsetDays(A, id(person));

      assertThat(after).hasSameSizeAs(before);
      for (int i = 0; i < before.size(); i++) {
        assertThat(ChronoUnit.DAYS.between(before.get(i), after.get(i)))
            .as("every date moved by the person's offset, never 0")
            .isEqualTo(offset)
            .isNotZero();
        if (i > 0) {
          assertThat(ChronoUnit.DAYS.between(after.get(i - 1), after.get(i)))
              .isEqualTo(ChronoUnit.DAYS.between(before.get(i - 1), before.get(i)));
        }
      }
    }
  }

  private static String id(int person) {
    return network.population().person(person).nationalId();
  }

  private static List<LocalDate> starts(List<Resource> resources) {
    List<LocalDate> out = new ArrayList<>();
    for (Resource r : resources) {
      if (r instanceof Encounter e && e.getPeriod().hasStart()) {
        out.add(
            LocalDate.parse(e.getPeriod().getStartElement().getValueAsString().substring(0, 10)));
      }
    }
    return out;
  }

  /** (hospital, type, code, date) of each record with an Encounter period or a Condition onset. */
  private static Set<String> keys(List<Resource> resources) {
    Set<String> out = new HashSet<>();
    for (Resource r : resources) {
      String hospital = r.getMeta().getSource();
      if (r instanceof Encounter e && e.getPeriod().hasStart()) {
        out.add(key(hospital, r, e.getClass_().getCode(), e.getPeriod().getStartElement()));
      } else if (r instanceof org.hl7.fhir.r4.model.Condition c && c.hasOnsetDateTimeType()) {
        out.add(
            key(hospital, r, c.getCode().getCodingFirstRep().getCode(), c.getOnsetDateTimeType()));
      }
    }
    return out;
  }

  private static String key(
      String hospital, Resource r, String code, org.hl7.fhir.r4.model.BaseDateTimeType date) {
    return hospital
        + "|"
        + r.fhirType()
        + "|"
        + code
        + "|"
        + date.getValueAsString().substring(0, 10);
  }
}
