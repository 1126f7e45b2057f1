package kr.hiway.gateway.release;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import kr.hiway.consent.decision.DataDates;
import kr.hiway.consent.decision.Decision;
import kr.hiway.consent.decision.SensitivityClassifier;
import kr.hiway.consent.model.PurposeOfUse;
import kr.hiway.consent.model.SensitiveClass;
import kr.hiway.consent.pseudonym.PseudonymMapping;
import kr.hiway.consent.pseudonym.PseudonymizedRelease;
import kr.hiway.consent.pseudonym.Pseudonymizer;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.gateway.fanout.FanOut;
import kr.hiway.gateway.fanout.GlobalIds;
import kr.hiway.gateway.fanout.HospitalResult;
import kr.hiway.gateway.fanout.HospitalTarget;
import kr.hiway.gateway.fanout.PatientContext;
import kr.hiway.gateway.fanout.Query;
import kr.hiway.gateway.ledger.ConsentLedger;
import kr.hiway.gateway.registry.Targets;
import kr.hiway.vocabulary.ErrorCode;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * Runs a {@link PagedQuery} against the hospitals and merges the answers. A hospital that fails is
 * reported in the outcome; if every hospital asked fails, nothing is answered at all (503, or 504
 * when they all timed out) rather than an empty result that would read as "no records".
 *
 * <p>For a third party, hospitals outside the consents are not called at all (they are reported as
 * not consented), and every record that comes back is decided on its own, in its hospital's task,
 * before anything else is done with it.
 */
@Component
public class Retrieval {

  private final FanOut fanOut;
  private final Targets targets;
  private final PatientContexts patients;
  private final FhirContext fhir;
  private final SensitivityClassifier sensitivity = SensitivityClassifier.standard();
  private final Pseudonymizer pseudonymizer;

  /** Purposes whose releases are pseudonymized, whatever the recipient asks for. */
  static final Set<PurposeOfUse> RESEARCH = EnumSet.of(PurposeOfUse.HRESCH, PurposeOfUse.CLINTRCH);

  Retrieval(
      FanOut fanOut,
      Targets targets,
      PatientContexts patients,
      FhirContext fhir,
      Pseudonymizer pseudonymizer) {
    this.pseudonymizer = pseudonymizer;
    this.fanOut = fanOut;
    this.targets = targets;
    this.patients = patients;
    this.fhir = fhir;
  }

  /**
   * @param json whether the answer is written as plain JSON ({@link
   *     PreEncodedResponses#writesAhead}): then the patient's own records come as encoded
   *     stand-ins, their JSON rewritten straight from the hospitals'
   */
  public Merged run(PagedQuery q, Grant grant, boolean json) {
    PatientContext patient = patients.of(q.patientId());
    OperationOutcome outcome = new OperationOutcome();
    List<HospitalTarget> asked = new ArrayList<>();
    for (HospitalTarget t : select(q.sources())) {
      if (grant instanceof Grant.Consented c && !c.coverage().covers(t.code())) {
        addIssue(outcome, t.code(), HospitalIssue.NOT_CONSENTED, "not asked");
      } else {
        asked.add(t);
      }
    }
    if (asked.isEmpty()) {
      if (outcome.hasIssue()) {
        return new Merged(List.of(), null, outcome, Set.of(), 0);
      }
      throw new GatewayException(
          ErrorCode.ALL_HOSPITALS_FAILED, "No hospital is available for this request.");
    }
    AtomicInteger withheld = new AtomicInteger();
    Set<ConsentLedger.Basis> bases = ConcurrentHashMap.newKeySet();
    AtomicReference<PseudonymMapping> mapping = new AtomicReference<>();
    // The patient's own records need nothing decided on their content: as JSON, they go from
    // the hospital's bytes to the answer's without HAPI's model in between.
    boolean encoded =
        json && grant instanceof Grant.Own && q.kind() != PagedQuery.Kind.DEMOGRAPHICS;
    UnaryOperator<List<Resource>> finisher =
        encoded ? UnaryOperator.identity() : finisher(q, grant, withheld, bases, mapping, patient);
    List<HospitalResult> results = fanOut.fetch(patient, asked, toFanOut(q), encoded, finisher);
    List<Resource> records = new ArrayList<>();
    List<Patient> demographics = new ArrayList<>();
    Set<String> released = new TreeSet<>();
    int failed = 0;
    int timedOut = 0;
    for (HospitalResult result : results) {
      switch (result) {
        case HospitalResult.Answered a -> {
          for (Resource r : a.resources()) {
            if (r instanceof Patient p) {
              demographics.add(p);
            } else {
              records.add(r);
              released.add(a.hospitalCode());
            }
          }
        }
        case HospitalResult.Failed f -> {
          failed++;
          HospitalIssue issue = HospitalIssue.of(f.failure());
          if (issue == HospitalIssue.TIMEOUT) {
            timedOut++;
          }
          addIssue(outcome, f.hospitalCode(), issue, f.detail());
        }
      }
    }
    if (failed == results.size()) {
      throw failed == timedOut
          ? new GatewayException(ErrorCode.ALL_HOSPITALS_TIMED_OUT, "No hospital answered in time.")
          : new GatewayException(ErrorCode.ALL_HOSPITALS_FAILED, "No hospital could answer.");
    }
    Patient composed =
        q.withPatient() && grant instanceof Grant.Own
            ? PatientComposer.compose(q.patientId(), demographics)
            : null;
    // Only what is released counts: a hospital's task may have decided its records and still
    // been dropped (timed out at the deadline, or failed after deciding).
    Set<ConsentLedger.Basis> releasedBases = new HashSet<>();
    for (ConsentLedger.Basis b : bases) {
      if (released.contains(b.hospital())) {
        releasedBases.add(b);
      }
    }
    // Set by any hospital's task that pseudonymized something; the same for all of them.
    PseudonymMapping pseudonym = records.isEmpty() ? null : mapping.get();
    return new Merged(
        records,
        composed,
        outcome.hasIssue() ? outcome : null,
        released,
        withheld.get(),
        releasedBases,
        pseudonym);
  }

  /**
   * What each hospital's released records go through in that hospital's own task: the consent
   * decisions for a third party, then encoding (demographics become one composed Patient, so
   * encoding the hospitals' copies would be waste).
   */
  private UnaryOperator<List<Resource>> finisher(
      PagedQuery q,
      Grant grant,
      AtomicInteger withheld,
      Set<ConsentLedger.Basis> bases,
      AtomicReference<PseudonymMapping> mapping,
      PatientContext patient) {
    boolean encode = q.kind() != PagedQuery.Kind.DEMOGRAPHICS;
    if (!(grant instanceof Grant.Consented consented)) {
      return encode ? released -> PreEncoded.encode(fhir, released) : UnaryOperator.identity();
    }
    // A research recipient gets pseudonyms in its own domain (its client id): stable for it,
    // unlinkable with any other recipient's. Pseudonyms are deterministic, so each hospital's
    // part can be done in its own task and the parts still agree.
    boolean research = RESEARCH.contains(consented.purpose());
    return released -> {
      List<Resource> permitted = decide(consented, released, withheld, bases);
      if (research && !permitted.isEmpty()) {
        PseudonymizedRelease release =
            pseudonymizer.pseudonymize(consented.recipient(), patient.nationalId(), permitted);
        mapping.set(release.mapping());
        permitted = new ArrayList<>(release.resources());
      }
      return encode ? PreEncoded.encode(fhir, permitted) : permitted;
    };
  }

  private List<Resource> decide(
      Grant.Consented grant,
      List<Resource> released,
      AtomicInteger withheld,
      Set<ConsentLedger.Basis> bases) {
    Map<String, Set<SensitiveClass>> classes = sensitivity.classify(released);
    List<Resource> permitted = new ArrayList<>(released.size());
    for (Resource r : released) {
      if (r instanceof Patient) {
        continue; // a third party gets records, not the hospital's demographics
      }
      RecordType kind = RecordType.ofFhirType(r.fhirType()).orElse(null);
      String hospital = hospitalOf(r);
      Decision decision =
          kind == null || hospital == null
              ? null
              : grant
                  .decisions()
                  .decide(
                      kind,
                      hospital,
                      DataDates.of(r),
                      classes.getOrDefault(SensitivityClassifier.key(r), Set.of()));
      if (decision != null && decision.permitted() && decision.consentId() != null) {
        permitted.add(r);
        bases.add(new ConsentLedger.Basis(decision.consentId(), hospital, r.fhirType()));
      } else {
        withheld.incrementAndGet();
      }
    }
    return permitted;
  }

  private static String hospitalOf(Resource r) {
    String source = r.getMeta().getSource();
    return GlobalIds.hospitalOfSource(source);
  }

  private List<HospitalTarget> select(Set<String> sources) {
    if (sources.isEmpty()) {
      return targets.all();
    }
    return targets.all().stream().filter(t -> sources.contains(t.code())).toList();
  }

  private static Query toFanOut(PagedQuery q) {
    return switch (q.kind()) {
      case EVERYTHING -> new Query.Everything(recordTypes(q.types()), since(q.since()));
      case SEARCH -> new Query.Search(recordTypes(q.types()).iterator().next(), q.params());
      case DEMOGRAPHICS -> new Query.Demographics();
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

  private static void addIssue(
      OperationOutcome outcome, String hospital, HospitalIssue issue, String detail) {
    outcome
        .addIssue()
        .setSeverity(IssueSeverity.WARNING)
        .setCode(issue.type())
        .setDetails(
            new CodeableConcept(new Coding(ErrorCode.SYSTEM, issue.code(), null)).setText(hospital))
        .setDiagnostics("Hospital " + hospital + " " + issue.phrase() + ": " + detail);
  }
}
