package kr.hiway.demo.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class SimulatorDeterminismTest {

  private static final List<String> CODES =
      List.of(
          "snuh", "severance", "kyungpook-nuh", "gangneung-asan", "samsung-changwon", "inha-uh");

  @Test
  void generateWhenSameSeedThenByteIdenticalResources() {
    SyntheticPopulation again =
        SyntheticPopulation.generate(
            SimulatorFixtures.SEED, SimulatorFixtures.PERSONS, SimulatorFixtures.directory());
    Map<String, SimulatedHospital> rebuilt = SimulatorFixtures.hospitalsOf(again);
    int compared = 0;
    for (String code : CODES) {
      // The rebuilt hospital goes through its patients backwards, so that nothing can depend on
      // the order in which patients are asked for.
      List<Integer> patients = new ArrayList<>(sample(again, code));
      List<String> expected = new ArrayList<>();
      for (int index : patients) {
        expected.add(jsonOf(SimulatorFixtures.hospital(code), index));
      }
      for (int i = patients.size() - 1; i >= 0; i--) {
        assertThat(jsonOf(rebuilt.get(code), patients.get(i))).isEqualTo(expected.get(i));
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(50);
  }

  @Test
  void generateWhenDifferentSeedThenDifferentResources() {
    SyntheticPopulation other =
        SyntheticPopulation.generate(
            SimulatorFixtures.SEED + 1, SimulatorFixtures.PERSONS, SimulatorFixtures.directory());
    Map<String, SimulatedHospital> otherHospitals = SimulatorFixtures.hospitalsOf(other);
    for (String code : CODES) {
      String ours = jsonOf(SimulatorFixtures.hospital(code), 0);
      String theirs = jsonOf(otherHospitals.get(code), 0);
      assertThat(theirs).isNotEqualTo(ours);
      assertThat(otherHospitals.get(code).localPatientId(0))
          .isNotEqualTo(SimulatorFixtures.hospital(code).localPatientId(0));
    }
  }

  @Test
  void generateWhenSamePersonAtTwoHospitalsThenDifferentRecordNumbersAndCharts() {
    SimulatedHospital a = SimulatorFixtures.hospital("snuh");
    SimulatedHospital b = SimulatorFixtures.hospital("severance");
    assertThat(a.localPatientId(0)).isNotEqualTo(b.localPatientId(0));
    assertThat(a.findByLinkageToken(tokenAt("snuh", 0)).orElseThrow().getIdElement().getIdPart())
        .isEqualTo(a.localPatientId(0));
    assertThat(a.recordsOf(0).size()).isGreaterThan(5);
  }

  @Test
  void recordsWhenAskedFromManyThreadsThenSameAsAlone() throws Exception {
    SimulatedHospital hospital = SimulatorFixtures.hospital("severance");
    List<Integer> patients = sample(SimulatorFixtures.population(), "severance");
    List<String> alone = new ArrayList<>();
    for (int index : patients) {
      alone.add(jsonOf(hospital, index));
    }
    List<Future<String>> futures = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int round = 0; round < 8; round++) {
        for (int index : patients) {
          futures.add(threads.submit(() -> jsonOf(hospital, index)));
        }
      }
    }
    for (int i = 0; i < futures.size(); i++) {
      assertThat(futures.get(i).get()).isEqualTo(alone.get(i % patients.size()));
    }
  }

  private static String tokenAt(String code, int index) {
    return SimulatorFixtures.linkage(code)
        .of(SimulatorFixtures.population().person(index).nationalId());
  }

  private static List<Integer> sample(SyntheticPopulation p, String code) {
    List<Integer> all = p.patientsAt(code);
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += Math.max(1, all.size() / 12)) {
      out.add(all.get(i));
    }
    return out;
  }

  private static String jsonOf(SimulatedHospital hospital, int index) {
    StringBuilder sb = new StringBuilder();
    for (Resource r : SimulatorFixtures.everything(hospital, index)) {
      sb.append(SimulatorFixtures.json(r)).append('\n');
    }
    return sb.toString();
  }
}
