package kr.hiway.gateway.bench;

import com.nimbusds.jose.jwk.JWK;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import kr.hiway.consent.ledger.verify.HttpLedgerSource;
import kr.hiway.consent.ledger.verify.LedgerVerifier;
import kr.hiway.consent.ledger.verify.Report;
import kr.hiway.gateway.security.backend.ClientAssertionCli;
import kr.hiway.gateway.security.backend.RecipientKeyFile;
import kr.hiway.gateway.testing.Consents;
import kr.hiway.gateway.testing.SmartLogin;

/**
 * The fleet benchmark: a mixed load through the load balancer of {@code scripts/cluster.sh}
 * (patients' {@code $everything} and its next page, type searches, a recipient's searches, consent
 * grants and revocations) while one instance is killed with SIGKILL (run 1) and while every
 * instance is restarted one by one (run 2); then short steady runs on 1, 2 and 3 instances for
 * throughput and CPU per request. After each fault run: every outcome classified, audit rows
 * written in the window against the audited answers the client received, and the whole consent
 * ledger verified (every entry's inclusion).
 *
 * <p>Run with {@code scripts/fleet-bench.sh} (builds the classpath without installing anything).
 * Arguments: the phases to run, any of {@code kill restart scale} (default all three). Settings
 * (system properties): {@code threads} (8), {@code seconds} (60), {@code steadySeconds} (20),
 * {@code rate} (0: each client sends its next request as soon as it has the answer; R: the clients
 * together start at most R steps of the mix per second, a step being one request or an {@code
 * $everything} and its next page, so that every instance count is measured at the same load),
 * {@code clientsPerInstance} (0: {@code threads} clients in the steady runs whatever the count; K:
 * K clients per instance, the same load per instance).
 */
public final class FleetBenchmark {

  static final Path ROOT = Path.of(System.getProperty("root", ".")).toAbsolutePath().normalize();
  static final Path DIR = ROOT.resolve("data/cluster");
  static final String BASE = "http://localhost:8080";
  static final String JDBC =
      "jdbc:postgresql://127.0.0.1:5432/" + System.getenv().getOrDefault("DB", "hiway_cluster");
  static final int THREADS = Integer.getInteger("threads", 8);
  static final int SECONDS = Integer.getInteger("seconds", 60);
  static final int STEADY = Integer.getInteger("steadySeconds", 20);
  static final int WARMUP = Integer.getInteger("warmupSeconds", 60);
  static final int JIT_WAIT = Integer.getInteger("jitWaitSeconds", 240);
  static final double RATE = Double.parseDouble(System.getProperty("rate", "0"));

  /** Steady runs: 0, THREADS clients whatever the count; K, K clients per instance. */
  static final int CLIENTS_PER_INSTANCE = Integer.getInteger("clientsPerInstance", 0);

  static final String RECIPIENT = "clinic-seoul";
  static final List<String> USERS =
      List.of("patient1", "patient2", "patient3", "patient4", "patient5", "patient47");
  static final String SCOPE =
      "launch/patient offline_access patient/*.rs patient/Consent.cruds patient/AuditEvent.rs";
  static final Pattern HIW = Pattern.compile("HIW-[A-Z]+[0-9]+");
  static final Pattern NEXT =
      Pattern.compile("\"relation\"\\s*:\\s*\"next\"\\s*,\\s*\"url\"\\s*:\\s*\"([^\"]+)\"");
  static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

  /** The request kinds whose answers the gateway audits (one row each, before release). */
  static final List<String> AUDITED =
      List.of("everything", "page", "search", "recipient", "grant", "revoke");

  public static void main(String[] args) throws Exception {
    List<String> phases = args.length == 0 ? List.of("kill", "restart", "scale") : List.of(args);
    long t0 = System.nanoTime();
    System.out.printf(
        "Fleet benchmark: %d client threads through %s; phases %s%n", THREADS, BASE, phases);
    cluster("down");
    if (phases.contains("kill") || phases.contains("restart")) {
      cluster("up", "3");
      Fixture f = Fixture.create();
      if (phases.contains("kill")) {
        faultRun(
            f,
            "Run 1: SIGKILL gw2 at 20 s",
            SECONDS,
            (start, run) -> {
              sleepUntil(start, 20);
              run.event("cluster.sh kill gw2");
              cluster("kill", "gw2");
              return true;
            });
        if (phases.contains("restart")) {
          System.out.println("(bringing gw2 back before run 2)");
          cluster("restart", "gw2");
        }
      }
      if (phases.contains("restart")) {
        faultRun(
            f,
            "Run 2: restart gw1, gw2, gw3 one by one from 10 s",
            SECONDS,
            (start, run) -> {
              sleepUntil(start, 10);
              for (String gw : List.of("gw1", "gw2", "gw3")) {
                run.event("cluster.sh restart " + gw + " begins");
                cluster("restart", gw);
                run.event("cluster.sh restart " + gw + " done");
              }
              return true;
            });
      }
      if (phases.contains("scale")) {
        steady(f, 3);
      }
      cluster("down");
    }
    if (phases.contains("scale")) {
      boolean threeDone = SCALE.containsKey(3);
      String counts = System.getProperty("scaleCounts", threeDone ? "2,1" : "3,2,1");
      for (int n :
          java.util.Arrays.stream(counts.split(",")).mapToInt(Integer::parseInt).toArray()) {
        if (threeDone && n == 3) {
          continue;
        }
        cluster("up", Integer.toString(n));
        steady(Fixture.create(), n);
        cluster("down");
      }
      System.out.println();
      System.out.println("Throughput per instance count (steady " + STEADY + " s, mixed load):");
      System.out.println(
          "| instances | clients | requests/s | answered | failed | CPU ms/request | of which JIT"
              + " compiler | without the JIT | the demo network's CPU ms/request |");
      System.out.println("|---|---|---|---|---|---|---|---|---|");
      for (int n = 1; n <= 3; n++) {
        String row = SCALE.get(n);
        if (row != null) {
          System.out.println(row);
        }
      }
    }
    System.out.printf("Total benchmark time %.0f s%n", (System.nanoTime() - t0) / 1e9);
  }

  static final Map<Integer, String> SCALE = new TreeMap<>();

  /**
   * Where the machine's CPU went: per group of processes (instances, the demo network, PostgreSQL,
   * HAProxy, this load generator), user and system time and context switches, so that a change in
   * CPU per request with the instance count can be told apart (work done, kernel, scheduling).
   */
  record Machine(long total, long idle, Map<String, long[]> groups) {
    static final String JIT = "instances' JIT";

    /** CPU ticks (user + system) of {@code group} since {@code before}. */
    long ticksSince(Machine before, String group) {
      long[] g = groups.getOrDefault(group, new long[4]);
      long[] b = before.groups.getOrDefault(group, new long[4]);
      return g[0] + g[1] - b[0] - b[1];
    }

    static Machine now() {
      Map<String, long[]> groups = new TreeMap<>();
      try {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < cpu.length; i++) {
          total += Long.parseLong(cpu[i]);
        }
        long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
        List<Long> instances = new ArrayList<>();
        for (String line : Files.readAllLines(DIR.resolve("instances.tsv"))) {
          String[] f = line.split("\t");
          if (f.length >= 2) {
            instances.add(Long.parseLong(f[1].trim()));
          }
        }
        long network = Long.parseLong(Files.readString(DIR.resolve("network.pid")).trim());
        long self = ProcessHandle.current().pid();
        try (var procs = Files.list(Path.of("/proc"))) {
          for (Path p : procs.toList()) {
            String name = p.getFileName().toString();
            if (!name.chars().allMatch(Character::isDigit)) {
              continue;
            }
            long pid = Long.parseLong(name);
            String group;
            String comm;
            try {
              comm = Files.readString(p.resolve("comm")).trim();
            } catch (IOException e) {
              continue;
            }
            if (instances.contains(pid)) {
              group = "instances";
            } else if (pid == network) {
              group = "demo network";
            } else if (pid == self) {
              group = "load generator";
            } else if (comm.startsWith("postgres")) {
              group = "postgresql";
            } else if (comm.startsWith("haproxy")) {
              group = "haproxy";
            } else {
              continue;
            }
            long[] g = groups.computeIfAbsent(group, k -> new long[4]);
            try {
              String stat = Files.readString(p.resolve("stat"));
              String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
              g[0] += Long.parseLong(f[11]);
              g[1] += Long.parseLong(f[12]);
              try (var tasks = Files.list(p.resolve("task"))) {
                for (Path t : tasks.toList()) {
                  long[] part = null;
                  if (group.equals("instances")) {
                    // The instances' threads by kind; the JIT compiler is a cost of each
                    // instance's first minutes, not of a request.
                    String thread = Files.readString(t.resolve("comm"));
                    String kind =
                        thread.contains("CompilerThre")
                            ? JIT
                            : thread.startsWith("ForkJoinPool-")
                                ? "instances' carriers"
                                : thread.contains("Poller")
                                    ? "instances' pollers"
                                    : thread.startsWith("G") || thread.contains("GC")
                                        ? "instances' GC"
                                        : "instances' others";
                    String ts = Files.readString(t.resolve("stat"));
                    String[] tf = ts.substring(ts.lastIndexOf(')') + 2).split(" ");
                    part = groups.computeIfAbsent(kind, k -> new long[4]);
                    part[0] += Long.parseLong(tf[11]);
                    part[1] += Long.parseLong(tf[12]);
                  }
                  for (String l : Files.readAllLines(t.resolve("status"))) {
                    int at =
                        l.startsWith("voluntary_ctxt_switches")
                            ? 2
                            : l.startsWith("nonvoluntary_ctxt_switches") ? 3 : -1;
                    if (at > 0) {
                      long n = Long.parseLong(l.substring(l.indexOf(':') + 1).trim());
                      g[at] += n;
                      if (part != null) {
                        part[at] += n;
                      }
                    }
                  }
                }
              }
            } catch (IOException | RuntimeException e) {
              // the process ended meanwhile
            }
          }
        }
        return new Machine(total, idle, groups);
      } catch (IOException | RuntimeException e) {
        return new Machine(0, 0, groups);
      }
    }

    void printSince(Machine before, long answered) {
      System.out.printf(
          Locale.ROOT,
          "  machine: %.0f %% busy; per answered request (ms of CPU: user + system; context"
              + " switches voluntary + involuntary):%n",
          100.0 * (1 - (double) (idle - before.idle) / Math.max(1, total - before.total)));
      groups.forEach((name, g) -> {
        long[] b = before.groups.getOrDefault(name, new long[4]);
        System.out.printf(
            Locale.ROOT,
            "    %-15s %6.2f + %5.2f ms   %7.1f + %6.1f switches%n",
            name,
            (g[0] - b[0]) * 10.0 / answered,
            (g[1] - b[1]) * 10.0 / answered,
            (double) (g[2] - b[2]) / answered,
            (double) (g[3] - b[3]) / answered);
      });
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The cluster

  static void cluster(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("scripts/cluster.sh").toString());
    command.addAll(List.of(args));
    long t = System.nanoTime();
    Process p =
        new ProcessBuilder(command)
            .directory(ROOT.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    int rc = p.waitFor();
    System.err.printf(
        "  [cluster.sh %s: exit %d after %.1f s]%n",
        String.join(" ", args), rc, (System.nanoTime() - t) / 1e9);
    if (rc != 0 && !args[0].equals("down")) {
      throw new IllegalStateException("cluster.sh " + String.join(" ", args) + " failed: " + rc);
    }
  }

  /** utime + stime (clock ticks) of every gateway instance, summed over each pid's lifetime. */
  static final class Cpu implements AutoCloseable {
    private final Map<Long, long[]> ticks = new ConcurrentHashMap<>(); // pid -> {first, last}
    private final Thread sampler;
    private volatile boolean stop;

    Cpu() {
      sample();
      sampler =
          Thread.ofPlatform()
              .daemon()
              .start(() -> {
                while (!stop) {
                  sample();
                  try {
                    Thread.sleep(500);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
    }

    private void sample() {
      try {
        for (String line : Files.readAllLines(DIR.resolve("instances.tsv"))) {
          String[] f = line.split("\t");
          if (f.length < 2) {
            continue;
          }
          long pid = Long.parseLong(f[1].trim());
          long t = ticks(pid);
          if (t < 0) {
            continue;
          }
          // A pid first seen during the run is a restarted instance: its start-up counts.
          ticks.compute(pid, (k, v) -> v == null ? new long[] {t, t} : new long[] {v[0], t});
        }
      } catch (IOException | RuntimeException e) {
        // instances.tsv is being rewritten: next time
      }
    }

    /** Counts the whole life of the pids not in {@code known} (restarted instances' start-up). */
    void markNewPidsFromZero(List<Long> known) {
      ticks.forEach((pid, v) -> {
        if (!known.contains(pid)) {
          v[0] = 0;
        }
      });
    }

    List<Long> pids() {
      return new ArrayList<>(ticks.keySet());
    }

    static long ticks(long pid) {
      try {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15
      } catch (IOException | RuntimeException e) {
        return -1;
      }
    }

    /** CPU seconds used by the instances since this began. */
    double seconds() {
      long sum = 0;
      for (long[] v : ticks.values()) {
        sum += v[1] - v[0];
      }
      return sum / 100.0;
    }

    @Override
    public void close() {
      stop = true;
      sampler.interrupt();
      sample();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Who sends what

  /** A signed-in patient: tokens (renewed with the refresh token), FHIR id, a standing consent. */
  static final class Patient {
    final String user;
    final String id;
    volatile String access;
    volatile String refresh;
    volatile long renewedAt = System.nanoTime();

    Patient(String user, String id, String access, String refresh) {
      this.user = user;
      this.id = id;
      this.access = access;
      this.refresh = refresh;
    }
  }

  static final class Fixture {
    final List<Patient> patients = new ArrayList<>();
    final String secret;
    final JWK recipientKey;
    volatile String recipientToken;
    volatile long recipientAt;

    private Fixture() throws Exception {
      secret = Files.readString(DIR.resolve("mobile-backend.secret")).trim();
      recipientKey =
          RecipientKeyFile.read(DIR.resolve("data/recipients/" + RECIPIENT + ".jwk.json"));
      for (String user : USERS) {
        SmartLogin login = new SmartLogin(BASE);
        String verifier = SmartLogin.verifier();
        String code =
            login.authorize(
                "mobile-backend", user, user, SCOPE, SmartLogin.challenge(verifier), "S256");
        SmartLogin.Tokens t = login.exchange("mobile-backend", secret, code, verifier);
        if (t.status() != 200) {
          throw new IllegalStateException(user + " could not sign in: " + t.body());
        }
        patients.add(
            new Patient(
                user, t.body().path("patient").asString(), t.accessToken(), t.refreshToken()));
      }
      recipientToken = recipientToken();
      recipientAt = System.nanoTime();
      // Each patient's standing consent for the recipient, so that its reads are answered.
      HttpClient http = HttpClient.newHttpClient();
      for (Patient p : patients) {
        HttpResponse<String> r =
            http.send(
                fhir("POST", "Consent", p.access, standingConsent(p.id)),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
          throw new IllegalStateException(
              "standing consent for " + p.user + ": " + r.statusCode() + " " + r.body());
        }
      }
      System.err.printf(
          "  [signed in %d patients, %s and the regulator]%n", patients.size(), RECIPIENT);
    }

    static Fixture create() throws Exception {
      return new Fixture();
    }

    static String standingConsent(String patient) {
      return Consents.json(
          patient, RECIPIENT, "TREAT", List.of("Observation", "Condition"), List.of(), "");
    }

    String recipientToken() throws Exception {
      String assertion =
          ClientAssertionCli.assertion(
              recipientKey, RECIPIENT, BASE + "/oauth2/token", Instant.now());
      String form =
          "grant_type=client_credentials&scope="
              + URLEncoder.encode("system/*.rs", StandardCharsets.UTF_8)
              + "&client_assertion_type="
              + URLEncoder.encode(
                  "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
              + "&client_assertion="
              + assertion;
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(BASE + "/oauth2/token"))
                      .timeout(Duration.ofSeconds(30))
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .POST(HttpRequest.BodyPublishers.ofString(form))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IOException("recipient token: " + r.statusCode() + " " + r.body());
      }
      Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
      m.find();
      return m.group(1);
    }
  }

  static HttpRequest fhir(String method, String path, String token, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : BASE + "/fhir/" + path))
            .timeout(Duration.ofSeconds(60))
            .header("Accept", "application/fhir+json")
            .header("Authorization", "Bearer " + token);
    if (body == null) {
      b.GET();
    } else {
      b.header("Content-Type", "application/fhir+json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return b.build();
  }

  // ---------------------------------------------------------------------------------------------
  // A run

  interface Fault {
    boolean inject(long startNanos, Run run) throws Exception;
  }

  /** The outcomes of one run. */
  static final class Run {
    final long start = System.nanoTime();

    /**
     * When the next step may start, with {@link #RATE}: one slot per step, shared by the clients.
     */
    final AtomicLong nextSlot = new AtomicLong(start);

    final Instant startedAt = Instant.now();
    volatile long end;
    final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>(); // kind + " " + outcome
    final Map<String, LongAdder> answered2xx = new ConcurrentHashMap<>();
    final Map<String, LongAdder> refused = new ConcurrentHashMap<>(); // kind -> audited 4xx
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong sent = new AtomicLong();
    final AtomicLong ok = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong retried = new AtomicLong(); // 503 with Retry-After, asked again

    double at() {
      return (System.nanoTime() - start) / 1e9;
    }

    void event(String what) {
      events.add(String.format(Locale.ROOT, "%6.1f s  %s", at(), what));
    }
  }

  /** One request: sends it, classifies what came back, returns the body on 2xx (else null). */
  static String call(Run run, HttpClient http, String kind, HttpRequest request) {
    run.sent.incrementAndGet();
    double at = run.at();
    String outcome;
    String body = null;
    String detail;
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      int s = r.statusCode();
      java.util.Optional<String> retryAfter = r.headers().firstValue("Retry-After");
      if (s == 503 && retryAfter.isPresent()) {
        // As a standard client does: wait as told (at most 10 s), then ask once more.
        long wait = Math.min(10, Long.parseLong(retryAfter.get().trim()));
        Matcher m = HIW.matcher(r.body());
        count(
            run,
            kind
                + " 503 "
                + (m.find() ? m.group() : "")
                + " Retry-After "
                + wait
                + ", asked again");
        run.retried.incrementAndGet();
        if (m.reset().find()) {
          // The gateway answered and released nothing: its access record says so.
          run.refused.computeIfAbsent(kind, k -> new LongAdder()).increment();
        }
        Thread.sleep(Duration.ofSeconds(wait));
        r = http.send(request, HttpResponse.BodyHandlers.ofString());
        s = r.statusCode();
      }
      if (s / 100 == 2) {
        run.ok.incrementAndGet();
        run.answered2xx.computeIfAbsent(kind, k -> new LongAdder()).increment();
        count(run, kind + " " + s);
        return r.body();
      }
      Matcher m = HIW.matcher(r.body());
      String code = m.find() ? m.group() : "no HIW code";
      outcome = s + " " + code;
      detail = r.body().length() > 300 ? r.body().substring(0, 300) : r.body();
      if (s == 403 || (s >= 500 && m.reset().find())) {
        // The gateway answered and released nothing: its access record says so.
        run.refused.computeIfAbsent(kind, k -> new LongAdder()).increment();
      }
    } catch (Exception e) {
      Throwable c = e;
      while (c.getCause() != null && c.getMessage() == null) {
        c = c.getCause();
      }
      outcome = "connection error " + e.getClass().getSimpleName();
      detail = String.valueOf(c.getMessage());
    }
    run.failed.incrementAndGet();
    count(run, kind + " " + outcome);
    run.failures.add(
        String.format(
            Locale.ROOT,
            "%6.1f s  %-10s %s %s -> %s: %s",
            at,
            kind,
            request.method(),
            request.uri().getPath(),
            outcome,
            detail.replaceAll("\\s+", " ")));
    return body;
  }

  static void count(Run run, String key) {
    run.outcomes.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  /** The mixed load, {@code seconds} long, THREADS clients, each looping over the mix. */
  static Run load(Fixture f, int seconds, Fault fault) throws Exception {
    return load(f, seconds, fault, THREADS);
  }

  /** The mixed load, {@code seconds} long, {@code threads} clients, each looping over the mix. */
  static Run load(Fixture f, int seconds, Fault fault, int threads) throws Exception {
    Run run = new Run();
    long deadline = run.start + Duration.ofSeconds(seconds).toNanos();
    AtomicLong until = new AtomicLong(deadline);
    java.util.concurrent.atomic.AtomicBoolean faultDone =
        new java.util.concurrent.atomic.AtomicBoolean(fault == null);
    try (ExecutorService pool = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().factory())) {
      if (fault != null) {
        pool.submit(() -> {
          try {
            fault.inject(run.start, run);
          } catch (Exception e) {
            run.event("the fault failed: " + e.getMessage());
          } finally {
            // The load goes on 10 s after the fault's last step, at least to the planned end.
            until.accumulateAndGet(System.nanoTime() + Duration.ofSeconds(10).toNanos(), Math::max);
            faultDone.set(true);
          }
          return null;
        });
      }
      for (int t = 0; t < threads; t++) {
        int thread = t;
        pool.submit(() -> {
          client(f, run, thread, until, faultDone);
          return null;
        });
      }
    }
    run.end = System.nanoTime();
    return run;
  }

  static void client(
      Fixture f,
      Run run,
      int thread,
      AtomicLong until,
      java.util.concurrent.atomic.AtomicBoolean faultDone)
      throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    Patient p = f.patients.get(thread % f.patients.size());
    String grant = null; // a consent this client granted and will revoke next
    for (long step = thread; ; step++) {
      long now = System.nanoTime();
      if (now >= until.get() && faultDone.get()) {
        break;
      }
      if (RATE > 0) {
        long slot = run.nextSlot.getAndAdd((long) (1e9 / RATE));
        if (slot >= until.get() && faultDone.get()) {
          break;
        }
        long wait = slot - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(Duration.ofNanos(wait));
        }
      }
      renew(f, p, run, http);
      switch ((int) (step % 10)) {
        case 0, 1, 2 -> {
          String b =
              call(
                  run,
                  http,
                  "everything",
                  fhir("GET", "Patient/" + p.id + "/$everything?_count=50", p.access, null));
          Matcher next = b == null ? null : NEXT.matcher(b);
          if (next != null && next.find()) {
            call(
                run,
                http,
                "page",
                fhir("GET", next.group(1).replace("&amp;", "&"), p.access, null));
          }
        }
        case 3, 4, 5 ->
            call(run, http, "search", fhir("GET", "Observation?patient=" + p.id, p.access, null));
        case 6, 7 ->
            call(
                run,
                http,
                "recipient",
                fhir("GET", "Observation?patient=" + p.id, f.recipientToken, null));
        default -> {
          if (grant == null) {
            String b =
                call(
                    run,
                    http,
                    "grant",
                    fhir("POST", "Consent", p.access, Fixture.standingConsent(p.id)));
            grant = b;
          } else {
            Matcher id = ID.matcher(grant);
            if (id.find()) {
              String revocation =
                  grant.replaceFirst("\"status\"\\s*:\\s*\"active\"", "\"status\":\"inactive\"");
              call(
                  run, http, "revoke", fhir("PUT", "Consent/" + id.group(1), p.access, revocation));
            }
            grant = null;
          }
        }
      }
    }
  }

  /** Renews a patient's access token (refresh grant) and the recipient's every 2 minutes. */
  static void renew(Fixture f, Patient p, Run run, HttpClient http) {
    long age = Duration.ofMinutes(2).toNanos();
    synchronized (p) {
      if (System.nanoTime() - p.renewedAt > age) {
        try {
          SmartLogin.Tokens t =
              new SmartLogin(BASE).refresh("mobile-backend", f.secret, p.refresh, null);
          if (t.status() == 200) {
            p.access = t.accessToken();
            if (t.refreshToken() != null) {
              p.refresh = t.refreshToken();
            }
            p.renewedAt = System.nanoTime();
            count(run, "token 200");
          } else {
            count(run, "token " + t.status());
            run.failures.add(
                String.format(
                    Locale.ROOT, "%6.1f s  token refresh %s: %s", run.at(), t.status(), t.body()));
          }
        } catch (Exception e) {
          count(run, "token connection error");
          run.failures.add(String.format(Locale.ROOT, "%6.1f s  token refresh: %s", run.at(), e));
        }
      }
    }
    synchronized (f) {
      if (System.nanoTime() - f.recipientAt > age) {
        try {
          f.recipientToken = f.recipientToken();
          f.recipientAt = System.nanoTime();
          count(run, "token 200");
        } catch (Exception e) {
          count(run, "token error");
          run.failures.add(String.format(Locale.ROOT, "%6.1f s  recipient token: %s", run.at(), e));
        }
      }
    }
  }

  static void sleepUntil(long start, int seconds) throws InterruptedException {
    long wait = start + Duration.ofSeconds(seconds).toNanos() - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(Duration.ofNanos(wait));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Fault runs and steady runs

  static void faultRun(Fixture f, String title, int seconds, Fault fault) throws Exception {
    System.out.println();
    System.out.println("== " + title + " (" + THREADS + " clients, at least " + seconds + " s)");
    Run run;
    double cpu;
    try (Cpu c = new Cpu()) {
      List<Long> before = c.pids();
      run = load(f, seconds, fault);
      c.close();
      c.markNewPidsFromZero(before);
      cpu = c.seconds();
    }
    Instant endedAt = Instant.now();
    double secs = (run.end - run.start) / 1e9;
    run.events.forEach(e -> System.out.println("  event " + e));
    System.out.printf(
        Locale.ROOT,
        "requests sent %d, answered (2xx) %d, failed %d, in %.1f s (%.1f/s); instances' CPU %.1f s"
            + " (incl. restarted instances' start-up) = %.1f ms per answered request%n",
        run.sent.get(),
        run.ok.get(),
        run.failed.get(),
        secs,
        run.ok.get() / secs,
        cpu,
        cpu * 1000 / Math.max(1, run.ok.get()));
    System.out.println(
        "503s with Retry-After, asked again after the wait (their second answer is counted above): "
            + run.retried.get());
    System.out.println("outcomes by kind:");
    new TreeMap<>(run.outcomes).forEach((k, v) -> System.out.printf("  %-40s %d%n", k, v.sum()));
    System.out.println("failed requests (" + run.failures.size() + "):");
    List<String> shown = run.failures.size() > 40 ? run.failures.subList(0, 40) : run.failures;
    shown.forEach(s -> System.out.println("  " + s));
    if (run.failures.size() > 40) {
      System.out.println("  ... " + (run.failures.size() - 40) + " more");
    }
    // Outcomes written after a release may wait up to 20 ms for a batch (LedgerCommits.LINGER).
    Thread.sleep(1_000);
    audit(run, endedAt);
    verifyLedger(f);
  }

  static void steady(Fixture f, int n) throws Exception {
    int clients = CLIENTS_PER_INSTANCE > 0 ? CLIENTS_PER_INSTANCE * n : THREADS;
    System.out.println();
    System.out.println(
        "== Steady "
            + STEADY
            + " s on "
            + n
            + " instance(s), "
            + clients
            + " clients"
            + (RATE > 0 ? ", at most " + RATE + " steps/s" : ""));
    load(f, WARMUP, null, clients); // each instance compiles its hot paths on its requests
    // Then on until the JIT compilers are quiet (below 3 % of the instances' CPU over 10 s), at
    // most JIT_WAIT more seconds: with N instances each sees 1/N of the requests, and its hot
    // paths reach the compiler's thresholds N times later.
    long jitUntil = System.nanoTime() + JIT_WAIT * 1_000_000_000L;
    while (System.nanoTime() < jitUntil) {
      Machine w = Machine.now();
      load(f, 10, null, clients);
      Machine e = Machine.now();
      double share =
          (double) e.ticksSince(w, Machine.JIT) / Math.max(1, e.ticksSince(w, "instances"));
      System.out.printf(
          Locale.ROOT, "  warm-up: JIT compilers %.1f %% of the instances' CPU%n", 100 * share);
      if (share < 0.03) {
        break;
      }
    }
    Run run;
    double cpu;
    Machine before = Machine.now();
    try (Cpu c = new Cpu()) {
      run = load(f, STEADY, null, clients);
      c.close();
      cpu = c.seconds();
    }
    Machine after = Machine.now();
    after.printSince(before, Math.max(1, run.ok.get()));
    double jitMs = after.ticksSince(before, Machine.JIT) * 10.0 / Math.max(1, run.ok.get());
    // The 47 hospitals do the same work per request whatever the instance count: their CPU per
    // request shows how much a CPU-millisecond buys on this machine at this moment.
    double networkMs = after.ticksSince(before, "demo network") * 10.0 / Math.max(1, run.ok.get());
    double secs = (run.end - run.start) / 1e9;
    double ms = cpu * 1000 / Math.max(1, run.ok.get());
    System.out.printf(
        Locale.ROOT,
        "sent %d, answered %d, failed %d: %.1f requests/s; instances' CPU %.1f s = %.2f ms per"
            + " answered request%n",
        run.sent.get(),
        run.ok.get(),
        run.failed.get(),
        run.ok.get() / secs,
        cpu,
        ms);
    new TreeMap<>(run.outcomes).forEach((k, v) -> System.out.printf("  %-40s %d%n", k, v.sum()));
    run.failures.stream().limit(10).forEach(s -> System.out.println("  " + s));
    SCALE.put(
        n,
        String.format(
            Locale.ROOT,
            "| %d | %d | %.1f | %d | %d | %.2f | %.2f | %.2f | %.2f |",
            n,
            clients,
            run.ok.get() / secs,
            run.ok.get(),
            run.failed.get(),
            ms,
            jitMs,
            ms - jitMs,
            networkMs));
  }

  // ---------------------------------------------------------------------------------------------
  // Audit and ledger

  static void audit(Run run, Instant endedAt) throws Exception {
    Map<String, Long> rows = new TreeMap<>();
    long success = 0;
    long failure = 0;
    long pending = 0;
    try (Connection db = DriverManager.getConnection(JDBC, "postgres", "");
        PreparedStatement q =
            db.prepareStatement(
                "SELECT e.client_id, e.action, COALESCE(o.outcome, e.outcome), e.pending AND"
                    + " o.event_id IS NULL, count(*) FROM audit_event e LEFT JOIN audit_outcome o"
                    + " ON o.event_id = e.id WHERE e.recorded >= ? AND e.recorded <= ? AND"
                    + " e.action IN ('read','search-type','operation','page','create','update')"
                    + " GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4")) {
      q.setTimestamp(1, Timestamp.from(run.startedAt));
      q.setTimestamp(2, Timestamp.from(endedAt.plusSeconds(1)));
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          long c = r.getLong(5);
          boolean open = r.getBoolean(4);
          rows.put(
              r.getString(1)
                  + " "
                  + r.getString(2)
                  + " outcome="
                  + r.getString(3)
                  + (open ? " PENDING (outcome incomplete)" : ""),
              c);
          if (open) {
            pending += c;
          } else if ("0".equals(r.getString(3))) {
            success += c;
          } else {
            failure += c;
          }
        }
      }
    }
    long answers = 0;
    long refusals = 0;
    Map<String, Long> byKind = new HashMap<>();
    for (String k : AUDITED) {
      long a = run.answered2xx.getOrDefault(k, new LongAdder()).sum();
      answers += a;
      refusals += run.refused.getOrDefault(k, new LongAdder()).sum();
      byKind.put(k, a);
    }
    System.out.println("audit rows written in the window (client, action, outcome):");
    rows.forEach((k, v) -> System.out.printf("  %-50s %d%n", k, v));
    System.out.println("  answers released to the client by kind (2xx): " + new TreeMap<>(byKind));
    System.out.printf(
        "audit: success rows %d vs 2xx answers received %d: difference %+d; rows of nothing"
            + " released %d vs 403 and 5xx answers from the gateway received %d: difference %+d;"
            + " rows still pending (outcome incomplete) %d%n",
        success, answers, success - answers, failure, refusals, failure - refusals, pending);
    System.out.printf(
        "  released answers without an access row: %d (success rows plus pending rows fewer than"
            + " the answers would be a defect). A pending row is an access recorded before its"
            + " release whose outcome was never written: a request an instance was serving when it"
            + " died (answered or not: the load balancer may have sent it again elsewhere)%n",
        Math.max(0, answers - success - pending));
  }

  static void verifyLedger(Fixture f) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    String key =
        http.send(
                HttpRequest.newBuilder(URI.create(BASE + "/ledger/key")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body()
            .trim();
    long t = System.nanoTime();
    HttpLedgerSource source =
        new HttpLedgerSource(
            http,
            URI.create(BASE + "/ledger"),
            Duration.ofSeconds(30),
            new SmartLogin(BASE)
                .signIn("hiway-console", "regulator", "regulator", "openid regulator")
                .accessToken());
    Report report =
        LedgerVerifier.verify(
            source, key, null, size -> LongStream.range(0, size).boxed().toList());
    long size = report.checkpoint().map(c -> c.size()).orElse(-1L);
    System.out.printf(
        Locale.ROOT,
        "ledger verification: %s; checkpoint size %d, every entry's inclusion checked, %d"
            + " failure(s), in %.1f s%n",
        report.ok() ? "VERIFIED" : "FAILED",
        size,
        report.failures().size(),
        (System.nanoTime() - t) / 1e9);
    report.failures().stream().limit(10).forEach(x -> System.out.println("  " + x));
  }
}
