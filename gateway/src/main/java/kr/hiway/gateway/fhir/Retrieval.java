package kr.hiway.gateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import kr.hiway.adapter.source.RecordType;
import kr.hiway.gateway.fanout.FanOut;
import kr.hiway.gateway.fanout.HospitalResult;
import kr.hiway.gateway.fanout.HospitalTarget;
import kr.hiway.gateway.fanout.PatientContext;
import kr.hiway.gateway.fanout.Query;
import kr.hiway.gateway.registry.Targets;
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
 */
@Component
class Retrieval {

  private final FanOut fanOut;
  private final Targets targets;
  private final PatientContexts patients;
  private final FhirContext fhir;

  Retrieval(FanOut fanOut, Targets targets, PatientContexts patients, FhirContext fhir) {
    this.fhir = fhir;
    this.fanOut = fanOut;
    this.targets = targets;
    this.patients = patients;
  }

  Merged run(PagedQuery q) {
    PatientContext patient = patients.of(q.patientId());
    List<HospitalTarget> asked = select(q.sources());
    if (asked.isEmpty()) {
      throw new GatewayException(
          GatewayError.ALL_HOSPITALS_FAILED, "No hospital is available for this request.");
    }
    // Demographics become one composed Patient, so encoding the hospitals' copies would be waste.
    UnaryOperator<List<Resource>> finisher =
        q.kind() == PagedQuery.Kind.DEMOGRAPHICS
            ? UnaryOperator.identity()
            : released -> PreEncoded.encode(fhir, released);
    List<HospitalResult> results = fanOut.fetch(patient, asked, toFanOut(q), finisher);
    List<Resource> records = new ArrayList<>();
    List<Patient> demographics = new ArrayList<>();
    OperationOutcome outcome = new OperationOutcome();
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
          ? new GatewayException(
              GatewayError.ALL_HOSPITALS_TIMED_OUT, "No hospital answered in time.")
          : new GatewayException(GatewayError.ALL_HOSPITALS_FAILED, "No hospital could answer.");
    }
    Patient composed =
        q.withPatient() ? PatientComposer.compose(q.patientId(), demographics) : null;
    return new Merged(records, composed, outcome.hasIssue() ? outcome : null);
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
            new CodeableConcept(new Coding(GatewayError.SYSTEM, issue.code(), null))
                .setText(hospital))
        .setDiagnostics("Hospital " + hospital + " " + issue.phrase() + ": " + detail);
  }
}
