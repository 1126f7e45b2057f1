package kr.hiway.consent.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Re-identification is a lookup of what was released, not a search. */
class PseudoIndexTest {

  @Test
  void nationalIdOfWhenReleasedThenFoundOnlyInThatDomain() {
    PseudoFixtures.Network network = PseudoFixtures.network(PseudoReleaseTest.PERSONS);
    Pseudonymizer p = PseudoFixtures.pseudonymizer("index");
    String id = network.population().person(2).nationalId();
    PseudonymizedRelease release = p.pseudonymize("irb-7", id, network.release(2));
    PseudonymIndex index = new InMemoryPseudonymIndex();
    index.record(release.mapping());
    index.record(release.mapping());

    assertThat(index.nationalIdOf("irb-7", release.mapping().pseudonym())).contains(id);
    assertThat(index.nationalIdOf("irb-8", release.mapping().pseudonym())).isEmpty();
    assertThat(
            index.nationalIdOf(
                "irb-7", p.pseudonymOf("irb-7", network.population().person(3).nationalId())))
        .as("a person never released to the domain")
        .isEmpty();
  }

  @Test
  void recordWhenPseudonymAlreadyMapsToAnotherPersonThenRefused() {
    PseudonymIndex index = new InMemoryPseudonymIndex();
    index.record(new PseudonymMapping("irb-7", "ps-a", "900101-1234567"));
    assertThatThrownBy(() -> index.record(new PseudonymMapping("irb-7", "ps-a", "900101-2234567")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining("900101");
    assertThat(index.nationalIdOf("irb-7", "ps-a")).contains("900101-1234567");
  }
}
