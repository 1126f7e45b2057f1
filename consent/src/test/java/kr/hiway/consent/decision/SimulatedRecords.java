package kr.hiway.consent.decision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.hiway.demo.network.HospitalDirectory;
import kr.hiway.demo.simulator.SimulatedHospital;
import kr.hiway.demo.simulator.SyntheticPopulation;
import kr.hiway.vocabulary.Hospital;
import kr.hiway.vocabulary.LinkageToken;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Realistic records from the hospital simulator, generated once per test JVM: every record of the
 * patients of a few hospitals, chart by chart.
 */
final class SimulatedRecords {

  static final long SEED = 20_240_601L;
  static final int PERSONS = 3_000;
  static final List<String> HOSPITALS = List.of("snuh", "pusan-nuh", "chonnam-hwasun");

  private static Map<String, List<Resource>> charts;

  private SimulatedRecords() {}

  /** Each chart (hospital code and patient) with all its records, in a stable order. */
  static synchronized Map<String, List<Resource>> charts() {
    if (charts == null) {
      List<Hospital> directory = HospitalDirectory.tertiaryHospitals();
      SyntheticPopulation population = SyntheticPopulation.generate(SEED, PERSONS, directory);
      charts = new LinkedHashMap<>();
      for (Hospital h : directory) {
        if (!HOSPITALS.contains(h.code())) {
          continue;
        }
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) h.code().length());
        SimulatedHospital hospital =
            new SimulatedHospital(population, h, LinkageToken.withKey(key));
        for (int person : population.patientsAt(h.code())) {
          String mrn = hospital.localPatientId(person);
          List<Resource> records = new ArrayList<>();
          for (RecordType type : RecordType.values()) {
            records.addAll(hospital.records(mrn, type));
          }
          charts.put(h.code() + "/" + mrn, records);
        }
      }
    }
    return charts;
  }
}
