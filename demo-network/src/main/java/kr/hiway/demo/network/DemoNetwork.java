package kr.hiway.demo.network;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import kr.hiway.adapter.server.AdapterHost;
import kr.hiway.adapter.server.AdapterServlet;
import kr.hiway.adapter.server.Latency;
import kr.hiway.adapter.tls.AdapterTls;
import kr.hiway.demo.simulator.SimulatedHospital;
import kr.hiway.demo.simulator.SyntheticPopulation;
import kr.hiway.vocabulary.Hospital;
import kr.hiway.vocabulary.LinkageToken;

/**
 * The demo network: one simulated adapter per tertiary hospital, each on its own loopback port,
 * over one synthetic population.
 *
 * <p>Each hospital gets a fresh random linkage key at start (or the one its starter chose); {@link
 * Node#linkage()} hands it to the gateway of the same process, as a real hospital and the gateway
 * would share it out of band. Thread-safe once started.
 */
public final class DemoNetwork implements AutoCloseable {

  /** What the demo network is made of. */
  public record Settings(long seed, int persons, Latency latency, String host, int basePort) {

    /** The demo defaults: 12,000 persons, no added latency, any free loopback ports. */
    public static Settings defaults() {
      return new Settings(20_240_101L, 12_000, Latency.NONE, "127.0.0.1", 0);
    }

    public Settings {
      Objects.requireNonNull(latency, "latency");
      Objects.requireNonNull(host, "host");
      if (persons < 1) {
        throw new IllegalArgumentException("persons must be at least 1");
      }
      if (basePort < 0 || basePort > 65535 - 100) {
        throw new IllegalArgumentException("basePort out of range");
      }
    }

    public Settings withLatency(Latency newLatency) {
      return new Settings(seed, persons, newLatency, host, basePort);
    }

    public Settings withPersons(int newPersons) {
      return new Settings(seed, newPersons, latency, host, basePort);
    }
  }

  /** One running hospital adapter. */
  public record Node(
      Hospital hospital,
      URI baseUrl,
      LinkageToken linkage,
      SimulatedHospital source,
      AdapterServlet adapter) {}

  private final AdapterHost host;
  private final SyntheticPopulation population;
  private final List<Node> nodes;

  private DemoNetwork(AdapterHost host, SyntheticPopulation population, List<Node> nodes) {
    this.host = host;
    this.population = population;
    this.nodes = nodes;
  }

  /** Starts an adapter for each hospital of {@link HospitalDirectory#tertiaryHospitals()}. */
  public static DemoNetwork start(FhirContext fhirContext, Settings settings) throws Exception {
    return start(fhirContext, settings, HospitalDirectory.tertiaryHospitals());
  }

  public static DemoNetwork start(
      FhirContext fhirContext, Settings settings, List<Hospital> hospitals) throws Exception {
    return start(fhirContext, settings, hospitals, h -> null);
  }

  /**
   * As {@link #start(FhirContext, Settings, List)}, each adapter serving mutual TLS with what
   * {@code tls} gives for its hospital (plain HTTP where it gives null). It is called once per
   * hospital, in order, before any adapter starts.
   */
  public static DemoNetwork start(
      FhirContext fhirContext,
      Settings settings,
      List<Hospital> hospitals,
      Function<Hospital, AdapterTls> tls)
      throws Exception {
    SecureRandom random = new SecureRandom();
    return start(
        fhirContext,
        settings,
        hospitals,
        tls,
        hospital -> {
          byte[] key = new byte[32];
          random.nextBytes(key);
          return key;
        });
  }

  /**
   * As {@link #start(FhirContext, Settings, List, Function)}, each hospital keyed with what {@code
   * linkageKeys} gives for it (at least 32 bytes): for a gateway in another process, which must be
   * handed the same keys.
   */
  public static DemoNetwork start(
      FhirContext fhirContext,
      Settings settings,
      List<Hospital> hospitals,
      Function<Hospital, AdapterTls> tls,
      Function<Hospital, byte[]> linkageKeys)
      throws Exception {
    // The simulator never leaves reference targets without ids, so HAPI need not look for them
    // (a walk over every resource it encodes).
    fhirContext.getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
    SyntheticPopulation population =
        SyntheticPopulation.generate(settings.seed(), settings.persons(), hospitals);
    List<AdapterHost.Mount> mounts = new ArrayList<>();
    List<LinkageToken> linkages = new ArrayList<>();
    List<SimulatedHospital> sources = new ArrayList<>();
    List<AdapterServlet> adapters = new ArrayList<>();
    for (int i = 0; i < hospitals.size(); i++) {
      Hospital hospital = hospitals.get(i);
      LinkageToken linkage = LinkageToken.withKey(linkageKeys.apply(hospital));
      SimulatedHospital source = new SimulatedHospital(population, hospital, linkage);
      int port = settings.basePort() == 0 ? 0 : settings.basePort() + i;
      AdapterServlet adapter =
          new AdapterServlet(fhirContext, hospital.code(), source, settings.latency());
      mounts.add(new AdapterHost.Mount(hospital.code(), port, adapter, tls.apply(hospital)));
      adapters.add(adapter);
      linkages.add(linkage);
      sources.add(source);
    }
    AdapterHost host = AdapterHost.start(settings.host(), mounts);
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < hospitals.size(); i++) {
      Hospital hospital = hospitals.get(i);
      nodes.add(
          new Node(
              hospital,
              host.baseUrl(hospital.code()),
              linkages.get(i),
              sources.get(i),
              adapters.get(i)));
    }
    return new DemoNetwork(host, population, List.copyOf(nodes));
  }

  public List<Node> nodes() {
    return nodes;
  }

  /**
   * Asks every adapter once for the demo person's everything, all at once, through {@code http}
   * (one that can pass the adapters' mutual TLS), and waits: the first answer of a fresh HAPI
   * server costs far more than later ones (classes, caches, JIT), and a demo's first user should
   * not pay for 47 of them at the same moment.
   */
  public void warmUp(HttpClient http) throws InterruptedException {
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Node node : nodes) {
        URI uri =
            URI.create(
                node.baseUrl() + "/Patient/" + node.source().localPatientId(0) + "/$everything");
        pool.submit(() ->
            http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()));
      }
    }
  }

  public SyntheticPopulation population() {
    return population;
  }

  @Override
  public void close() throws Exception {
    host.close();
  }
}
