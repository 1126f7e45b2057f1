package kr.hiway.gateway.bench;

import ca.uhn.fhir.context.FhirContext;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import kr.hiway.demo.network.HospitalDirectory;
import kr.hiway.demo.simulator.SimulatedHospital;
import kr.hiway.demo.simulator.SyntheticPopulation;
import kr.hiway.vocabulary.Hospital;
import kr.hiway.vocabulary.LinkageToken;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A hospital that answers at once with prepared bytes: the linkage lookup (one Patient) and an
 * Observation search of exactly 20 realistic Observations (taken from the simulator). It stands for
 * the static backend the comparison gateway was measured against, and like such a backend (a web
 * server handing out files) it costs its machine next to nothing: a keep-alive HTTP/1.1 server on
 * plain sockets that writes prepared status line, headers and body in one go. (The JDK's
 * com.sun.net.httpserver, used before, spent 0.11 to 0.23 ms of the two shared cores on each
 * answer, a quarter of what a gateway read was charged.)
 */
final class StaticHospital implements AutoCloseable {

  static final String LOCAL_ID = "P00000001";

  private final ServerSocket server;
  private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
  final int observationBytes;

  StaticHospital(FhirContext fhir, String nationalId, LinkageToken linkage) throws IOException {
    byte[] patient = answer(encode(fhir, searchset(List.of(patient(nationalId, linkage)))));
    byte[] observationsBody = encode(fhir, searchset(twentyObservations()));
    byte[] observations = answer(observationsBody);
    this.observationBytes = observationsBody.length;
    server = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
    connections.submit(() -> {
      while (!server.isClosed()) {
        Socket s;
        try {
          s = server.accept();
        } catch (IOException closed) {
          return;
        }
        connections.submit(() -> serve(s, patient, observations));
      }
    });
  }

  /**
   * One keep-alive connection: reads each request's line and headers (GETs, no body) and writes the
   * prepared answer for its path, until the client closes.
   */
  private static void serve(Socket s, byte[] patient, byte[] observations) {
    try (s) {
      s.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
      OutputStream out = s.getOutputStream();
      for (String request = line(in); request != null; request = line(in)) {
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
          // headers: nothing in them changes the answer
        }
        String target = request.split(" ", 3)[1];
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        byte[] answer =
            switch (path) {
              case "/fhir/Patient" -> patient;
              case "/fhir/Observation" -> observations;
              default -> NOT_FOUND;
            };
        out.write(answer);
        out.flush();
      }
    } catch (IOException | RuntimeException gone) {
      // the client went away
    }
  }

  private static final byte[] NOT_FOUND =
      "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private static byte[] answer(byte[] body) {
    byte[] head =
        ("HTTP/1.1 200 OK\r\nContent-Type: application/fhir+json;charset=UTF-8\r\n"
                + "Content-Length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] all = Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  /** A line without its CRLF, or null at the end of the stream. */
  private static String line(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder(128);
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        return null;
      }
      if (c != '\r') {
        b.append((char) c);
      }
    }
    return b.toString();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/fhir");
  }

  @Override
  public void close() throws IOException {
    server.close();
    connections.shutdownNow();
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
