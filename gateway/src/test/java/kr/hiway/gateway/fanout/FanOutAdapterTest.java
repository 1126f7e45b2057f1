package kr.hiway.gateway.fanout;

import static kr.hiway.gateway.fanout.WireHospital.NATIONAL_ID;
import static kr.hiway.gateway.fanout.WireHospital.PERSON;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kr.hiway.adapter.server.AdapterHost;
import kr.hiway.adapter.server.AdapterServlet;
import kr.hiway.adapter.server.Latency;
import kr.hiway.adapter.source.HospitalSource;
import kr.hiway.gateway.fanout.HospitalResult.Answered;
import kr.hiway.vocabulary.LinkageToken;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against the real adapter (HAPI's server, its own next links and error answers) rather than
 * fixtures: P1 has 1,100 Observations, so {@code $everything} takes three pages of 500.
 */
class FanOutAdapterTest {

  static final FhirContext FHIR = FhirContext.forR4Cached();
  static final int RECORDS = 1_100;
  static final LinkageToken LINKAGE = LinkageToken.withKey(key());
  static AdapterHost host;
  static FanOut fanOut;
  static HospitalTarget target;

  @BeforeAll
  static void start() throws Exception {
    host =
        AdapterHost.start(
            "127.0.0.1",
            List.of(
                new AdapterHost.Mount(
                    "kuh", 0, new AdapterServlet(FHIR, "kuh", new Source(), Latency.NONE))));
    target = new HospitalTarget("kuh", host.baseUrl("kuh"), LINKAGE);
    fanOut = new FanOut(FHIR, FanOutSettings.defaults());
  }

  @AfterAll
  static void stop() throws Exception {
    fanOut.close();
    host.close();
  }

  @Test
  void fetchWhenEverythingSpansThreePagesThenAllOfItOnce() {
    List<HospitalResult<List<Resource>>> results =
        fanOut.fetch(PERSON, List.of(target), new Query.Everything(Set.of(), null));

    List<Resource> resources = ((Answered<List<Resource>>) results.get(0)).released();
    assertThat(resources).hasSize(RECORDS + 1);
    assertThat(resources.get(0)).isInstanceOf(Patient.class);
    assertThat(resources.stream().map(r -> r.getIdElement().getIdPart()).distinct())
        .hasSize(RECORDS + 1);
    Observation last = (Observation) resources.get(RECORDS);
    assertThat(last.getIdElement().getIdPart()).isEqualTo("kuh.P1-obs-" + (RECORDS - 1));
    assertThat(last.getSubject().getReference()).isEqualTo("Patient/gw-1");
    assertThat(last.getEncounter().getReference()).isEqualTo("Encounter/kuh.P1-enc-1");
  }

  @Test
  void fetchWhenSearchWithSystemAndCodeThenOnlyMatching() {
    List<HospitalResult<List<Resource>>> results =
        fanOut.fetch(
            PERSON,
            List.of(target),
            new Query.Search(
                RecordType.OBSERVATION,
                Map.of(
                    "code",
                    List.of("urn:test:codes|c7"),
                    "_lastUpdated",
                    List.of("ge2020-01-01"))));

    assertThat(((Answered<List<Resource>>) results.get(0)).released())
        .extracting(r -> r.getIdElement().getIdPart())
        .containsExactly("kuh.P1-obs-7");
  }

  @Test
  void fetchWhenAdapterRefusesParameterThenRefused() {
    List<HospitalResult<List<Resource>>> results =
        fanOut.fetch(
            PERSON,
            List.of(target),
            new Query.Search(RecordType.IMMUNIZATION, Map.of("category", List.of("a"))));

    assertThat(results.get(0))
        .isEqualTo(new HospitalResult.Failed("kuh", Failure.REFUSED, "answered 400"));
  }

  @Test
  void readWhenOwnAndOthersThenOnlyOwn() {
    assertThat(fanOut.read(PERSON, target, RecordType.OBSERVATION, "P1-obs-3"))
        .get()
        .extracting(r -> r.getIdElement().getIdPart())
        .isEqualTo("kuh.P1-obs-3");
    assertThat(fanOut.read(PERSON, target, RecordType.OBSERVATION, "P2-obs-0")).isEmpty();
    assertThat(fanOut.read(PERSON, target, RecordType.OBSERVATION, "P1-obs-99999")).isEmpty();
  }

  @Test
  void fetchWhenSomeoneElseThenAnsweredEmpty() {
    PatientContext stranger = new PatientContext("gw-2", "800101-2234567");

    List<HospitalResult<List<Resource>>> results =
        fanOut.fetch(stranger, List.of(target), new Query.Everything(Set.of(), null));

    assertThat(results).containsExactly(new Answered("kuh", List.of()));
  }

  private static byte[] key() {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 7);
    return key;
  }

  /** P1 (the test person) with many Observations; P2 with one. */
  static final class Source implements HospitalSource {

    @Override
    public Optional<Patient> findByLinkageToken(String token) {
      return token.equals(LINKAGE.of(NATIONAL_ID)) ? patient("P1") : Optional.empty();
    }

    @Override
    public Optional<Patient> patient(String id) {
      if (!id.equals("P1") && !id.equals("P2")) {
        return Optional.empty();
      }
      Patient p = new Patient();
      p.setId(id);
      p.getMeta().setLastUpdated(new java.util.Date(1_600_000_000_000L));
      if (id.equals("P1")) {
        p.addIdentifier().setSystem(LinkageToken.SYSTEM).setValue(LINKAGE.of(NATIONAL_ID));
      }
      return Optional.of(p);
    }

    @Override
    public List<Resource> records(String patientId, RecordType type) {
      if (type != RecordType.OBSERVATION) {
        return List.of();
      }
      int n =
          switch (patientId) {
            case "P1" -> RECORDS;
            case "P2" -> 1;
            default -> 0;
          };
      List<Resource> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        Observation o = WireHospital.observation(patientId + "-obs-" + i, patientId);
        o.getCode().getCodingFirstRep().setSystem("urn:test:codes").setCode("c" + i);
        o.setEncounter(new Reference("Encounter/" + patientId + "-enc-1"));
        o.getMeta().setLastUpdated(new java.util.Date(1_600_000_000_000L));
        out.add(o);
      }
      return out;
    }

    @Override
    public Optional<Resource> read(RecordType type, String id) {
      for (String patient : List.of("P1", "P2")) {
        for (Resource r : records(patient, type)) {
          if (r.getIdElement().getIdPart().equals(id)) {
            return Optional.of(r);
          }
        }
      }
      return Optional.empty();
    }
  }
}
