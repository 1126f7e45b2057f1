package kr.hiway.gateway.bench;

import ca.uhn.fhir.context.FhirContext;
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

  /** How long each answer waits before it is written (0: at once). */
  private volatile long delayNanos;

  /** Every answer from now on waits {@code delay} first, as a hospital's own work would. */
  void delay(java.time.Duration delay) {
    delayNanos = delay.toNanos();
  }

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
  private void serve(Socket s, byte[] patient, byte[] observations) {
    try (s) {
      s.setTcpNoDelay(true);
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      Head head = new Head(in);
      for (String target = head.next(); target != null; target = head.next()) {
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        byte[] answer =
            switch (path) {
              case "/fhir/Patient" -> patient;
              case "/fhir/Observation" -> observations;
              default -> NOT_FOUND;
            };
        long delay = delayNanos;
        if (delay > 0) {
          Thread.sleep(java.time.Duration.ofNanos(delay));
        }
        out.write(answer);
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException gone) {
      // the client went away
    }
  }

  /**
   * Reads request heads (GETs, no body) from a keep-alive connection in bulk, as a web server does,
   * and gives each one's target. Nothing in the headers changes the answer.
   */
  private static final class Head {
    private final InputStream in;
    private final byte[] buf = new byte[16 * 1024];
    private int start;
    private int end;

    Head(InputStream in) {
      this.in = in;
    }

    /** The next request's target, or null at the end of the stream. */
    String next() throws IOException {
      while (true) {
        int stop = find();
        if (stop >= 0) {
          int lineEnd = start;
          while (buf[lineEnd] != '\r') {
            lineEnd++;
          }
          String line = new String(buf, start, lineEnd - start, StandardCharsets.US_ASCII);
          start = stop + 4;
          int a = line.indexOf(' ');
          return line.substring(a + 1, line.indexOf(' ', a + 1));
        }
        if (start > 0) {
          System.arraycopy(buf, start, buf, 0, end - start);
          end -= start;
          start = 0;
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
          return null;
        }
        end += n;
      }
    }

    /** Where the blank line ending the head in the buffer starts, or -1. */
    private int find() {
      for (int i = start; i + 3 < end; i++) {
        if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') {
          return i;
        }
      }
      return -1;
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
