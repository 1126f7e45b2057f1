package kr.hiway.demo.simulator;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.hiway.demo.network.HospitalDirectory;
import kr.hiway.vocabulary.Hospital;
import kr.hiway.vocabulary.LinkageToken;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.Resource;

/** Shared, lazily built test data: the demo-sized population is built once per test JVM. */
final class SimulatorFixtures {

  static final long SEED = 20_240_601L;
  static final int PERSONS = 12_000;

  private static SyntheticPopulation population;
  private static Map<String, SimulatedHospital> hospitals;
  private static FhirContext fhir;

  private SimulatorFixtures() {}

  static List<Hospital> directory() {
    return HospitalDirectory.tertiaryHospitals();
  }

  static synchronized SyntheticPopulation population() {
    if (population == null) {
      population = SyntheticPopulation.generate(SEED, PERSONS, directory());
    }
    return population;
  }

  /** Every hospital of the shared population, in directory order, keyed by code. */
  static synchronized Map<String, SimulatedHospital> hospitals() {
    if (hospitals == null) {
      hospitals = hospitalsOf(population());
    }
    return hospitals;
  }

  static SimulatedHospital hospital(String code) {
    return hospitals().get(code);
  }

  static Map<String, SimulatedHospital> hospitalsOf(SyntheticPopulation p) {
    Map<String, SimulatedHospital> out = new LinkedHashMap<>();
    for (Hospital h : p.hospitals()) {
      out.put(h.code(), new SimulatedHospital(p, h, linkage(h.code())));
    }
    return out;
  }

  /** A test linkage key per hospital: SHA-256 of a fixed label and the code (32 bytes). */
  static LinkageToken linkage(String hospitalCode) {
    try {
      byte[] key =
          MessageDigest.getInstance("SHA-256")
              .digest(("hiway-test-linkage:" + hospitalCode).getBytes(StandardCharsets.UTF_8));
      return LinkageToken.withKey(key);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static synchronized FhirContext fhir() {
    if (fhir == null) {
      fhir = FhirContext.forR4();
    }
    return fhir;
  }

  static String json(Resource resource) {
    return fhir().newJsonParser().encodeResourceToString(resource);
  }

  /** The patient's Patient resource followed by all their records of every type. */
  static List<Resource> everything(SimulatedHospital hospital, int personIndex) {
    String mrn = hospital.localPatientId(personIndex);
    List<Resource> out = new ArrayList<>();
    out.add(hospital.patient(mrn).orElseThrow());
    for (RecordType type : RecordType.values()) {
      out.addAll(hospital.records(mrn, type));
    }
    return out;
  }
}
