package kr.hiway.gateway.demo;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import kr.hiway.adapter.server.Latency;
import kr.hiway.adapter.tls.AdapterTls;
import kr.hiway.adapter.tls.RevocationList;
import kr.hiway.demo.network.DemoNetwork;
import kr.hiway.demo.network.HospitalDirectory;
import kr.hiway.gateway.pki.CaFiles;
import kr.hiway.gateway.pki.CertificateAuthority;
import kr.hiway.vocabulary.Hospital;
import org.bouncycastle.asn1.x500.X500Name;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 47-hospital demo network as a process of its own, for several gateway instances to share (see
 * {@code scripts/cluster.sh}). It loads the demo CA from a folder, making it there if absent (the
 * gateways' {@code hiway.pki.demo-folder}, so that they trust what it issues), gives every adapter
 * a certificate from it, starts the network, warms it up, and writes the {@link NetworkFile} the
 * gateways read ({@code hiway.demo.network-file}). It then runs until it is stopped (SIGTERM), and
 * deletes the file on the way out.
 *
 * <pre>
 * java -cp gateway/target/gateway.jar -Dloader.main=kr.hiway.gateway.demo.NetworkMain \
 *   org.springframework.boot.loader.launch.PropertiesLauncher \
 *   [--out=data/network.json] [--ca=data/pki] [--persons=12000] [--seed=20240101] \
 *   [--latency-ms=0] [--jitter-ms=0] [--base-port=0] [--tls=true]
 * </pre>
 *
 * Relative paths are taken from the working directory, as the gateway's are.
 */
public final class NetworkMain {

  /** What the network is started with. */
  record Options(
      Path out,
      Path caFolder,
      long seed,
      int persons,
      long latencyMs,
      long jitterMs,
      int basePort,
      boolean tls) {

    static Options parse(String... args) {
      Map<String, String> given = new HashMap<>();
      for (String arg : args) {
        int eq = arg.indexOf('=');
        if (!arg.startsWith("--") || eq < 0) {
          throw new IllegalArgumentException("expected --name=value, got " + arg);
        }
        given.put(arg.substring(2, eq), arg.substring(eq + 1));
      }
      Options o =
          new Options(
              Path.of(given.getOrDefault("out", "data/network.json")),
              Path.of(given.getOrDefault("ca", "data/pki")),
              Long.parseLong(given.getOrDefault("seed", "20240101")),
              Integer.parseInt(given.getOrDefault("persons", "12000")),
              Long.parseLong(given.getOrDefault("latency-ms", "0")),
              Long.parseLong(given.getOrDefault("jitter-ms", "0")),
              Integer.parseInt(given.getOrDefault("base-port", "0")),
              Boolean.parseBoolean(given.getOrDefault("tls", "true")));
      given
          .keySet()
          .removeAll(
              List.of(
                  "out", "ca", "seed", "persons", "latency-ms", "jitter-ms", "base-port", "tls"));
      if (!given.isEmpty()) {
        throw new IllegalArgumentException("unknown options " + given.keySet());
      }
      return o;
    }
  }

  /** A started network and the file that describes it; closing stops it and deletes the file. */
  record Running(DemoNetwork network, NetworkFile file, Path path) implements AutoCloseable {

    @Override
    public void close() throws Exception {
      Files.deleteIfExists(path);
      network.close();
    }
  }

  private NetworkMain() {}

  public static void main(String[] args) throws Exception {
    quietLibraries();
    Logger log = LoggerFactory.getLogger(NetworkMain.class);
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    long start = System.nanoTime();
    Running running = start(options);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(running)));
    for (NetworkFile.Entry e : running.file().hospitals()) {
      log.info("hospital {} ({}) listens at {}", e.code(), e.nameEn(), e.baseUrl());
    }
    log.info(
        "demo network ready: {} hospitals over {}, {} persons, started and warmed up in {} ms;"
            + " described in {}",
        running.file().hospitals().size(),
        options.tls() ? "mutual TLS" : "plain HTTP",
        options.persons(),
        (System.nanoTime() - start) / 1_000_000,
        options.out().toAbsolutePath());
    new CountDownLatch(1).await();
  }

  /** Starts the network, warms it up and writes its file. */
  static Running start(Options options) throws Exception {
    CertificateAuthority ca = CaFiles.demo(options.caFolder());
    List<Hospital> hospitals = HospitalDirectory.tertiaryHospitals();
    SecureRandom random = new SecureRandom();
    Map<String, byte[]> linkageKeys = new HashMap<>();
    Map<String, X509Certificate> certificates = new HashMap<>();
    DemoNetwork network =
        DemoNetwork.start(
            FhirContext.forR4Cached(),
            new DemoNetwork.Settings(
                options.seed(),
                options.persons(),
                Latency.of(options.latencyMs(), options.jitterMs()),
                DemoCertificates.HOST,
                options.basePort()),
            hospitals,
            hospital -> options.tls() ? adapterTls(ca, hospital, certificates) : null,
            hospital -> {
              byte[] key = new byte[32];
              random.nextBytes(key);
              linkageKeys.put(hospital.code(), key);
              return key;
            });
    try {
      HttpClient.Builder http = HttpClient.newBuilder();
      if (options.tls()) {
        http.sslContext(warmUpContext(ca));
      }
      try (HttpClient client = http.build()) {
        network.warmUp(client);
      }
      List<NetworkFile.Entry> entries = new ArrayList<>();
      for (DemoNetwork.Node node : network.nodes()) {
        String code = node.hospital().code();
        entries.add(
            NetworkFile.Entry.of(
                node.hospital(), node.baseUrl(), linkageKeys.get(code), certificates.get(code)));
      }
      NetworkFile file = new NetworkFile(options.seed(), options.persons(), entries);
      file.write(options.out());
      return new Running(network, file, options.out());
    } catch (Exception e) {
      network.close();
      throw e;
    }
  }

  /** A fresh key and a server certificate for one adapter, issued directly by the demo CA. */
  private static AdapterTls adapterTls(
      CertificateAuthority ca, Hospital hospital, Map<String, X509Certificate> issued) {
    try {
      KeyPair keys = ecKeys();
      X509Certificate cert =
          ca.issueServer(
              new X500Name("CN=" + hospital.code()),
              keys.getPublic(),
              DemoCertificates.HOST,
              Instant.now(),
              Duration.ofDays(365));
      issued.put(hospital.code(), cert);
      return AdapterTls.of(
          keys.getPrivate(),
          new X509Certificate[] {cert, ca.certificate()},
          ca.certificate(),
          RevocationList.none());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("demo certificate for " + hospital.code(), e);
    }
  }

  /** A client the adapters accept: a short-lived gateway client certificate from the same CA. */
  private static SSLContext warmUpContext(CertificateAuthority ca)
      throws GeneralSecurityException, IOException {
    KeyPair keys = ecKeys();
    X509Certificate cert =
        ca.issueGatewayClient("hiway-demo-network-warm-up", keys.getPublic(), Duration.ofHours(1));
    KeyStore own = KeyStore.getInstance("PKCS12");
    own.load(null, null);
    own.setKeyEntry(
        "client", keys.getPrivate(), new char[0], new X509Certificate[] {cert, ca.certificate()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
    kmf.init(own, new char[0]);
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("ca", ca.certificate());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
    return context;
  }

  private static KeyPair ecKeys() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static void stop(Running running) {
    try {
      running.close();
    } catch (Exception e) {
      // stopping anyway
    }
  }

  /**
   * Without Spring Boot's logging set-up, Logback logs everything at DEBUG: keep the gateway's
   * levels (application.yml) for the libraries under the adapters.
   */
  private static void quietLibraries() {
    org.slf4j.Logger root = LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (root instanceof ch.qos.logback.classic.Logger logback) {
      logback.setLevel(ch.qos.logback.classic.Level.INFO);
      for (String name : List.of("ca.uhn.fhir", "org.eclipse.jetty")) {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name))
            .setLevel(ch.qos.logback.classic.Level.WARN);
      }
    }
  }
}
