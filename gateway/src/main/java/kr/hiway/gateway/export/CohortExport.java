package kr.hiway.gateway.export;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import kr.hiway.consent.pseudonym.Pseudonymizer;
import kr.hiway.consent.store.ConsentStore;
import kr.hiway.gateway.audit.AuditAction;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.gateway.fanout.AnswerForm;
import kr.hiway.gateway.fanout.FanOutSettings;
import kr.hiway.gateway.fanout.ReleasedRecord;
import kr.hiway.gateway.release.Access;
import kr.hiway.gateway.release.Ask;
import kr.hiway.gateway.release.Grant;
import kr.hiway.gateway.release.Merged;
import kr.hiway.gateway.release.PagedQuery;
import kr.hiway.gateway.release.PatientContexts;
import kr.hiway.gateway.release.Retrieval;
import kr.hiway.gateway.security.Caller;
import kr.hiway.gateway.security.SmartScopes.Permission;
import kr.hiway.vocabulary.ErrorCode;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs a cohort export on a virtual thread of the instance that took its kick-off:
 *
 * <ol>
 *   <li>the cohort: every patient with a consent to the recipient in force now;
 *   <li>per person, the research release as a {@code $everything} of the asked types ({@link
 *       Retrieval#run}): the same consent decisions, sensitivity withholding, pseudonymization,
 *       audit event and ledger entries as the recipient's own {@code $everything} of that person;
 *       the records are stored as the person's parts of the output at once;
 *   <li>per person, the released Patient ({@link ReleasedPatients}), kept until the assessment;
 *   <li>the risk over the whole cohort ({@link KAnonymity}): persons below k are suppressed, the
 *       birth year generalized as chosen, the Patients stored;
 *   <li>released ({@link ExportRecords#released}) or, when reaching k suppressed more than allowed,
 *       left awaiting a reviewer.
 * </ol>
 *
 * Thread-safe.
 */
@Component
class CohortExport {

  private static final Logger log = LoggerFactory.getLogger(CohortExport.class);
  private static final int ATTEMPTS = 3;

  private final ExportJobs jobs;
  private final ConsentStore consents;
  private final Access access;
  private final Retrieval retrieval;
  private final PatientContexts contexts;
  private final ReleasedPatients patients;
  private final ExportRecords records;
  private final ExportProperties props;
  private final int k;
  private final FhirContext fhir;
  private final Clock clock;

  CohortExport(
      ExportJobs jobs,
      ConsentStore consents,
      Access access,
      Retrieval retrieval,
      PatientContexts contexts,
      ReleasedPatients patients,
      ExportRecords records,
      ExportProperties props,
      Pseudonymizer pseudonymizer,
      FhirContext fhir,
      Clock clock) {
    this.jobs = jobs;
    this.consents = consents;
    this.access = access;
    this.retrieval = retrieval;
    this.contexts = contexts;
    this.patients = patients;
    this.records = records;
    this.props = props;
    // The profile's k unless the deployment asks for more (or less) in hiway.export.k.
    this.k = props.k() != null ? props.k() : pseudonymizer.policy().k();
    this.fhir = fhir;
    this.clock = clock;
  }

  /**
   * Starts the caller's export of its cohort and returns the job's id at once.
   *
   * @throws GatewayException HIW-G054 if the caller has an export running
   */
  String start(Caller caller, ExportRequest request) {
    String id = UUID.randomUUID().toString();
    if (!jobs.create(id, caller.clientId(), request.url(), request.types(), props.expiry())) {
      throw new GatewayException(
              ErrorCode.EXPORT_RUNNING,
              "An export of this recipient is running; poll it, or try again later.")
          .retryAfter(props.retryAfter());
    }
    Thread.ofVirtual().name("cohort-export-" + id).start(() -> run(id, caller, request));
    return id;
  }

  private void run(String id, Caller caller, ExportRequest request) {
    try {
      List<String> cohort = consents.patientsWithActive(caller.clientId(), clock.instant());
      jobs.progress(id, cohort.size(), 0);
      List<ExportedPerson> people = retrieveAll(id, caller, request, cohort);
      assessAndRelease(id, caller, request, people);
    } catch (RuntimeException e) {
      String why =
          e instanceof GatewayException g
              ? g.error().code() + " " + g.getMessage()
              : "the export failed; the operators have been told";
      if (!(e instanceof GatewayException)) {
        log.error("cohort export {} failed", id, e);
      }
      jobs.dropParts(id);
      jobs.move(id, ExportState.IN_PROGRESS, ExportState.FAILED, null, null, why);
    }
  }

  private List<ExportedPerson> retrieveAll(
      String id, Caller caller, ExportRequest request, List<String> cohort) {
    Ask ask = new Ask(caller, AuditAction.OPERATION, request.url());
    AtomicInteger done = new AtomicInteger();
    Semaphore slots = new Semaphore(props.parallel());
    List<Future<Optional<ExportedPerson>>> futures = new ArrayList<>(cohort.size());
    try (ExecutorService tasks = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < cohort.size(); i++) {
        int seq = i;
        String patientId = cohort.get(i);
        futures.add(
            tasks.submit(() -> {
              slots.acquire();
              try {
                return person(id, ask, request, seq, patientId);
              } finally {
                slots.release();
                int n = done.incrementAndGet();
                if (n % 25 == 0 || n == cohort.size()) {
                  jobs.progress(id, cohort.size(), n);
                }
              }
            }));
      }
      List<ExportedPerson> out = new ArrayList<>();
      for (Future<Optional<ExportedPerson>> f : futures) {
        f.get().ifPresent(out::add);
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  /**
   * One person: nothing if no consent covers the request any more (withdrawn since the cohort was
   * read; the refusal is audited) or nothing is released.
   */
  private Optional<ExportedPerson> person(
      String id, Ask ask, ExportRequest request, int seq, String patientId) {
    Grant grant;
    try {
      grant = access.grant(ask, patientId, request.recordTypes(), Permission.READ);
    } catch (GatewayException e) {
      return Optional.empty();
    }
    Merged merged =
        retrieved(
            ask, grant, PagedQuery.everything(patientId, request.recordTypes(), request.since()));
    if (merged.records().isEmpty() || !(grant instanceof Grant.Consented c)) {
      return Optional.empty();
    }
    Optional<Patient> patient =
        patients.of(c.recipient(), contexts.of(patientId), merged.hospitals());
    if (patient.isEmpty()) {
      return Optional.empty(); // no Patient to measure the risk on: nothing of the person leaves
    }
    IParser parser = fhir.newJsonParser();
    Map<String, StringBuilder> lines = new TreeMap<>();
    Map<String, Integer> counts = new TreeMap<>();
    for (ReleasedRecord r : merged.records()) {
      ReleasedRecord.Parsed parsed = (ReleasedRecord.Parsed) r;
      lines
          .computeIfAbsent(r.type(), t -> new StringBuilder())
          .append(parser.encodeResourceToString(parsed.resource()))
          .append('\n');
      counts.merge(r.type(), 1, Integer::sum);
    }
    lines.forEach((type, text) -> jobs.addPart(id, seq, type, text.toString(), counts.get(type)));
    return Optional.of(new ExportedPerson(seq, patient.get(), counts));
  }

  /**
   * The person's release; when no hospital could answer (a breaker open after a burst of the
   * export's own requests), asked again once the breaker may have closed, up to {@link #ATTEMPTS}
   * times. A person left out for a failure would bias the cohort silently, so the export fails
   * rather than skip them.
   */
  private Merged retrieved(Ask ask, Grant grant, PagedQuery query) {
    for (int attempt = 1; ; attempt++) {
      try {
        return retrieval.run(ask, grant, query, AnswerForm.HAPI);
      } catch (GatewayException e) {
        boolean hospitals =
            e.error() == ErrorCode.ALL_HOSPITALS_FAILED
                || e.error() == ErrorCode.ALL_HOSPITALS_TIMED_OUT;
        if (!hospitals || attempt == ATTEMPTS) {
          throw e;
        }
        try {
          Thread.sleep(FanOutSettings.BREAKER_OPEN.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private void assessAndRelease(
      String id, Caller caller, ExportRequest request, List<ExportedPerson> people) {
    List<QuasiIdentifiers> qis =
        people.stream().map(p -> ReleasedPatients.quasiIdentifiers(p.patient())).toList();
    KAnonymity.Assessment a = KAnonymity.assess(qis, k, props.maxSuppressedShare());
    BitSet suppressed = a.suppressed();
    List<Integer> suppressedSeqs = new ArrayList<>();
    IParser parser = fhir.newJsonParser();
    for (int i = 0; i < people.size(); i++) {
      ExportedPerson p = people.get(i);
      if (suppressed.get(i)) {
        suppressedSeqs.add(p.seq());
        continue;
      }
      if (request.types().contains(ExportRequest.PATIENT)) {
        Patient g = ReleasedPatients.generalized(p.patient(), a.report().generalization());
        jobs.addPart(
            id, p.seq(), ExportRequest.PATIENT, parser.encodeResourceToString(g) + "\n", 1);
      }
    }
    Collections.sort(suppressedSeqs);
    jobs.suppress(id, suppressedSeqs);
    RiskReport report = a.report().withSuppressedResources(jobs.suppressedResources(id));
    String risk = RiskReports.json(report);
    if (report.reviewRequired()) {
      jobs.move(id, ExportState.IN_PROGRESS, ExportState.AWAITING_REVIEW, risk, null, null);
      records.awaitingReview(id, caller.clientId(), risk);
      return;
    }
    records.released(id, caller.clientId(), risk, jobs.counts(id), null);
    jobs.move(id, ExportState.IN_PROGRESS, ExportState.COMPLETE, risk, null, null);
  }
}
