package kr.hiway.consent.bench;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kr.hiway.consent.pseudonym.DeidentificationProfile;
import kr.hiway.consent.pseudonym.PseudonymKeys;
import kr.hiway.consent.pseudonym.PseudonymizedRelease;
import kr.hiway.consent.pseudonym.Pseudonymizer;
import kr.hiway.demo.network.HospitalDirectory;
import kr.hiway.demo.simulator.SimulatedHospital;
import kr.hiway.demo.simulator.SyntheticPopulation;
import kr.hiway.vocabulary.Hospital;
import kr.hiway.vocabulary.LinkageToken;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.Resource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Pseudonymized resources per second on one thread: one operation is one person's release of
 * {@value #RESOURCES} resources from several hospitals (a typical mix: the Patients, encounters,
 * conditions, observations, reports, notes, prescriptions...), so the score is resources per second
 * per core. The target is 20,000.
 *
 * <p>{@code ./mvnw -q -o -pl consent exec:exec@bench -Dbench.args='Pseudonymize -f 1 -wi 2 -i 3'}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
public class PseudonymizeBench {

  static final int RESOURCES = 100;
  private static final long SEED = 20_240_601L;

  private Pseudonymizer pseudonymizer;
  private List<Resource> release;
  private String nationalId;

  @Setup
  public void setUp() throws NoSuchAlgorithmException {
    List<Hospital> directory = HospitalDirectory.tertiaryHospitals();
    SyntheticPopulation population = SyntheticPopulation.generate(SEED, 400, directory);
    for (int person = 1; person < population.size() && release == null; person++) {
      List<Hospital> hospitals = population.hospitalsOf(person);
      if (hospitals.size() < 3) {
        continue;
      }
      List<Resource> all = new ArrayList<>();
      for (Hospital h : hospitals) {
        SimulatedHospital hospital = new SimulatedHospital(population, h, linkage(h.code()));
        String mrn = hospital.localPatientId(person);
        all.add(hospital.patient(mrn).orElseThrow());
        for (RecordType type : RecordType.values()) {
          all.addAll(hospital.records(mrn, type));
        }
      }
      if (all.size() >= RESOURCES) {
        release = List.copyOf(all.subList(0, RESOURCES));
        nationalId = population.person(person).nationalId();
      }
    }
    if (release == null) {
      throw new IllegalStateException("no person with enough records");
    }
    pseudonymizer =
        new Pseudonymizer(
            FhirContext.forR4Cached(),
            new PseudonymKeys(sha256("bench master key")),
            DeidentificationProfile.loadDefault());
  }

  @Benchmark
  @OperationsPerInvocation(RESOURCES)
  public PseudonymizedRelease pseudonymize() {
    return pseudonymizer.pseudonymize("irb-bench", nationalId, release);
  }

  private static LinkageToken linkage(String code) throws NoSuchAlgorithmException {
    return LinkageToken.withKey(sha256("bench linkage " + code));
  }

  private static byte[] sha256(String label) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(label.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
