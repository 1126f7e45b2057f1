package kr.hiway.gateway.release;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.hiway.consent.decision.DataDates;
import kr.hiway.consent.decision.Decision;
import kr.hiway.consent.decision.SensitivityClassifier;
import kr.hiway.consent.model.PurposeOfUse;
import kr.hiway.consent.model.SensitiveClass;
import kr.hiway.consent.pseudonym.PseudonymizedRelease;
import kr.hiway.consent.pseudonym.Pseudonymizer;
import kr.hiway.gateway.fanout.AnswerForm;
import kr.hiway.gateway.fanout.HospitalStep;
import kr.hiway.gateway.fanout.ReleasedRecord;
import kr.hiway.gateway.ledger.ConsentLedger;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * A third party's release of one hospital's records, in that hospital's own task: each record is
 * {@linkplain #decide decided} on its own, what is permitted is {@linkplain #pseudonymize
 * pseudonymized} for a research recipient and, for an answer the gateway writes as JSON, encoded
 * there too. Each hospital's part is returned, never shared, and merged after the fan-out.
 *
 * <p>One per request. Thread-safe: the request's prepared decisions are, and nothing else changes.
 */
final class ThirdPartyRelease implements HospitalStep<Permitted> {

  /** Purposes whose releases are pseudonymized, whatever the recipient asks for. */
  static final Set<PurposeOfUse> RESEARCH = EnumSet.of(PurposeOfUse.HRESCH, PurposeOfUse.CLINTRCH);

  private final Grant.Consented grant;
  private final Set<String> asked;
  private final String nationalId;
  private final AnswerForm form;
  private final FhirContext fhir;
  private final SensitivityClassifier sensitivity;
  private final Pseudonymizer pseudonymizer;

  /**
   * @param asked the record types asked for: records of other types (fetched only to classify
   *     these) are neither released nor counted as withheld
   * @param nationalId the person's, for the pseudonyms of a research release
   * @param form the form of the answer the records go into
   */
  ThirdPartyRelease(
      Grant.Consented grant,
      Set<String> asked,
      String nationalId,
      AnswerForm form,
      FhirContext fhir,
      SensitivityClassifier sensitivity,
      Pseudonymizer pseudonymizer) {
    this.grant = grant;
    this.asked = Set.copyOf(asked);
    this.nationalId = nationalId;
    this.form = form;
    this.fhir = fhir;
    this.sensitivity = sensitivity;
    this.pseudonymizer = pseudonymizer;
  }

  @Override
  public Permitted apply(String hospitalCode, List<ReleasedRecord> released) {
    return apply(hospitalCode, released, List.of());
  }

  /**
   * As {@link #apply(String, List)} for a page: {@code released} is the page's stretch of the
   * hospital's answer, {@code context} the whole answer and what was fetched only to judge it (the
   * person's Conditions and Encounters there), so that a record is judged sensitive through a
   * record it is linked to even when that one falls on another page or is not released at all.
   */
  Permitted apply(
      String hospitalCode, List<ReleasedRecord> released, List<ReleasedRecord> context) {
    Decided decided = decide(hospitalCode, models(released), models(context));
    List<? extends Resource> records = decided.permitted();
    PseudonymizedRelease pseudonymized = null;
    if (RESEARCH.contains(grant.purpose()) && !records.isEmpty()) {
      pseudonymized = pseudonymize(records);
      records = pseudonymized.resources();
    }
    return new Permitted(
        inAnswerForm(records),
        decided.withheld(),
        decided.bases(),
        pseudonymized == null ? null : pseudonymized.mapping());
  }

  /** The records one hospital's decisions permitted, and what they left behind. */
  private record Decided(List<Resource> permitted, int withheld, Set<ConsentLedger.Basis> bases) {}

  /**
   * Decides each record on its own, its sensitive classes judged on the hospital's whole answer. A
   * third party gets records, never the hospital's demographics.
   */
  private Decided decide(String hospitalCode, List<Resource> released, List<Resource> context) {
    Map<String, Set<SensitiveClass>> classes = sensitivity.classify(released, context);
    List<Resource> permitted = new ArrayList<>(released.size());
    Set<ConsentLedger.Basis> bases = new HashSet<>();
    int withheld = 0;
    for (Resource r : released) {
      if (r instanceof Patient || !asked.contains(r.fhirType())) {
        continue;
      }
      RecordType kind = RecordType.ofFhirType(r.fhirType()).orElse(null);
      Decision decision =
          kind == null
              ? null
              : grant
                  .decisions()
                  .decide(
                      kind,
                      hospitalCode,
                      DataDates.of(r),
                      classes.getOrDefault(SensitivityClassifier.key(r), Set.of()));
      if (decision != null && decision.permitted() && decision.consentId() != null) {
        permitted.add(r);
        bases.add(new ConsentLedger.Basis(decision.consentId(), hospitalCode, r.fhirType()));
      } else {
        withheld++;
      }
    }
    return new Decided(permitted, withheld, bases);
  }

  /**
   * A research recipient's copy: pseudonyms in its own domain (its client id), stable for it and
   * unlinkable with any other recipient's; dates shifted by the person's offset for it and
   * hospitals pseudonymized for it ({@code docs/deidentification.md}), so that two recipients'
   * copies do not join. All of it is deterministic, so each hospital's part is made in its own task
   * and the parts (and pages) still agree.
   */
  private PseudonymizedRelease pseudonymize(List<? extends Resource> permitted) {
    return pseudonymizer.pseudonymize(grant.recipient(), nationalId, permitted);
  }

  /** For an answer written as JSON, each record encoded here rather than after the slowest. */
  private List<ReleasedRecord> inAnswerForm(List<? extends Resource> records) {
    List<ReleasedRecord> out = new ArrayList<>(records.size());
    IParser parser = form == AnswerForm.JSON ? fhir.newJsonParser() : null;
    for (Resource r : records) {
      out.add(parser == null ? new ReleasedRecord.Parsed(r) : ReleasedRecord.Encoded.of(parser, r));
    }
    return out;
  }

  /** The models of records fetched for a HAPI answer, which are all parsed; a view, not a copy. */
  private static List<Resource> models(List<ReleasedRecord> released) {
    return new AbstractList<>() {
      @Override
      public Resource get(int index) {
        return ((ReleasedRecord.Parsed) released.get(index)).resource();
      }

      @Override
      public int size() {
        return released.size();
      }
    };
  }
}
