package kr.hiway.consent.bench;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import kr.hiway.consent.decision.AccessRequest;
import kr.hiway.consent.decision.ConsentDecider;
import kr.hiway.consent.decision.DataDates;
import kr.hiway.consent.decision.PreparedRequest;
import kr.hiway.consent.decision.Requester;
import kr.hiway.consent.decision.SensitivityClassifier;
import kr.hiway.consent.model.ConsentFhir;
import kr.hiway.consent.model.ConsentStatus;
import kr.hiway.consent.model.ConsentTerms;
import kr.hiway.consent.model.PurposeOfUse;
import kr.hiway.consent.model.SensitiveClass;
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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One consent decision per record, as the gateway makes them while releasing a third party's
 * answer: every record of the simulator's demo person (person 0, records at all 47 hospitals: 734
 * records, half of them Observations, nine in a sensitive class) with its real date and classes, in
 * a fixed shuffled order, against four consents: three of the recipient (two in force, one expired)
 * and one of another recipient. About 60% are permitted, the rest denied by default or, a few, for
 * a sensitive class; the mix is wider than what the gateway decides after narrowing the fan-out
 * with the coverage, which makes it a fair worst case.
 *
 * <p>{@code decide}: a prepared request, one record per operation. {@code prepareAndDecide}: the
 * single-shot API, which sifts the consent list again for every record, for comparison.
 *
 * <p>{@code ./mvnw -q -o -pl consent exec:exec@bench -Dbench.args='Decision -f 1 -wi 2 -i 3'}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class DecisionBench {

  private static final String RECIPIENT = "hanbit-insurance";
  private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

  /** One record as the decision sees it. */
  record Fact(RecordType kind, String hospital, Instant date, Set<SensitiveClass> classes) {}

  private Fact[] facts;
  private List<ConsentTerms> consents;
  private PreparedRequest prepared;
  private String patientId;
  private int next;

  @Setup
  public void setUp() {
    patientId = "pt-0a1b2c3d4e5f60718293a4b5";
    consents = consents(new ConsentFhir(FhirContext.forR4Cached()));
    facts = records();
    prepared =
        ConsentDecider.prepare(
            new Requester.ThirdParty(RECIPIENT), PurposeOfUse.HPAYMT, patientId, consents, NOW);
  }

  @Benchmark
  public Object decide() {
    Fact f = facts[next];
    next = next + 1 == facts.length ? 0 : next + 1;
    return prepared.decide(f.kind(), f.hospital(), f.date(), f.classes());
  }

  @Benchmark
  public Object prepareAndDecide() {
    Fact f = facts[next];
    next = next + 1 == facts.length ? 0 : next + 1;
    return ConsentDecider.decide(
        new AccessRequest(
            new Requester.ThirdParty(RECIPIENT),
            PurposeOfUse.HPAYMT,
            patientId,
            f.kind(),
            f.hospital(),
            f.date(),
            f.classes(),
            NOW),
        consents);
  }

  private Fact[] records() {
    List<Hospital> directory = HospitalDirectory.tertiaryHospitals();
    SyntheticPopulation population = SyntheticPopulation.generate(20_240_601L, 50, directory);
    List<Fact> out = new ArrayList<>();
    for (Hospital h : directory) {
      byte[] key = new byte[32];
      Arrays.fill(key, (byte) 7);
      SimulatedHospital hospital = new SimulatedHospital(population, h, LinkageToken.withKey(key));
      String mrn = hospital.localPatientId(0);
      List<Resource> chart = new ArrayList<>();
      for (RecordType type : RecordType.values()) {
        chart.addAll(hospital.records(mrn, type));
      }
      Map<String, Set<SensitiveClass>> classes = SensitivityClassifier.standard().classify(chart);
      for (Resource r : chart) {
        out.add(
            new Fact(
                RecordType.ofFhirType(r.fhirType()).orElseThrow(),
                h.code(),
                DataDates.of(r),
                classes.get(SensitivityClassifier.key(r))));
      }
    }
    // Interleaved as a merged answer would be, in a fixed order so that runs compare.
    java.util.Collections.shuffle(out, new java.util.Random(42));
    return out.toArray(Fact[]::new);
  }

  private List<ConsentTerms> consents(ConsentFhir fhir) {
    return List.of(
        terms(
            fhir,
            "c-1",
            RECIPIENT,
            "HPAYMT",
            List.of(),
            List.of("Condition", "MedicationRequest", "Encounter"),
            null,
            "2020-01-01",
            "2025-05-01",
            "2026-04-30"),
        terms(
            fhir,
            "c-2",
            RECIPIENT,
            "HPAYMT",
            List.of(),
            List.of("Observation", "DiagnosticReport", "Procedure"),
            "MH",
            "2018-01-01",
            "2025-01-01",
            "2027-12-31"),
        terms(
            fhir,
            "c-3",
            RECIPIENT,
            "HPAYMT",
            List.of(),
            List.of("DocumentReference"),
            null,
            "2015-01-01",
            "2023-01-01",
            "2024-12-31"),
        terms(
            fhir,
            "c-other",
            "other-app",
            "TREAT",
            List.of(),
            List.of("Condition"),
            "HIV",
            "2015-01-01",
            "2025-01-01",
            "2026-12-31"));
  }

  /** A consent built through the FHIR mapper, as the store would hand it over. */
  private ConsentTerms terms(
      ConsentFhir fhir,
      String id,
      String recipient,
      String purpose,
      List<String> hospitals,
      List<String> classes,
      String label,
      String dataFrom,
      String validFrom,
      String validTo) {
    List<String> actors = new ArrayList<>();
    actors.add(actor("IRCP", recipient));
    hospitals.forEach(h -> actors.add(actor("CST", h)));
    List<String> types = new ArrayList<>();
    classes.forEach(c ->
        types.add("{\"system\":\"http://hl7.org/fhir/resource-types\",\"code\":\"" + c + "\"}"));
    String json =
        """
        {"resourceType": "Consent", "status": "active",
         "scope": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentscope",
                               "code": "patient-privacy"}]},
         "category": [{"coding": [{"system": "http://loinc.org", "code": "59284-0"}]}],
         "patient": {"reference": "Patient/%s"},
         "provision": {"type": "permit", "period": {"start": "%s", "end": "%s"},
           "actor": [%s], %s
           "purpose": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ActReason",
                        "code": "%s"}],
           "class": [%s], "dataPeriod": {"start": "%s"}}}
        """
            .formatted(
                patientId,
                validFrom,
                validTo,
                String.join(",", actors),
                label == null
                    ? ""
                    : "\"securityLabel\": [{\"system\": \"http://terminology.hl7.org/CodeSystem/v3-ActCode\", \"code\": \""
                        + label
                        + "\"}],",
                purpose,
                String.join(",", types),
                dataFrom);
    // Validated as of the consent's start, so that the expired one is accepted as it once was.
    Instant asOf = Instant.parse(validFrom + "T00:00:00Z");
    return fhir.parseSubmitted(json, asOf).toTerms(id, 1, ConsentStatus.ACTIVE, asOf);
  }

  private static String actor(String role, String organization) {
    return "{\"role\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ParticipationType\",\"code\":\""
        + role
        + "\"}]},\"reference\":{\"reference\":\"Organization/"
        + organization
        + "\"}}";
  }
}
