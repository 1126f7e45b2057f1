package kr.hiway.consent.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.parser.IParser;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import kr.hiway.demo.network.HospitalDirectory;
import kr.hiway.demo.simulator.SyntheticPopulation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Stable within a domain and a master key; unrelated across domains and master keys. */
class PseudoUnlinkabilityTest {

  private static final int PERSONS = 10_000;
  private static List<String> nationalIds;

  @BeforeAll
  static void setUp() {
    PseudoFixtures.fhir();
    SyntheticPopulation population =
        SyntheticPopulation.generate(
            PseudoFixtures.SEED, PERSONS, HospitalDirectory.tertiaryHospitals());
    nationalIds = new ArrayList<>(PERSONS);
    for (int i = 0; i < PERSONS; i++) {
      nationalIds.add(population.person(i).nationalId());
    }
  }

  private static List<String> pseudonyms(Pseudonymizer p, String domain) {
    return nationalIds.stream().map(id -> p.pseudonymOf(domain, id)).toList();
  }

  @Test
  void pseudonymizeWhenTwoDomainsThenDifferentUnrelatedPseudonyms() {
    Pseudonymizer p = PseudoFixtures.pseudonymizer("unlinkability");
    List<String> a = pseudonyms(p, "irb-2025-0142");
    List<String> b = pseudonyms(p, "regulator");
    assertThat(new HashSet<>(a)).as("no collision within a domain").hasSize(PERSONS);
    assertThat(new HashSet<>(b)).hasSize(PERSONS);
    Set<String> both = new HashSet<>(a);
    both.retainAll(b);
    assertThat(both).as("no pseudonym shared by the domains").isEmpty();

    // No simple relation: same-position characters agree about 1 time in 32, as for random
    // strings, and the bitwise difference between a person's two pseudonyms is never repeated.
    long agreeing = 0;
    Set<BigInteger> differences = new HashSet<>();
    for (int i = 0; i < PERSONS; i++) {
      String x = a.get(i).substring(3);
      String y = b.get(i).substring(3);
      for (int c = 0; c < x.length(); c++) {
        agreeing += x.charAt(c) == y.charAt(c) ? 1 : 0;
      }
      differences.add(bits(x).xor(bits(y)));
    }
    double rate = agreeing / (double) (PERSONS * 26L);
    assertThat(rate).isBetween(1 / 32.0 - 0.004, 1 / 32.0 + 0.004);
    assertThat(differences).hasSize(PERSONS);
  }

  @Test
  void pseudonymizeWhenSameMasterKeyInAnotherInstanceThenSamePseudonymsAndReleases() {
    Pseudonymizer first = PseudoFixtures.pseudonymizer("stable");
    Pseudonymizer second =
        new Pseudonymizer(
            PseudoFixtures.fhir(),
            new PseudonymKeys(PseudoFixtures.keys("stable").masterKey()),
            DeidentificationProfile.loadDefault());
    assertThat(pseudonyms(second, "irb-1")).isEqualTo(pseudonyms(first, "irb-1"));

    PseudoFixtures.Network network = PseudoFixtures.network(PseudoReleaseTest.PERSONS);
    String id = network.population().person(0).nationalId();
    IParser parser = PseudoFixtures.fhir().newJsonParser();
    List<String> once =
        encode(parser, first.pseudonymize("irb-1", id, network.release(0)).resources());
    List<String> again =
        encode(parser, first.pseudonymize("irb-1", id, network.release(0)).resources());
    List<String> other =
        encode(parser, second.pseudonymize("irb-1", id, network.release(0)).resources());
    assertThat(again).isEqualTo(once);
    assertThat(other).isEqualTo(once);
  }

  @Test
  void pseudonymizeWhenLaterReleaseHoldsFewerRecordsThenSharedRecordsKeepTheirIds() {
    PseudoFixtures.Network network = PseudoFixtures.network(PseudoReleaseTest.PERSONS);
    Pseudonymizer p = PseudoFixtures.pseudonymizer("stable");
    String id = network.population().person(0).nationalId();
    String code = network.population().hospitalsOf(0).get(3).code();
    Set<String> all = ids(p.pseudonymize("irb-1", id, network.release(0)).resources());
    Set<String> one = ids(p.pseudonymize("irb-1", id, network.at(code, 0)).resources());
    assertThat(one).hasSizeGreaterThan(5);
    assertThat(all).containsAll(one);
    Set<String> elsewhere = ids(p.pseudonymize("irb-2", id, network.at(code, 0)).resources());
    elsewhere.retainAll(one);
    assertThat(elsewhere).isEmpty();
  }

  @Test
  void pseudonymizeWhenDifferentMasterKeyThenEveryPseudonymDiffers() {
    List<String> a = pseudonyms(PseudoFixtures.pseudonymizer("key-a"), "irb-1");
    List<String> b = pseudonyms(PseudoFixtures.pseudonymizer("key-b"), "irb-1");
    Set<String> both = new HashSet<>(a);
    both.retainAll(b);
    assertThat(both).isEmpty();
  }

  private static BigInteger bits(String base32) {
    BigInteger n = BigInteger.ZERO;
    for (char c : base32.toCharArray()) {
      n = n.shiftLeft(5).add(BigInteger.valueOf("abcdefghijklmnopqrstuvwxyz234567".indexOf(c)));
    }
    return n;
  }

  private static Set<String> ids(List<Resource> resources) {
    Set<String> ids = new HashSet<>();
    resources.forEach(r -> ids.add(r.fhirType() + "/" + r.getIdElement().getIdPart()));
    return ids;
  }

  private static List<String> encode(IParser parser, List<Resource> resources) {
    return resources.stream().map(parser::encodeResourceToString).toList();
  }
}
