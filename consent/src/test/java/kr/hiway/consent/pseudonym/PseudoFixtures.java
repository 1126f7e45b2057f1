package kr.hiway.consent.pseudonym;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.hiway.demo.network.HospitalDirectory;
import kr.hiway.demo.simulator.SimulatedHospital;
import kr.hiway.demo.simulator.SyntheticPopulation;
import kr.hiway.vocabulary.Hospital;
import kr.hiway.vocabulary.LinkageToken;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** Shared test data: demo populations over the 47 hospitals, built once per size and JVM. */
final class PseudoFixtures {

  static final long SEED = 20_240_601L;
  static final String SOURCE_PREFIX = "urn:hiway:hospital:";

  private static final Map<Integer, Network> NETWORKS = new HashMap<>();

  private PseudoFixtures() {}

  private static final FhirContext FHIR = FhirContext.forR4Cached();

  /** The shared FHIR context. */
  static FhirContext fhir() {
    return FHIR;
  }

  /** A fixed 32-byte master key, derived from a label so that tests can make others. */
  static PseudonymKeys keys(String label) {
    return new PseudonymKeys(sha256("hiway-test-pseudonym-master:" + label));
  }

  static Pseudonymizer pseudonymizer(String keyLabel) {
    return new Pseudonymizer(fhir(), keys(keyLabel), DeidentificationProfile.loadDefault());
  }

  static synchronized Network network(int persons) {
    return NETWORKS.computeIfAbsent(persons, Network::build);
  }

  /** A population and its 47 simulated hospitals. */
  record Network(SyntheticPopulation population, Map<String, SimulatedHospital> hospitals) {

    static Network build(int persons) {
      List<Hospital> directory = HospitalDirectory.tertiaryHospitals();
      SyntheticPopulation population = SyntheticPopulation.generate(SEED, persons, directory);
      Map<String, SimulatedHospital> hospitals = new LinkedHashMap<>();
      for (Hospital h : directory) {
        hospitals.put(
            h.code(),
            new SimulatedHospital(
                population, h, LinkageToken.withKey(sha256("hiway-test-linkage:" + h.code()))));
      }
      return new Network(population, hospitals);
    }

    /** Everything one hospital holds on the person: the Patient, then the nine record types. */
    List<Resource> at(String code, int person) {
      SimulatedHospital hospital = hospitals.get(code);
      String mrn = hospital.localPatientId(person);
      List<Resource> out = new ArrayList<>();
      out.add(hospital.patient(mrn).orElseThrow());
      for (RecordType type : RecordType.values()) {
        out.addAll(hospital.records(mrn, type));
      }
      return out;
    }

    /** The person's records at all their hospitals, as the hospitals serve them. */
    List<Resource> release(int person) {
      List<Resource> out = new ArrayList<>();
      for (Hospital h : population.hospitalsOf(person)) {
        out.addAll(at(h.code(), person));
      }
      return out;
    }

    /**
     * The same records as the gateway serves them: ids {@code code.localId}, {@code meta.source},
     * references {@code Type/code.localId} and {@code Patient/{gateway id}}. Identifiers are left
     * in, linkage tokens included, to make the pseudonymizer's job harder than the gateway would.
     */
    List<Resource> gatewayRelease(int person) {
      return gatewayShape(person, release(person));
    }

    /** {@link #gatewayRelease} of a release already generated; the input is not changed. */
    List<Resource> gatewayShape(int person, List<Resource> release) {
      String gatewayId = "hw-" + person;
      Map<String, String> codeByMrn = new HashMap<>();
      for (Hospital h : population.hospitalsOf(person)) {
        codeByMrn.put(hospitals.get(h.code()).localPatientId(person), h.code());
      }
      FhirTerser terser = fhir().newTerser();
      List<Resource> out = new ArrayList<>();
      for (Resource source : release) {
        Resource r = source.copy();
        String local = r.getIdElement().getIdPart();
        // Simulator ids start with the record number: P12345678 or P12345678-obs-2-3.
        String mrn = local.split("-", 2)[0];
        String code = codeByMrn.get(mrn);
        String id = r.fhirType().equals("Patient") ? gatewayId : code + "." + local;
        r.setIdElement(new IdType(r.fhirType(), id));
        r.getMeta().setSource(SOURCE_PREFIX + code);
        for (Reference ref : terser.getAllPopulatedChildElementsOfType(r, Reference.class)) {
          if (!ref.hasReference()) {
            continue;
          }
          String[] parts = ref.getReference().split("/");
          ref.setReference(
              parts[0].equals("Patient") && parts[1].equals(mrn)
                  ? "Patient/" + gatewayId
                  : parts[0] + "/" + code + "." + parts[1]);
        }
        out.add(r);
      }
      return out;
    }
  }

  static byte[] sha256(String label) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(label.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
