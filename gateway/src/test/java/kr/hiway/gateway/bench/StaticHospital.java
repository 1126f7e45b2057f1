package kr.hiway.gateway.bench;

import ca.uhn.fhir.context.FhirContext;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import kr.hiway.adapter.linkage.LinkageToken;
import kr.hiway.adapter.network.Hospital;
import kr.hiway.adapter.network.HospitalDirectory;
import kr.hiway.adapter.simulator.SimulatedHospital;
import kr.hiway.adapter.simulator.SyntheticPopulation;
import kr.hiway.adapter.source.RecordType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A hospital that answers at once with prepared bytes: the linkage lookup (one Patient) and an
 * Observation search of exactly 20 realistic Observations (taken from the simulator). It stands for
 * the static backend the comparison gateway was measured against.
 */
final class StaticHospital implements AutoCloseable {

  static final String LOCAL_ID = "P00000001";

  private final HttpServer server;
  final int observationBytes;

  StaticHospital(FhirContext fhir, String nationalId, LinkageToken linkage) throws IOException {
    // The JDK server leaves Nagle's algorithm on by default: a body written after its headers
    // then waits for the client's delayed ACK, some 40 ms, which no real hospital server does.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    byte[] patient = encode(fhir, searchset(List.of(patient(nationalId, linkage))));
    byte[] observations = encode(fhir, searchset(twentyObservations()));
    this.observationBytes = observations.length;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/fhir/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          byte[] body =
              switch (path) {
                case "/fhir/Patient" -> patient;
                case "/fhir/Observation" -> observations;
                default -> null;
              };
          if (body == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
          }
          exchange.getResponseHeaders().set("Content-Type", "application/fhir+json;charset=UTF-8");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/fhir");
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static Patient patient(String nationalId, LinkageToken linkage) {
    Patient p = new Patient();
    p.setId(LOCAL_ID);
    p.getMeta().setLastUpdated(new java.util.Date(0));
    p.addIdentifier().setSystem(LinkageToken.SYSTEM).setValue(linkage.of(nationalId));
    p.addName().setFamily("김").addGiven("벤치");
    return p;
  }

  /** Twenty Observations of the demo person, re-homed to this hospital's one patient. */
  private static List<Resource> twentyObservations() {
    List<Hospital> hospitals = HospitalDirectory.tertiaryHospitals();
    SyntheticPopulation population = SyntheticPopulation.generate(1, 10, hospitals);
    LinkageToken any = LinkageToken.withKey(new byte[32]);
    List<Resource> found = new java.util.ArrayList<>();
    for (Hospital h : hospitals) {
      SimulatedHospital source = new SimulatedHospital(population, h, any);
      for (Resource r : source.records(source.localPatientId(0), RecordType.OBSERVATION)) {
        Observation o = (Observation) r;
        o.setId("obs-" + found.size());
        o.setSubject(new Reference("Patient/" + LOCAL_ID));
        o.setEncounter(null);
        found.add(o);
        if (found.size() == 20) {
          return found;
        }
      }
    }
    throw new IllegalStateException("fewer than 20 observations");
  }

  private static Bundle searchset(List<? extends Resource> resources) {
    Bundle b = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(resources.size());
    for (Resource r : resources) {
      b.addEntry().setResource(r).setFullUrl(r.fhirType() + "/" + r.getIdElement().getIdPart());
    }
    return b;
  }

  private static byte[] encode(FhirContext fhir, Bundle bundle) {
    return fhir.newJsonParser().encodeResourceToString(bundle).getBytes(StandardCharsets.UTF_8);
  }
}
