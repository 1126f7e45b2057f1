package kr.hiway.gateway.fanout;

import ca.uhn.fhir.context.FhirContext;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks many hospitals at once about one person, over HTTP, and gives back what each answered.
 *
 * <p><b>How a hospital is asked.</b> Each hospital gets one virtual thread. It first finds the
 * person's local patient id by the hospital's linkage token ({@code
 * Patient?identifier=urn:hiway:linkage-token|token}), cached per (hospital, token) for 10 minutes
 * (2 when not a patient there; see {@link FanOutSettings}). A person who is not a patient at a
 * hospital gets an empty {@link HospitalResult.Answered} from it without further calls. If a cached
 * id meets a 404 on {@code $everything}, the linkage is looked up once more. (A search cannot tell
 * a stale id from no records, so it trusts the cache until it expires.) Pages of 500 are read by
 * following {@code next} links, which must stay on the hospital's scheme, host, port and base path;
 * at most {@link FanOutSettings#maxPages()} pages.
 *
 * <p><b>Time.</b> {@link FanOutSettings#perHospitalTimeout()} bounds everything asked of one
 * hospital, bodies read to their end included, so a hospital that drips its body is cut off. {@link
 * #fetch} returns by {@link FanOutSettings#overallDeadline()} plus about 50 ms whatever happens;
 * hospitals not done by then are {@link Failure#TIMEOUT}.
 *
 * <p><b>What is released.</b> A hospital's answer is all-or-nothing: every page must be a 200 with
 * a JSON content type, within {@link FanOutSettings#maxResponseBytes()}, strictly valid FHIR, a
 * searchset Bundle whose entries are all of the asked types (the searched type; for {@code
 * $everything} the asked types or all nine, plus Patient). A resource of any other type makes the
 * whole hospital {@link Failure#INVALID_RESPONSE}: a hospital that answers what was not asked is
 * not trusted with the rest. A resource that is not the linked patient's ({@link
 * kr.hiway.vocabulary.Ownership#belongsTo}) is dropped alone, with a WARN naming only the hospital,
 * the type and the count. Released resources are rewritten: ids {@code code.localId} ({@link
 * GlobalIds}), {@code meta.source} {@code urn:hiway:hospital:code}, references into the gateway's
 * id space with the linked patient as {@code Patient/{PatientContext#patientId()}}, and no
 * linkage-token identifier anywhere. The hospital's own Patient resource (in {@code $everything} or
 * {@link Query.Demographics}) keeps the id {@code code.localId}; the caller decides how to present
 * it.
 *
 * <p><b>Circuit breakers.</b> One resilience4j breaker per hospital code, for the life of this
 * object. Each hospital exchange (linkage and all pages) is one call: a timeout, a connection
 * failure, a 5xx, 408 or 429, or an invalid answer counts as a failure; a 4xx refusal counts as a
 * success, as the hospital is working and the request was at fault. A timeout counts only when the
 * exchange had at least half the per-hospital timeout: one that began late, because it waited for a
 * place or the gateway was busy, or that the request gave up on, tells nothing about the hospital
 * (a cold or overloaded gateway would otherwise open every breaker at once). While a breaker is
 * open the hospital is not called and gives {@link Failure#CIRCUIT_OPEN}.
 *
 * <p><b>Secrets.</b> The national identifier is never sent, logged or put in a message; tokens go
 * in URLs only. {@link HospitalResult.Failed#detail()} is short and client-safe.
 *
 * <p>Thread-safe: one instance serves the whole process (it holds the one HTTP client, the linkage
 * cache and the breakers). No argument may be null. {@link #close()} releases the client.
 */
public final class FanOut implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FanOut.class);

  /** How long past the overall deadline to wait for hospitals to report their own timeout. */
  private static final long MARGIN_NANOS = Duration.ofMillis(50).toNanos();

  @FunctionalInterface
  private interface Work<T> {
    T run(HospitalCall call) throws HospitalFailure, InterruptedException;
  }

  private final FanOutSettings settings;
  private final HospitalCall.Engine engine;
  private final HospitalHttp http;
  private final ExecutorService tasks;
  private final CircuitBreakerRegistry breakers;
  private final long fairTrialNanos;

  /**
   * The most exchanges in flight with one hospital; more wait for a place. Without a bound, 32
   * patients at once open 32 connections to each of 47 hospitals, and 1,500 concurrent mutual-TLS
   * handshakes on two cores miss the connect timeout, open every breaker and fail everything; the
   * bound also keeps one gateway from swamping a hospital.
   */
  static final int MAX_IN_FLIGHT = 8;

  private final ConcurrentMap<String, Semaphore> inFlight = new ConcurrentHashMap<>();

  /** A fan-out whose HTTPS connections use the process's default TLS context. */
  public FanOut(FhirContext fhir, FanOutSettings settings) {
    this(fhir, settings, defaultTls());
  }

  private static SSLContext defaultTls() {
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no default TLS context", e);
    }
  }

  /**
   * A fan-out whose HTTPS connections use {@code tls}: the gateway's client certificate and the
   * trust that pins each hospital's certificate.
   */
  public FanOut(FhirContext fhir, FanOutSettings settings, SSLContext tls) {
    Objects.requireNonNull(fhir, "fhir");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.http = new HospitalHttp(Objects.requireNonNull(tls, "tls"), settings);
    this.tasks = Executors.newVirtualThreadPerTaskExecutor();
    this.breakers = CircuitBreakerRegistry.of(settings.breaker());
    this.fairTrialNanos = settings.perHospitalTimeout().toNanos() / 2;
    this.engine = new HospitalCall.Engine(fhir, http, new LinkageCache(settings), settings);
  }

  /** The circuit breakers, one per hospital code: for monitoring. */
  public CircuitBreakerRegistry breakers() {
    return breakers;
  }

  /**
   * Asks every target at once; each hospital's records come as HAPI models.
   *
   * @return one result per target, in target order; by the overall deadline (plus a small margin)
   *     at the latest. When every result is {@link HospitalResult.Failed}, nothing was released.
   */
  public List<HospitalResult<List<Resource>>> fetch(
      PatientContext patient, List<HospitalTarget> targets, Query query) {
    return fetch(patient, targets, query, AnswerForm.HAPI, FanOut::models);
  }

  /**
   * As {@link #fetch(PatientContext, List, Query)}, with {@code step} applied to each hospital's
   * released records in that hospital's own task, as soon as it has answered.
   *
   * @param form {@link AnswerForm#JSON} when the records go into an answer the gateway writes
   *     itself with nothing decided on their content: then each released record other than a
   *     Patient is {@link ReleasedRecord.Encoded}, its JSON rewritten straight from the hospital's
   *     (see {@link JsonRewriter}); otherwise every record is {@link ReleasedRecord.Parsed}
   */
  public <T> List<HospitalResult<T>> fetch(
      PatientContext patient,
      List<HospitalTarget> targets,
      Query query,
      AnswerForm form,
      HospitalStep<T> step) {
    Objects.requireNonNull(patient, "patient");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(form, "form");
    Objects.requireNonNull(step, "step");
    return all(
        List.copyOf(targets),
        (target, deadline) -> fetchOne(target, patient, query, form, deadline, step));
  }

  /**
   * Asks each of {@code targets} for one window of {@code query}'s result ({@link Query.Everything}
   * or {@link Query.Search}), all at once: one request each, more only for a window larger than a
   * hospital's page. Timing, checks, rewriting and breakers as for {@link #fetch(PatientContext,
   * List, Query, AnswerForm, HospitalStep)}.
   *
   * @param windows one per target, in the same order
   * @return one result per target, in target order
   */
  public List<HospitalResult<Slice>> fetchWindows(
      PatientContext patient,
      List<HospitalTarget> targets,
      List<Window> windows,
      Query query,
      AnswerForm form) {
    return fetchWindows(patient, targets, windows, query, form, null);
  }

  /**
   * As {@link #fetchWindows(PatientContext, List, List, Query, AnswerForm)}, each hospital asked in
   * the same exchange, after its window, for the whole of {@code context} too ({@link
   * Slice#context()}): records not to be released but to judge the window's by. It costs each
   * hospital one more request; a hospital whose context fails fails as a whole.
   *
   * @param context what else to fetch, or null for nothing
   */
  public List<HospitalResult<Slice>> fetchWindows(
      PatientContext patient,
      List<HospitalTarget> targets,
      List<Window> windows,
      Query query,
      AnswerForm form,
      Query.Everything context) {
    Objects.requireNonNull(patient, "patient");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(form, "form");
    if (query instanceof Query.Demographics) {
      throw new IllegalArgumentException("demographics are not paged");
    }
    List<HospitalTarget> all = List.copyOf(targets);
    List<Window> each = List.copyOf(windows);
    if (each.size() != all.size()) {
      throw new IllegalArgumentException("one window per target");
    }
    java.util.Map<HospitalTarget, Window> byTarget = new java.util.IdentityHashMap<>();
    for (int i = 0; i < all.size(); i++) {
      byTarget.put(all.get(i), each.get(i));
    }
    return all(
        all,
        (target, deadline) ->
            askOne(
                target,
                patient,
                deadline,
                call -> call.fetch(query, form, byTarget.get(target), context)));
  }

  /** What is done for one hospital, in its own task, by its deadline. */
  @FunctionalInterface
  private interface PerHospital<T> {
    HospitalResult<T> run(HospitalTarget target, Deadline deadline);
  }

  /** Runs {@code each} for every target at once, and waits for them up to the overall deadline. */
  private <T> List<HospitalResult<T>> all(List<HospitalTarget> all, PerHospital<T> each) {
    long start = System.nanoTime();
    if (all.size() == 1) {
      // One hospital: no task to hand over to. Its own timeout, which covers the whole exchange,
      // ends before the overall deadline, so the caller's thread is as safe to use as a task.
      return List.of(each.run(all.get(0), Deadline.forHospital(settings, start)));
    }
    long waitUntil = start + settings.overallDeadline().toNanos() + MARGIN_NANOS;
    List<Future<HospitalResult<T>>> futures = new ArrayList<>(all.size());
    // The caller waits once for all of them (one wake-up), not for each in turn (up to one each).
    CountDownLatch left = new CountDownLatch(all.size());
    for (HospitalTarget target : all) {
      Deadline deadline = Deadline.forHospital(settings, start);
      futures.add(
          tasks.submit(() -> {
            try {
              return each.run(target, deadline);
            } finally {
              left.countDown();
            }
          }));
    }
    boolean interrupted = false;
    try {
      left.await(Math.max(0, waitUntil - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      interrupted = true;
    }
    List<HospitalResult<T>> results = new ArrayList<>(all.size());
    for (int i = 0; i < all.size(); i++) {
      Future<HospitalResult<T>> future = futures.get(i);
      HospitalResult<T> result = null;
      if (!interrupted) {
        try {
          // Done, or past the deadline: no wait but for a task between its count-down and return.
          result = future.get(left.getCount() == 0 ? 1 : 0, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          // handled below
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          result = unprocessable(all.get(i).code(), e.getCause());
        }
      }
      if (result == null) {
        future.cancel(true);
        result =
            new HospitalResult.Failed<>(
                all.get(i).code(),
                Failure.TIMEOUT,
                "no answer within the " + settings.overallDeadline().toMillis() + " ms deadline");
      }
      results.add(result);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return results;
  }

  /**
   * Reads one record by its hospital-local id, within the per-hospital timeout.
   *
   * @return the record, validated and rewritten, if it exists and is the linked patient's; empty if
   *     the person is not a patient there, the id is not a valid FHIR id, the record does not
   *     exist, or it is someone else's
   * @throws FanOutException if the hospital gave no usable answer (timeout, unavailable, invalid
   *     answer, refusal, open circuit)
   */
  public Optional<Resource> read(
      PatientContext patient, HospitalTarget target, RecordType type, String localId) {
    Objects.requireNonNull(patient, "patient");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(localId, "localId");
    Deadline deadline = Deadline.forHospital(settings, System.nanoTime());
    try {
      return guarded(target, patient, deadline, call -> call.read(type, localId));
    } catch (HospitalFailure f) {
      logFailure(target.code(), f);
      throw new FanOutException(target.code(), f.failure(), f.detail());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FanOutException(target.code(), Failure.TIMEOUT, "interrupted");
    }
  }

  /**
   * Closes every connection kept open to hospitals (one in use is closed when its exchange ends):
   * each was trusted at its handshake, which a revocation or a new pin must be able to undo.
   */
  public void dropConnections() {
    http.dropConnections();
  }

  /**
   * Opens a kept connection to each target by asking for its {@code metadata}, {@code parallel} at
   * a time, and waits until all have answered or failed (failures are ignored: a hospital that is
   * down is reported when a patient asks). For start-up: the first patient's answer otherwise pays
   * every hospital's handshake at once, which on a small machine with a cold JVM outlasts the
   * connect timeout for some of them. Not counted by the circuit breakers.
   */
  public void connect(List<HospitalTarget> targets, int parallel) throws InterruptedException {
    Semaphore places = new Semaphore(parallel);
    List<Future<?>> calls = new ArrayList<>(targets.size());
    for (HospitalTarget target : targets) {
      places.acquire();
      calls.add(
          tasks.submit(() -> {
            try {
              http.get(
                  new Urls(target.baseUrl()).metadata(),
                  Deadline.forHospital(settings, System.nanoTime()));
            } catch (HospitalFailure | RuntimeException e) {
              log.debug("hospital {}: no connection at start ({})", target.code(), e.toString());
            } finally {
              places.release();
            }
            return null;
          }));
    }
    for (Future<?> call : calls) {
      try {
        call.get();
      } catch (ExecutionException e) {
        // each call handles its own failure
      }
    }
  }

  /** Stops the HTTP client and any exchange still under way. */
  @Override
  public void close() {
    tasks.shutdownNow();
    http.close();
  }

  private <T> HospitalResult<T> fetchOne(
      HospitalTarget target,
      PatientContext patient,
      Query query,
      AnswerForm form,
      Deadline deadline,
      HospitalStep<T> step) {
    return askOne(
        target, patient, deadline, call -> step.apply(target.code(), call.fetch(query, form)));
  }

  private <T> HospitalResult<T> askOne(
      HospitalTarget target, PatientContext patient, Deadline deadline, Work<T> work) {
    try {
      return new HospitalResult.Answered<>(target.code(), guarded(target, patient, deadline, work));
    } catch (HospitalFailure f) {
      logFailure(target.code(), f);
      return new HospitalResult.Failed<>(target.code(), f.failure(), f.detail());
    } catch (InterruptedException e) {
      // fetch gave up on this hospital and has already reported it.
      return new HospitalResult.Failed<>(target.code(), Failure.TIMEOUT, deadline.expiredDetail());
    } catch (RuntimeException e) {
      return unprocessable(target.code(), e);
    }
  }

  /** The models of records released in {@link AnswerForm#HAPI}, which are all parsed. */
  private static List<Resource> models(String hospitalCode, List<ReleasedRecord> released) {
    List<Resource> models = new ArrayList<>(released.size());
    for (ReleasedRecord r : released) {
      models.add(((ReleasedRecord.Parsed) r).resource());
    }
    return models;
  }

  /**
   * Runs one hospital exchange under that hospital's circuit breaker, once one of its {@link
   * #MAX_IN_FLIGHT} places is free. Waiting for a place counts against the deadline, not against
   * the hospital.
   */
  private <T> T guarded(
      HospitalTarget target, PatientContext patient, Deadline deadline, Work<T> work)
      throws HospitalFailure, InterruptedException {
    Semaphore places =
        inFlight.computeIfAbsent(target.code(), code -> new Semaphore(MAX_IN_FLIGHT));
    if (!places.tryAcquire(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS)) {
      throw deadline.expired();
    }
    try {
      return breakerGuarded(target, patient, deadline, work);
    } finally {
      places.release();
    }
  }

  private <T> T breakerGuarded(
      HospitalTarget target, PatientContext patient, Deadline deadline, Work<T> work)
      throws HospitalFailure, InterruptedException {
    CircuitBreaker breaker = breakers.circuitBreaker(target.code());
    if (!breaker.tryAcquirePermission()) {
      throw new HospitalFailure(Failure.CIRCUIT_OPEN, "not called: failing repeatedly of late");
    }
    long start = System.nanoTime();
    Throwable failed = null;
    boolean judged = true;
    HospitalCall call = new HospitalCall(engine, target, patient, deadline);
    try {
      return work.run(call);
    } catch (HospitalFailure f) {
      if (f.failure() == Failure.TIMEOUT && System.nanoTime() - start < fairTrialNanos) {
        judged = false;
      } else {
        failed = f.countsAgainstHospital() ? f : null;
      }
      throw f;
    } catch (InterruptedException e) {
      judged = false;
      throw e;
    } catch (RuntimeException | Error e) {
      failed = e;
      throw e;
    } finally {
      // Always settled, or a half-open breaker would run out of trial permits for good.
      long elapsed = System.nanoTime() - start;
      if (!judged || (failed == null && !call.reachedHospital())) {
        breaker.releasePermission();
      } else if (failed == null) {
        breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
      } else {
        breaker.onError(elapsed, TimeUnit.NANOSECONDS, failed);
      }
    }
  }

  private static <T> HospitalResult<T> unprocessable(String code, Throwable e) {
    // The class name only: messages of parser and runtime exceptions may quote patient data.
    log.error("hospital {}: answer could not be processed ({})", code, e.getClass().getName());
    return new HospitalResult.Failed<>(
        code, Failure.INVALID_RESPONSE, "the answer could not be processed");
  }

  private static void logFailure(String code, HospitalFailure f) {
    log.info("hospital {}: {} ({})", code, f.failure(), f.detail());
  }
}
