package kr.hiway.demo.network;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.util.HashSet;
import java.util.Set;
import kr.hiway.demo.simulator.Person;
import kr.hiway.vocabulary.LinkageToken;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo network as the gateway meets it: 47 adapters over real HTTP, one per port. */
class DemoNetworkTest {

  static final FhirContext FHIR = FhirContext.forR4Cached();
  static DemoNetwork network;

  @BeforeAll
  static void start() throws Exception {
    FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    network = DemoNetwork.start(FHIR, DemoNetwork.Settings.defaults());
  }

  @AfterAll
  static void stop() throws Exception {
    network.close();
  }

  @Test
  void startWhenDefaultsThenFortySevenHospitalsOnTheirOwnPortsOverTenThousandPersons() {
    assertThat(network.nodes()).hasSize(47);
    Set<Integer> ports = new HashSet<>();
    network.nodes().forEach(n -> ports.add(n.baseUrl().getPort()));
    assertThat(ports).hasSize(47);
    assertThat(network.population().size()).isGreaterThanOrEqualTo(10_000);
  }

  @Test
  void linkageWhenAllHospitalsPersonThenFoundAtEveryHospitalWithRecords() {
    Person everywhere = network.population().person(0);
    int resources = 0;
    for (DemoNetwork.Node node : network.nodes()) {
      IGenericClient client = FHIR.newRestfulGenericClient(node.baseUrl().toString());
      String token = node.linkage().of(everywhere.nationalId());
      Bundle found =
          client
              .search()
              .byUrl("Patient?identifier=" + LinkageToken.SYSTEM + "|" + token)
              .returnBundle(Bundle.class)
              .execute();
      assertThat(found.getEntry()).as(node.hospital().code()).hasSize(1);
      Patient patient = (Patient) found.getEntryFirstRep().getResource();
      Bundle everything =
          client
              .search()
              .byUrl(node.baseUrl() + "/Patient/" + patient.getIdPart() + "/$everything?_count=500")
              .returnBundle(Bundle.class)
              .execute();
      assertThat(everything.getTotal()).as(node.hospital().code()).isGreaterThan(1);
      resources += everything.getTotal();
    }
    assertThat(resources).isBetween(300, 1000);
  }

  @Test
  void linkageWhenAnotherHospitalsTokenThenNobody() {
    Person everywhere = network.population().person(0);
    DemoNetwork.Node a = network.nodes().get(0);
    DemoNetwork.Node b = network.nodes().get(1);
    String tokenForB = b.linkage().of(everywhere.nationalId());
    Bundle found =
        FHIR.newRestfulGenericClient(a.baseUrl().toString())
            .search()
            .byUrl("Patient?identifier=" + LinkageToken.SYSTEM + "|" + tokenForB)
            .returnBundle(Bundle.class)
            .execute();
    assertThat(found.getEntry()).isEmpty();
  }
}
