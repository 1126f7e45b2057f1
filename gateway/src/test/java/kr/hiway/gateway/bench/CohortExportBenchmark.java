package kr.hiway.gateway.bench;

import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jose.jwk.RSAKey;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.hiway.demo.network.DemoNetwork;
import kr.hiway.demo.simulator.Person;
import kr.hiway.demo.simulator.SyntheticPopulation;
import kr.hiway.gateway.GatewayApplication;
import kr.hiway.gateway.account.PatientAccounts;
import kr.hiway.gateway.export.Cohorts;
import kr.hiway.gateway.release.ConsentWrites;
import kr.hiway.gateway.testing.TestTokens;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A cohort of consenting synthetic persons exported with FHIR Bulk Data to both demo research
 * recipients, on the local PostgreSQL, then measured as an attacker holding both exports would:
 * exact-join matches, timeline linkage by the best single offset, the achieved k, and a leak scan
 * against every identifier the simulator generated. Prints its figures (docs/export.md, README).
 *
 * <pre>
 * ./mvnw -q -DskipTests install
 * ./mvnw -q -pl gateway exec:exec@bench -Dbench.main=kr.hiway.gateway.bench.CohortExportBenchmark
 * </pre>
 *
 * {@code -Dbench.args=N} sets the cohort size (1000 by default).
 */
public final class CohortExportBenchmark {

  private static final String ADMIN = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final List<String> RECIPIENTS = List.of("research-cohort", "research-cohort-2");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private CohortExportBenchmark() {}

  /** One released record as an attacker sees it: whose (pseudonym), where, what, when. */
  record Event(String person, String hospital, String type, String code, Instant time) {}

  public static void main(String[] args) throws Exception {
    int persons = args.length > 0 && args[0].matches("\\d+") ? Integer.parseInt(args[0]) : 1000;
    String db = "hiway_bench_export_" + Long.toHexString(System.nanoTime());
    try (var c = java.sql.DriverManager.getConnection(ADMIN, "postgres", "");
        var s = c.createStatement()) {
      s.execute("CREATE DATABASE " + db);
    }
    try (ConfigurableApplicationContext ctx = start(db, persons)) {
      String base = "http://localhost:" + ctx.getEnvironment().getProperty("local.server.port");
      SyntheticPopulation population = ctx.getBean(DemoNetwork.class).population();
      consent(ctx, population, persons);
      RSAKey key = ctx.getBean(RSAKey.class);
      Map<String, List<Event>> exports = new HashMap<>();
      Map<String, String> risks = new HashMap<>();
      List<String> allLines = new ArrayList<>();
      long resources = 0;
      double seconds = 0;
      for (String recipient : RECIPIENTS) {
        String token = TestTokens.recipient(key, recipient, "HRESCH").signed();
        Instant start = Instant.now();
        JsonNode manifest = export(base, recipient, token, key);
        seconds += Duration.between(start, Instant.now()).toMillis() / 1000.0;
        List<Event> events = new ArrayList<>();
        for (JsonNode out : manifest.path("output")) {
          String body = get(base, out.path("url").asString(), token).body();
          for (String line : body.lines().toList()) {
            allLines.add(line);
            Resource r = (Resource) FHIR.newJsonParser().parseResource(line);
            if (r.fhirType().equals("Parameters")) {
              risks.put(recipient, line);
              continue;
            }
            resources++;
            event(r).ifPresent(events::add);
          }
        }
        exports.put(recipient, events);
      }
      List<Event> a = exports.get(RECIPIENTS.get(0));
      List<Event> b = exports.get(RECIPIENTS.get(1));
      Set<String> keysA = new HashSet<>();
      a.forEach(e -> keysA.add(e.hospital() + "|" + e.type() + "|" + e.code() + "|" + e.time()));
      long joined =
          b.stream()
              .filter(e ->
                  keysA.contains(e.hospital() + "|" + e.type() + "|" + e.code() + "|" + e.time()))
              .count();
      // Hospitals are pseudonymized per recipient: an attacker joins without them, too.
      Set<String> keysNoHospital = new HashSet<>();
      a.forEach(e -> keysNoHospital.add(e.type() + "|" + e.code() + "|" + e.time()));
      long joinedNoHospital =
          b.stream()
              .filter(e -> keysNoHospital.contains(e.type() + "|" + e.code() + "|" + e.time()))
              .count();
      int[] linked = linkByBestOffset(a, b, true);
      int[] linkedNoHospital = linkByBestOffset(a, b, false);
      System.out.printf("cohort: %d consenting persons, exported to %s%n", persons, RECIPIENTS);
      System.out.printf(
          "exact join on (hospital, type, code, time): %d of %d records of the second export (%.1f %%)%n",
          joined, b.size(), 100.0 * joined / Math.max(1, b.size()));
      System.out.printf(
          "exact join on (type, code, time), hospitals ignored: %d of %d records (%.1f %%)%n",
          joinedNoHospital, b.size(), 100.0 * joinedNoHospital / Math.max(1, b.size()));
      System.out.printf(
          "linkable by best single-offset timeline alignment (>= 50 %% of a timeline, >= 3 events),"
              + " on (hospital, type, code): %d of %d persons (%.1f %%), best offset 0 days for %d%n",
          linked[0], linked[1], 100.0 * linked[0] / Math.max(1, linked[1]), linked[2]);
      System.out.printf(
          "linkable by best single-offset timeline alignment, on (type, code), hospitals ignored:"
              + " %d of %d persons (%.1f %%), best offset 0 days for %d%n",
          linkedNoHospital[0],
          linkedNoHospital[1],
          100.0 * linkedNoHospital[0] / Math.max(1, linkedNoHospital[1]),
          linkedNoHospital[2]);
      for (String r : RECIPIENTS) {
        System.out.println("risk report, " + r + ": " + figures(risks.get(r)));
      }
      System.out.printf(
          "throughput: %d resources in %.1f s = %.0f resources/s (both exports, kick-off to manifest)%n",
          resources, seconds, resources / seconds);
      System.out.printf("peak heap: %d MiB%n", peakHeap() / (1024 * 1024));
      System.out.printf(
          "leak scan: %d hits of %d identifiers in %d lines%n",
          leaks(identifiers(ctx, population, persons), allLines),
          identifiers(ctx, population, persons).size(),
          allLines.size());
    } finally {
      try (var c = java.sql.DriverManager.getConnection(ADMIN, "postgres", "");
          var s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
      }
    }
  }

  private static ConfigurableApplicationContext start(String db, int persons) {
    List<String> props = new ArrayList<>();
    props.add("server.port=0");
    props.add("spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/" + db);
    props.add("spring.datasource.username=postgres");
    props.add("spring.datasource.password=");
    props.add("hiway.demo.persons=" + persons);
    props.add("hiway.demo.latency=0ms");
    props.add("hiway.demo.jitter=0ms");
    props.add("hiway.export.parallel=4");
    props.add("hiway.export.retry-after=1s");
    props.add("hiway.security.access-token-ttl=1h");
    props.add("logging.level.root=WARN");
    props.add("logging.level.kr.hiway=WARN");
    for (String limit : List.of("token", "patient", "client")) {
      props.add("hiway.limits." + limit + ".burst=1000000000");
      props.add("hiway.limits." + limit + ".per-minute=1000000000");
    }
    return new SpringApplicationBuilder(GatewayApplication.class)
        .run(props.stream().map(p -> "--" + p).toArray(String[]::new));
  }

  /** Research consents to both recipients for every person, as the persons' apps would give. */
  private static void consent(
      ConfigurableApplicationContext ctx, SyntheticPopulation population, int persons) {
    PatientAccounts accounts = ctx.getBean(PatientAccounts.class);
    ConsentWrites writes = ctx.getBean(ConsentWrites.class);
    for (String recipient : RECIPIENTS) {
      Cohorts.consent(writes, accounts, population, recipient, 0, persons);
    }
  }

  /** Kick-off, poll, and (if the risk needs it) a reviewer's approval; returns the manifest. */
  private static JsonNode export(String base, String recipient, String token, RSAKey key)
      throws Exception {
    HttpResponse<String> kickOff =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/fhir/Group/" + recipient + "/$export"))
                .header("Accept", "application/fhir+json")
                .header("Prefer", "respond-async")
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String status = kickOff.headers().firstValue("Content-Location").orElseThrow();
    boolean approved = false;
    while (true) {
      HttpResponse<String> r = get(base, status, token);
      if (r.statusCode() == 200) {
        return JSON.readTree(r.body());
      }
      if (r.statusCode() != 202) {
        throw new IllegalStateException("export failed: " + r.body());
      }
      if (!approved && r.headers().firstValue("X-Progress").orElse("").contains("review")) {
        String job = status.substring(status.lastIndexOf('/') + 1);
        String reviewer =
            TestTokens.valid(key, null)
                .scope("trust-center")
                .role("trust-center")
                .subjectAs("bench-reviewer")
                .signed();
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/export-review/" + job + "/approve"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + reviewer)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"reason\":\"benchmark: suppression reviewed\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
        approved = true;
        System.out.println(recipient + ": held for review (suppression over the limit), approved");
      }
      Thread.sleep(500);
    }
  }

  private static HttpResponse<String> get(String base, String url, String token) throws Exception {
    String local = url.replace("http://localhost:8080", base);
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(local))
            .header("Authorization", "Bearer " + token)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The record's (pseudonym, hospital, type, first code, clinical time), if it has a time. */
  private static java.util.Optional<Event> event(Resource r) {
    String subject = reference(r, "subject").orElse(reference(r, "patient").orElse(null));
    String hospital = r.getMeta().getSource();
    String code = firstCode(r);
    Instant time = null;
    for (String name :
        List.of(
            "effective",
            "onset",
            "period",
            "date",
            "authoredOn",
            "occurrence",
            "performed",
            "recordedDate",
            "issued")) {
      time = time(r, name);
      if (time != null) {
        break;
      }
    }
    return subject == null || time == null
        ? java.util.Optional.empty()
        : java.util.Optional.of(new Event(subject, hospital, r.fhirType(), code, time));
  }

  private static java.util.Optional<String> reference(Resource r, String name) {
    var p = r.getNamedProperty(name);
    if (p == null || !p.hasValues()) {
      return java.util.Optional.empty();
    }
    Base v = p.getValues().get(0);
    return v instanceof org.hl7.fhir.r4.model.Reference ref
        ? java.util.Optional.ofNullable(ref.getReference())
        : java.util.Optional.empty();
  }

  private static String firstCode(Resource r) {
    for (String name : List.of("code", "vaccineCode", "medicationCodeableConcept", "type")) {
      var p = r.getNamedProperty(name);
      if (p != null && p.hasValues()) {
        Base v = p.getValues().get(0);
        if (v instanceof org.hl7.fhir.r4.model.CodeableConcept cc && cc.hasCoding()) {
          return cc.getCodingFirstRep().getCode();
        }
      }
    }
    return "";
  }

  private static Instant time(Resource r, String prefix) {
    for (var p : r.children()) {
      if (!p.getName().startsWith(prefix) || !p.hasValues()) {
        continue;
      }
      Base v = p.getValues().get(0);
      if (v instanceof org.hl7.fhir.r4.model.BaseDateTimeType d && d.getValue() != null) {
        return d.getValue().toInstant();
      }
      if (v instanceof org.hl7.fhir.r4.model.Period per && per.getStart() != null) {
        return per.getStart().toInstant();
      }
    }
    return null;
  }

  /**
   * For each person of export {@code a}: the person of {@code b} and the one day offset that align
   * most of the person's events (same type and code, and with {@code byHospital} the same
   * hospital). Linked when that aligns at least half of a timeline of at least 3 events. Returns
   * {linked, persons of a, linked at offset 0}.
   */
  private static int[] linkByBestOffset(List<Event> a, List<Event> b, boolean byHospital) {
    java.util.function.Function<Event, String> key =
        e -> (byHospital ? e.hospital() + "|" : "") + e.type() + "|" + e.code();
    Map<String, List<Event>> byKeyB = new HashMap<>();
    for (Event e : b) {
      byKeyB.computeIfAbsent(key.apply(e), k -> new ArrayList<>()).add(e);
    }
    Map<String, List<Event>> timelines = new HashMap<>();
    a.forEach(e -> timelines.computeIfAbsent(e.person(), k -> new ArrayList<>()).add(e));
    int linked = 0;
    int atZero = 0;
    for (List<Event> timeline : timelines.values()) {
      Map<String, Integer> votes = new HashMap<>();
      for (Event e : timeline) {
        Set<String> seen = new HashSet<>();
        for (Event f : byKeyB.getOrDefault(key.apply(e), List.of())) {
          long days = Duration.between(e.time(), f.time()).toDays();
          String vote = f.person() + "@" + days;
          if (seen.add(vote)) {
            votes.merge(vote, 1, Integer::sum);
          }
        }
      }
      var best = votes.entrySet().stream().max(Map.Entry.comparingByValue());
      if (timeline.size() >= 3
          && best.isPresent()
          && best.get().getValue() * 2 >= timeline.size()) {
        linked++;
        if (best.get().getKey().endsWith("@0")) {
          atZero++;
        }
      }
    }
    return new int[] {linked, timelines.size(), atZero};
  }

  /** Every identifier the simulator generated for the cohort, and the gateway's account ids. */
  private static Set<String> identifiers(
      ConfigurableApplicationContext ctx, SyntheticPopulation population, int persons) {
    PatientAccounts accounts = ctx.getBean(PatientAccounts.class);
    DemoNetwork network = ctx.getBean(DemoNetwork.class);
    Set<String> out = new HashSet<>();
    for (int i = 0; i < persons; i++) {
      Person p = population.person(i);
      out.add(p.nationalId());
      out.add(p.nationalId().replace("-", ""));
      out.add(p.familyName() + p.givenName());
      out.add(p.phone());
      out.add(p.addressLine());
      accounts.byNationalId(p.nationalId()).ifPresent(a -> out.add(a.patientId()));
      for (DemoNetwork.Node n : network.nodes()) {
        try {
          out.add(n.source().localPatientId(i));
        } catch (IllegalArgumentException notThere) {
          // not a patient of this hospital
        }
      }
    }
    return out;
  }

  private static long leaks(Set<String> identifiers, List<String> lines) {
    long hits = 0;
    for (String line : lines) {
      for (String id : identifiers) {
        if (line.contains(id)) {
          hits++;
        }
      }
    }
    return hits;
  }

  private static String figures(String parametersLine) {
    var p =
        FHIR.newJsonParser().parseResource(org.hl7.fhir.r4.model.Parameters.class, parametersLine);
    StringBuilder out = new StringBuilder();
    for (var param : p.getParameter()) {
      out.append(param.getName()).append('=').append(param.getValue().primitiveValue()).append(' ');
    }
    return out.toString().strip();
  }

  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  static String day(Instant t) {
    return t.atOffset(ZoneOffset.UTC).toLocalDate().toString();
  }
}
