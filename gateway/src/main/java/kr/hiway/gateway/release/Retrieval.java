package kr.hiway.gateway.release;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import kr.hiway.consent.decision.SensitivityClassifier;
import kr.hiway.consent.pseudonym.Pseudonymizer;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.gateway.fanout.AnswerForm;
import kr.hiway.gateway.fanout.FanOut;
import kr.hiway.gateway.fanout.HospitalResult;
import kr.hiway.gateway.fanout.HospitalTarget;
import kr.hiway.gateway.fanout.PatientContext;
import kr.hiway.gateway.fanout.Query;
import kr.hiway.gateway.fanout.Slice;
import kr.hiway.gateway.registry.Targets;
import kr.hiway.vocabulary.ErrorCode;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.stereotype.Component;

/**
 * A patient's records across the hospitals, for {@code $everything}, a type search or a later page
 * of either, once {@link Access} has granted the request. One request, step by step:
 *
 * <ol>
 *   <li><b>select hospitals</b> ({@link #selectHospitals}): the registry's, less those no consent
 *       covers for a third party (reported, not asked);
 *   <li><b>fetch</b> ({@link #fetch}): every selected hospital at once, each in its own task
 *       ({@link FanOut});
 *   <li><b>decide</b> ({@link ThirdPartyRelease}, {@code decide}): for a third party, each record
 *       on its own, in its hospital's task as soon as that hospital has answered;
 *   <li><b>pseudonymize</b> ({@link ThirdPartyRelease}, {@code pseudonymize}): for a research
 *       recipient, in the same task (and, for a JSON answer, the encoding too);
 *   <li><b>merge</b> ({@link Merged#merge}): the hospitals' parts in hospital order, each failure
 *       an issue of the outcome;
 *   <li><b>record</b> ({@link Disclosures#record}): the audit event and, for a third party, the
 *       ledger entries, before anything is released. The patient's own access record is opened
 *       ({@link Disclosures#open}) before the hospitals are asked and commits while they answer;
 *       this step waits for it and completes it;
 *   <li><b>answer</b>: by the caller, in the {@link AnswerForm} it asked for: a Bundle HAPI writes,
 *       or one the gateway writes around the records' JSON ({@code MergedBundle}, {@code
 *       PreEncodedResponses}).
 * </ol>
 *
 * <p>Thread-safe.
 */
@Component
public class Retrieval {

  /** The records fetched to classify a third party's release by, released or not. */
  private static final Set<RecordType> CLASSIFYING =
      Set.copyOf(EnumSet.of(RecordType.CONDITION, RecordType.ENCOUNTER));

  private final FanOut fanOut;
  private final Targets targets;
  private final PatientContexts patients;
  private final Disclosures disclosures;
  private final FhirContext fhir;
  private final SensitivityClassifier sensitivity = SensitivityClassifier.standard();
  private final Pseudonymizer pseudonymizer;

  Retrieval(
      FanOut fanOut,
      Targets targets,
      PatientContexts patients,
      Disclosures disclosures,
      FhirContext fhir,
      Pseudonymizer pseudonymizer) {
    this.fanOut = fanOut;
    this.targets = targets;
    this.patients = patients;
    this.disclosures = disclosures;
    this.fhir = fhir;
    this.pseudonymizer = pseudonymizer;
  }

  /**
   * Runs {@code q} and records what it releases; the records come in {@code form}.
   *
   * @throws GatewayException if no hospital could answer, or the disclosure could not be recorded
   *     (then nothing may be released)
   */
  public Merged run(Ask ask, Grant grant, PagedQuery q, AnswerForm form) {
    ResearchFilters.refuse(grant, q);
    Disclosures.Opened opened = disclosures.open(ask, grant);
    try {
      PatientContext patient = patients.of(q.patientId());
      OperationOutcome outcome = new OperationOutcome();
      List<HospitalTarget> asked = selectHospitals(q, grant, outcome);
      Merged merged =
          asked.isEmpty()
              ? notAsked(outcome)
              : Merged.merge(q, grant, outcome, fetch(patient, asked, q, grant, form));
      disclosures.record(ask, grant, merged, opened);
      return merged;
    } catch (RuntimeException e) {
      disclosures.abandon(opened, e);
      throw e;
    }
  }

  /**
   * One page of {@code q}'s answer, recorded as disclosed like {@link #run}. The merged order is
   * hospital order, then each hospital's own; a page takes {@code pageSize} results of it (fewer
   * records may come out: a hospital's Patient, a record withheld or dropped takes a place too).
   *
   * <p>The first page ({@code from} null) asks every selected hospital once, for its first {@code
   * pageSize} results, which also tells each one's total; it keeps the first {@code pageSize} in
   * merged order and leaves the rest to later pages. A later page asks only the hospitals whose
   * results it takes, each once, for exactly that stretch ({@code _offset}, {@code _count}). A
   * hospital that fails on a later page is reported and keeps its place, so nothing is skipped; one
   * that fails on the first page is reported and left out, as in an unpaged answer. A third party's
   * consents and the hospitals they cover are decided again on every page.
   *
   * <p>The total: for the patient's own answer, the hospitals' totals less their own Patient
   * entries (plus the composed Patient); for a third party only when the first page holds the whole
   * answer (then the records released), since a total counted before consent decisions would reveal
   * withheld records.
   *
   * @param from where the page starts, or null for the first page
   * @throws GatewayException as {@link #run}
   */
  public Page page(
      Ask ask, Grant grant, PagedQuery q, AnswerForm form, int pageSize, Continuation from) {
    ResearchFilters.refuse(grant, q);
    if (q.kind() == PagedQuery.Kind.DEMOGRAPHICS) {
      Merged merged = run(ask, grant, q, form);
      return new Page(merged, merged.patient() == null ? 0 : 1, null);
    }
    Disclosures.Opened opened = disclosures.open(ask, grant);
    try {
      return page(ask, grant, q, form, pageSize, from, opened);
    } catch (RuntimeException e) {
      disclosures.abandon(opened, e);
      throw e;
    }
  }

  private Page page(
      Ask ask,
      Grant grant,
      PagedQuery q,
      AnswerForm form,
      int pageSize,
      Continuation from,
      Disclosures.Opened opened) {
    PatientContext patient = patients.of(q.patientId());
    OperationOutcome outcome = new OperationOutcome();
    PagePlan plan =
        from == null
            ? PagePlan.first(
                selectHospitals(q, grant, outcome), pageSize, grant instanceof Grant.Consented)
            : PagePlan.next(from, targets, grant, outcome);
    if (plan.targets().isEmpty()) {
      Merged merged = pseudonymous(notAsked(outcome), grant, patient);
      disclosures.record(ask, grant, merged, opened);
      return new Page(merged, from == null ? 0 : from.total(), null);
    }
    AnswerForm fetched = grant instanceof Grant.Consented ? AnswerForm.HAPI : form;
    List<HospitalResult<Slice>> slices =
        fanOut.fetchWindows(
            patient,
            plan.targets(),
            plan.windows(),
            toFanOut(q, grant),
            fetched,
            classificationContext(q, grant));
    PagePlan.Cut cut = plan.cut(slices, release(patient, grant, q, form));
    Merged merged =
        pseudonymous(Merged.merge(q, grant, outcome, cut.parts(), from == null), grant, patient);
    disclosures.record(ask, grant, merged, opened);
    Continuation next = new Continuation(plan.pageSize(), null, cut.positions());
    Integer total;
    if (from != null) {
      total = from.total();
    } else if (grant instanceof Grant.Own) {
      total = cut.ownTotal() + (merged.patient() == null ? 0 : 1);
    } else {
      total = next.hasMore() ? null : merged.records().size();
    }
    next = new Continuation(plan.pageSize(), total, cut.positions());
    return new Page(merged, total, next.hasMore() ? next : null);
  }

  private PagePlan.Release release(
      PatientContext patient, Grant grant, PagedQuery q, AnswerForm form) {
    if (grant instanceof Grant.Consented c) {
      return thirdParty(c, patient, q, form)::apply;
    }
    return (code, page, all) -> Permitted.all(page);
  }

  private ThirdPartyRelease thirdParty(
      Grant.Consented c, PatientContext patient, PagedQuery q, AnswerForm form) {
    return new ThirdPartyRelease(
        c, Set.copyOf(q.types()), patient.nationalId(), form, fhir, sensitivity, pseudonymizer);
  }

  /**
   * A research answer names the patient only by the recipient's pseudonym, in its links too, so the
   * pseudonym is made even when no record carries it.
   */
  private Merged pseudonymous(Merged merged, Grant grant, PatientContext patient) {
    if (merged.pseudonym() != null
        || !(grant instanceof Grant.Consented c)
        || !ThirdPartyRelease.RESEARCH.contains(c.purpose())) {
      return merged;
    }
    return merged.withPseudonym(pseudonymizer.mappingOf(c.recipient(), patient.nationalId()));
  }

  /**
   * Whether records that are not released must be fetched to classify those that are: for a third
   * party some of whose consents leave a sensitive class unnamed. A note of a visit for an STI is
   * known as such only through the visit's Conditions and Encounter, which the recipient may not be
   * granted. The patient's own answer needs none.
   */
  private static boolean classified(Grant grant) {
    return grant instanceof Grant.Consented c && c.coverage().withholdsSomeClass();
  }

  /**
   * For a classified search, or a classified {@code $everything} since an instant, the Conditions
   * and Encounters asked besides, all of them: a note changed today may belong to a visit that was
   * not.
   */
  private static Query.Everything classificationContext(PagedQuery q, Grant grant) {
    boolean apart =
        q.kind() == PagedQuery.Kind.SEARCH
            || (q.kind() == PagedQuery.Kind.EVERYTHING && q.since() != null);
    return apart && classified(grant) ? new Query.Everything(CLASSIFYING, null) : null;
  }

  /**
   * The hospitals to ask: those of {@code q}'s sources (all, if it names none); for a third party,
   * only those its consents cover, the others reported in {@code outcome}.
   */
  private List<HospitalTarget> selectHospitals(
      PagedQuery q, Grant grant, OperationOutcome outcome) {
    List<HospitalTarget> asked = new ArrayList<>();
    for (HospitalTarget t : targets.all()) {
      if (!q.sources().isEmpty() && !q.sources().contains(t.code())) {
        continue;
      }
      if (grant instanceof Grant.Consented c && !c.coverage().covers(t.code())) {
        HospitalIssue.NOT_CONSENTED.addTo(outcome, t.code(), "not asked");
      } else {
        asked.add(t);
      }
    }
    return asked;
  }

  /** An answer with no hospital asked: only why, if there is a reason; else no answer at all. */
  private static Merged notAsked(OperationOutcome outcome) {
    if (!outcome.hasIssue()) {
      throw new GatewayException(
          ErrorCode.ALL_HOSPITALS_FAILED, "No hospital is available for this request.");
    }
    return Merged.notAsked(outcome);
  }

  /**
   * Asks the hospitals. A third party's records are decided (and pseudonymized) in each hospital's
   * task; the patient's own need nothing decided on their content, so for a JSON answer they go
   * from the hospital's bytes to the answer's without HAPI's model in between.
   */
  private List<HospitalResult<Permitted>> fetch(
      PatientContext patient,
      List<HospitalTarget> asked,
      PagedQuery q,
      Grant grant,
      AnswerForm form) {
    Query query = toFanOut(q, grant);
    if (grant instanceof Grant.Consented c) {
      ThirdPartyRelease release = thirdParty(c, patient, q, form);
      // Decisions and pseudonyms are made on models, which the release encodes for a JSON answer.
      return fanOut.fetch(patient, asked, query, AnswerForm.HAPI, release);
    }
    return fanOut.fetch(patient, asked, query, form, (code, records) -> Permitted.all(records));
  }

  /**
   * What the hospitals are asked. A classified {@code $everything} of the whole record asks for the
   * Conditions and Encounters too, in the same request; those not asked for are only judged by.
   */
  private static Query toFanOut(PagedQuery q, Grant grant) {
    return switch (q.kind()) {
      case EVERYTHING -> {
        Set<RecordType> types = recordTypes(q.types());
        if (classified(grant) && q.since() == null) {
          types.addAll(CLASSIFYING);
        }
        yield new Query.Everything(types, since(q.since()));
      }
      case SEARCH -> new Query.Search(recordTypes(q.types()).iterator().next(), q.params());
      case DEMOGRAPHICS -> new Query.Demographics();
      case AUDIT_EVENTS -> throw new IllegalArgumentException("audit events are the gateway's own");
    };
  }

  private static Set<RecordType> recordTypes(List<String> names) {
    Set<RecordType> types = EnumSet.noneOf(RecordType.class);
    for (String n : names) {
      RecordType.ofFhirType(n).ifPresent(types::add);
    }
    return types;
  }

  private static Instant since(String since) {
    return since == null ? null : Instant.parse(since);
  }
}
