package kr.hiway.gateway.bench;

import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jose.jwk.RSAKey;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kr.hiway.demo.network.DemoNetwork;
import kr.hiway.gateway.GatewayApplication;
import kr.hiway.gateway.account.PatientAccounts;
import kr.hiway.gateway.registry.HospitalRegistry;
import kr.hiway.gateway.testing.SmartLogin;
import kr.hiway.gateway.testing.TestTokens;
import kr.hiway.vocabulary.Hospital;
import kr.hiway.vocabulary.LinkageToken;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The patient API's benchmark: prints its figures, asserts nothing.
 *
 * <ol>
 *   <li>{@code $everything} for {@code patient47} through the gateway, every one of the 47
 *       hospitals answering after 20 ± 5 ms: p50 and p99 at concurrency 1 against the slowest
 *       hospital's own latency measured in the same run, throughput at concurrency 32, CPU per
 *       returned resource, heap after the run.
 *   <li>One hospital answering at once (prepared bytes): a Patient read and a 20-Observation
 *       search, the latency the gateway adds at concurrency 1 and its throughput at 32.
 * </ol>
 *
 * <pre>
 * ./mvnw -q -DskipTests install
 * ./mvnw -q -pl gateway exec:exec@bench -Dbench.main=kr.hiway.gateway.bench.PatientApiBenchmark
 * </pre>
 *
 * <p>{@code -Dbench.args=47} runs only the first part, {@code -Dbench.args=one} only the second
 * ({@code read} or {@code search}: only that case of it). The gateway's database is the embedded H2
 * of the demo unless {@code -Dbench.jvm=-Dbench.db=postgres} names PostgreSQL (a fresh database on
 * 127.0.0.1:5432, dropped afterwards), as in production.
 *
 * <p>Each part measures after {@code bench.warmup.windows} (8) windows of 10 s under load, so that
 * the JIT has compiled the hot paths: {@code -Dbench.jvm=-Dbench.warmup.windows=2} for a quicker,
 * colder look.
 */
public final class PatientApiBenchmark {

  private static final Duration RUN = Duration.ofSeconds(20);
  private static final Duration WARMUP_WINDOW = Duration.ofSeconds(10);
  private static final int WARMUP_WINDOWS = Integer.getInteger("bench.warmup.windows", 8);
  private static final boolean TLS = Boolean.parseBoolean(System.getProperty("bench.tls", "true"));
  private static final boolean POSTGRES = "postgres".equals(System.getProperty("bench.db"));
  private static final String POSTGRES_ADMIN = "jdbc:postgresql://127.0.0.1:5432/test";

  private PatientApiBenchmark() {}

  public static void main(String[] args) throws Exception {
    System.out.printf(
        "machine: %d cores, JDK %s, heap max %d MiB, database %s%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.version(),
        Runtime.getRuntime().maxMemory() >> 20,
        POSTGRES ? "PostgreSQL" : "embedded H2");
    String part = args.length == 0 ? "all" : args[0];
    if (part.equals("all") || part.equals("47")) {
      fortySevenHospitals();
    }
    if (!part.equals("47")) {
      oneHospitalAtOnce(part);
    }
    System.exit(0);
  }

  private static void fortySevenHospitals() throws Exception {
    ConfigurableApplicationContext ctx =
        gateway(
            "jdbc:h2:mem:bench47",
            "hiway.demo.latency=20ms",
            "hiway.demo.jitter=5ms",
            "hiway.demo.enabled=true",
            // Mutual TLS to the hospitals, as the demo runs; -Dbench.tls=false for plain HTTP.
            "hiway.demo.tls=" + TLS,
            "hiway.fanout.allow-plain-http=" + !TLS);
    try {
      String base = "http://localhost:" + port(ctx);
      SmartLogin.Tokens tokens =
          new SmartLogin(base).signIn("patient47", "patient47", "launch/patient patient/*.rs");
      String token = tokens.accessToken();
      String patient = tokens.body().path("patient").asString();
      String url = base + "/fhir/Patient/" + patient + "/$everything?_count=1000";
      Load load = new Load();

      // Warm the JIT (gateway and adapters) at a load the two cores carry (see report), then
      // measure.
      for (int w = 0; w < WARMUP_WINDOWS; w++) {
        load.run(url, token, 4, WARMUP_WINDOW, Load::resources);
      }

      // The hospitals' own latency, each asked directly for the same $everything, all at once,
      // over the same mutual TLS as the gateway (its client certificate).
      DemoNetwork network = ctx.getBean(DemoNetwork.class);
      Load direct47Load = new Load(ctx.getBean(kr.hiway.gateway.pki.HospitalTls.class).context());
      double slowestP50 = 0;
      double slowestP99 = 0;
      String slowest = "";
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<Load.Result>> direct = new ArrayList<>();
        for (DemoNetwork.Node node : network.nodes()) {
          String direct47 =
              node.baseUrl()
                  + "/Patient/"
                  + node.source().localPatientId(0)
                  + "/$everything?_count=500";
          direct.add(pool.submit(() -> direct47Load.sequential(direct47, "none", 5, 60, b -> 0)));
        }
        for (int i = 0; i < direct.size(); i++) {
          Load.Result r = direct.get(i).get();
          if (r.percentileMillis(50) > slowestP50) {
            slowestP50 = r.percentileMillis(50);
            slowest = network.nodes().get(i).hospital().code();
          }
          slowestP99 = Math.max(slowestP99, r.percentileMillis(99));
        }
      }

      Load.Result one = load.sequential(url, token, 30, 300, Load::resources);
      // Enforcement's cost: the same $everything by a clinic within a consent covering all nine
      // types at all 47 hospitals (every record decided, sensitive ones withheld), against the
      // patient's own; measured before concurrency 32, whose overload can leave breakers open.
      consentForClinic(ctx, patient);
      String clinic =
          TestTokens.recipient(ctx.getBean(RSAKey.class), "clinic-seoul", "TREAT")
              .expires(java.time.Instant.now().plus(Duration.ofHours(1)))
              .signed();
      Load.Result own = load.sequential(url, token, 20, 200, Load::resources);
      Load.Result consented = load.sequential(url, clinic, 20, 200, Load::resources);

      Load.Result many = load.run(url, token, 32, RUN, Load::resources);
      double gatewayCpuPerResource = many.cpuNanos() / 1e3 / many.items();

      System.gc();
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();

      System.out.println();
      System.out.println("== $everything for patient47, 47 hospitals at 20 ± 5 ms ==");
      System.out.printf("resources per answer: %d%n", one.items() / Math.max(1, one.requests()));
      System.out.printf(
          "slowest hospital alone (%s): p50 %.1f ms; worst hospital p99 %.1f ms%n",
          slowest, slowestP50, slowestP99);
      System.out.printf(
          "gateway, concurrency 1: p50 %.1f ms (target <= %.1f), p99 %.1f ms (target <= %.1f)%n",
          one.percentileMillis(50), slowestP50 + 10, one.percentileMillis(99), 1.3 * slowestP99);
      System.out.printf(
          "gateway, concurrency 32: %.1f answers/s, %.0f resources/s, p50 %.1f ms, p99 %.1f ms,"
              + " %d errors%n",
          many.perSecond(),
          many.items() / many.seconds(),
          many.percentileMillis(50),
          many.percentileMillis(99),
          many.errors());
      System.out.printf(
          "CPU per returned resource: %.1f µs (whole process: gateway, 47 adapters and the load"
              + " generator)%n",
          gatewayCpuPerResource);
      System.out.printf("heap after the run (after GC): %d MiB%n", heap >> 20);
      System.out.printf(
          "enforcement, concurrency 1: patient's own p50 %.1f ms, %.2f ms CPU each, %d resources;"
              + " clinic within consent p50 %.1f ms, %.2f ms CPU each, %d resources%n",
          own.percentileMillis(50),
          own.cpuMillisPerRequest(),
          own.items() / Math.max(1, own.requests()),
          consented.percentileMillis(50),
          consented.cpuMillisPerRequest(),
          consented.items() / Math.max(1, consented.requests()));
    } finally {
      ctx.close();
    }
  }

  private static void consentForClinic(ConfigurableApplicationContext ctx, String patient) {
    List<String> types =
        java.util.Arrays.stream(kr.hiway.vocabulary.RecordType.values())
            .map(kr.hiway.vocabulary.RecordType::fhirType)
            .toList();
    String json =
        kr.hiway.gateway.testing.Consents.json(
            patient, "clinic-seoul", "TREAT", types, List.of(), "");
    kr.hiway.consent.model.ConsentFhir consents =
        ctx.getBean(kr.hiway.consent.model.ConsentFhir.class);
    ctx.getBean(kr.hiway.consent.store.ConsentStore.class)
        .create(consents.parseSubmitted(json, java.time.Instant.now()));
  }

  /** {@code part}: {@code read} or {@code search} for only that case, anything else for both. */
  private static void oneHospitalAtOnce(String part) throws Exception {
    String key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    ConfigurableApplicationContext ctx =
        gateway(
            "jdbc:h2:mem:bench1",
            "hiway.demo.enabled=false",
            "hiway.security.jwks=" + kr.hiway.gateway.testing.TestJwks.shared(),
            "hiway.linkage.keys.static=" + key,
            // The static hospital speaks plain HTTP, as the comparison's static backend did.
            "hiway.fanout.allow-plain-http=true");
    String nationalId = "850315-1975312";
    LinkageToken linkage = LinkageToken.withKey(java.util.Base64.getDecoder().decode(key));
    try (StaticHospital hospital =
        new StaticHospital(FhirContext.forR4Cached(), nationalId, linkage)) {
      ctx.getBean(HospitalRegistry.class)
          .register(
              new Hospital("static", "정적병원", "Static Hospital", "Seoul", "Seoul"),
              hospital.baseUrl());
      String patient =
          ctx.getBean(PatientAccounts.class)
              .createIfAbsent("bench", "bench", nationalId)
              .patientId();
      String token =
          TestTokens.valid(ctx.getBean(RSAKey.class), patient)
              .expires(java.time.Instant.now().plus(Duration.ofHours(1)))
              .signed();
      String base = "http://localhost:" + port(ctx) + "/fhir";
      Load load = new Load();

      String directPatient =
          hospital.baseUrl()
              + "/Patient?identifier="
              + LinkageToken.SYSTEM
              + "%7C"
              + linkage.of(nationalId);
      String directObs = hospital.baseUrl() + "/Observation?patient=" + StaticHospital.LOCAL_ID;
      String read = base + "/Patient/" + patient;
      String search = base + "/Observation?patient=" + patient + "&_count=20";

      System.out.println();
      System.out.printf(
          "== one hospital answering at once (Observation search body %d bytes) ==%n",
          hospital.observationBytes);
      if (!part.equals("search")) {
        report(load, "Patient read", directPatient, read, token);
      }
      if (!part.equals("read")) {
        report(load, "Observation search of 20", directObs, search, token);
      }
    } finally {
      ctx.close();
    }
  }

  private static void report(Load load, String name, String direct, String viaGateway, String token)
      throws Exception {
    // Until the JIT has compiled the hot paths, a good part of two cores goes to the compiler and
    // the rest runs slower code: measured from a cold start, a read cost three times the CPU.
    List<String> warm = new ArrayList<>();
    for (int w = 0; w < WARMUP_WINDOWS; w++) {
      warm.add(
          String.format(
              Locale.ROOT,
              "%.0f",
              load.run(viaGateway, token, 32, WARMUP_WINDOW, Load::resources).perSecond()));
    }
    load.run(direct, token, 32, WARMUP_WINDOW, b -> 0);
    System.out.printf(
        Locale.ROOT,
        "%s: warm-up at concurrency 32, %d × %d s: %s answers/s%n",
        name,
        WARMUP_WINDOWS,
        WARMUP_WINDOW.toSeconds(),
        String.join(", ", warm));
    Load.Result hospitalAlone = load.sequential(direct, token, 2_000, 3_000, b -> 0);
    Load.Result one = load.sequential(viaGateway, token, 3_000, 3_000, Load::resources);
    Load.Result many = load.run(viaGateway, token, 32, Duration.ofSeconds(15), Load::resources);
    Load.Result manyAlone = load.run(direct, token, 32, Duration.ofSeconds(10), b -> 0);
    System.out.printf(
        Locale.ROOT,
        "%s: hospital alone p50 %.3f ms; through the gateway p50 %.3f ms, p99 %.3f ms"
            + " -> added %.3f ms at concurrency 1%n",
        name,
        hospitalAlone.percentileMillis(50),
        one.percentileMillis(50),
        one.percentileMillis(99),
        one.percentileMillis(50) - hospitalAlone.percentileMillis(50));
    System.out.printf(
        Locale.ROOT,
        "%s: concurrency 32: %.0f answers/s, p50 %.2f ms, p99 %.2f ms, CPU %.3f ms per answer"
            + " (whole process), %d errors%n",
        name,
        many.perSecond(),
        many.percentileMillis(50),
        many.percentileMillis(99),
        many.cpuMillisPerRequest(),
        many.errors());
    System.out.printf(
        Locale.ROOT,
        "%s: the hospital alone at concurrency 32 (same process, same load generator): %.0f"
            + " answers/s, CPU %.3f ms per answer%n",
        name,
        manyAlone.perSecond(),
        manyAlone.cpuMillisPerRequest());
    System.out.printf(
        Locale.ROOT,
        "%s: heap allocated per answer (whole process, concurrency 1): %.1f KiB; the hospital"
            + " alone %.1f KiB%n",
        name,
        one.allocatedKibPerRequest(),
        hospitalAlone.allocatedKibPerRequest());
  }

  private static ConfigurableApplicationContext gateway(String db, String... extra)
      throws java.sql.SQLException {
    List<String> props = new ArrayList<>();
    props.add("server.port=0");
    if (POSTGRES) {
      String name = "hiway_bench_" + Long.toHexString(System.nanoTime());
      try (java.sql.Connection c =
              java.sql.DriverManager.getConnection(POSTGRES_ADMIN, "postgres", "");
          java.sql.Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      }
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(() -> {
                try (java.sql.Connection c =
                        java.sql.DriverManager.getConnection(POSTGRES_ADMIN, "postgres", "");
                    java.sql.Statement s = c.createStatement()) {
                  s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                } catch (java.sql.SQLException e) {
                  System.err.println("could not drop " + name + ": " + e.getMessage());
                }
              }));
      props.add("spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/" + name);
      props.add("spring.datasource.username=postgres");
      props.add("spring.datasource.password=");
    } else {
      props.add("spring.datasource.url=" + db + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
    }
    props.add("logging.level.root=WARN");
    props.add("logging.level.kr.hiway=WARN");
    props.add("hiway.security.access-token-ttl=1h");
    props.addAll(List.of(extra));
    // As command-line arguments: they outrank application.yml, default properties do not.
    return new SpringApplicationBuilder(GatewayApplication.class)
        .run(props.stream().map(p -> "--" + p).toArray(String[]::new));
  }

  private static int port(ConfigurableApplicationContext ctx) {
    return ctx.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
  }
}
