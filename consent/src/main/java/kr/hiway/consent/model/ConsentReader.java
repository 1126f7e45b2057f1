package kr.hiway.consent.model;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Period;

/**
 * Reads the top level of a Consent into a grant, collecting every problem rather than stopping at
 * the first, so that a client can fix them all at once. The provision is read by {@link
 * ProvisionReader}. Not thread-safe; one per parse.
 */
final class ConsentReader {

  /** The longest a consent may run; the patient renews it after that. */
  static final int MAX_YEARS = 5;

  static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
  private static final Pattern PATIENT = Pattern.compile("Patient/([A-Za-z0-9\\-.]{1,64})");

  /** Submitted consents are held to today's rules; stored ones only to their structure. */
  enum Mode {
    SUBMITTED,
    STORED
  }

  private final Problems problems;
  private final Mode mode;
  private final Instant now;

  ConsentReader(Problems problems, Mode mode, Instant now) {
    this.problems = problems;
    this.mode = mode;
    this.now = now;
  }

  /** The grant, or null when a problem was found. */
  ConsentGrant read(Consent c) {
    if (c.hasModifierExtension()) {
      problems.add("Consent.modifierExtension", "modifier extensions are not understood here");
    }
    readStatus(c);
    if (!hasCoding(
        List.of(c.getScope()), ConsentCodes.CONSENT_SCOPE, ConsentCodes.PATIENT_PRIVACY)) {
      problems.add(
          "Consent.scope",
          "must be " + ConsentCodes.PATIENT_PRIVACY + " (" + ConsentCodes.CONSENT_SCOPE + ")");
    }
    if (!hasCoding(c.getCategory(), ConsentCodes.LOINC, ConsentCodes.PATIENT_CONSENT_LOINC)
        && !hasCoding(c.getCategory(), ConsentCodes.ACT_CODE, ConsentCodes.INFORMATION_ACCESS)) {
      problems.add(
          "Consent.category",
          "must include LOINC " + ConsentCodes.PATIENT_CONSENT_LOINC + " or v3-ActCode INFA");
    }
    String patientId = readPatient(c);
    if (c.hasPolicyRule()
        && !hasCoding(List.of(c.getPolicyRule()), ConsentCodes.ACT_CODE, ConsentCodes.OPT_IN)) {
      problems.add("Consent.policyRule", "when given, must be v3-ActCode OPTIN");
    }
    if (!c.hasProvision()) {
      problems.add("Consent.provision", "required: one provision of type permit");
      return null;
    }
    ProvisionReader.Terms terms = new ProvisionReader(problems).read(c.getProvision());
    TimeRange validity = readValidity(c.getProvision().getPeriod());
    if (!problems.isEmpty()) {
      return null;
    }
    return new ConsentGrant(
        patientId,
        terms.recipient(),
        terms.purposes(),
        terms.types(),
        terms.custodians(),
        terms.dataPeriod(),
        validity,
        terms.labels());
  }

  private void readStatus(Consent c) {
    String status = c.getStatusElement().getValueAsString();
    if (status == null) {
      problems.add("Consent.status", "required");
    } else if (mode == Mode.SUBMITTED && !status.equals(ConsentStatus.ACTIVE.code())) {
      problems.add(
          "Consent.status",
          "must be active: the gateway stores only active consents, and revokes one by writing"
              + " its next version as inactive");
    } else if (ConsentStatus.ofCode(status).isEmpty()) {
      problems.add("Consent.status", "unknown status " + Problems.shown(status));
    }
  }

  private String readPatient(Consent c) {
    String ref = c.getPatient().getReference();
    if (ref == null) {
      problems.add(
          "Consent.patient", "required: the patient the consent is about, as Patient/{id}");
      return null;
    }
    var m = PATIENT.matcher(ref);
    if (!m.matches()) {
      problems.add("Consent.patient.reference", "must be Patient/{id} with the gateway patient id");
      return null;
    }
    return m.group(1);
  }

  /** The consent's own validity: both ends required, at most five years, not yet over. */
  private TimeRange readValidity(Period p) {
    TimeRange start =
        time(p.getStartElement().getValueAsString(), "Consent.provision.period.start");
    TimeRange end = time(p.getEndElement().getValueAsString(), "Consent.provision.period.end");
    if (start == null || end == null) {
      return null;
    }
    if (!start.start().isBefore(end.end())) {
      problems.add("Consent.provision.period.end", "must not be before the start");
      return null;
    }
    TimeRange validity = new TimeRange(start.start(), end.end());
    if (mode == Mode.SUBMITTED) {
      Instant limit = start.start().atOffset(FhirTimes.KST).plusYears(MAX_YEARS).toInstant();
      if (validity.end().isAfter(limit)) {
        problems.add(
            "Consent.provision.period.end",
            "a consent may last at most " + MAX_YEARS + " years from its start");
      }
      if (!validity.end().isAfter(now)) {
        problems.add("Consent.provision.period.end", "has already passed");
      }
    }
    return validity;
  }

  private TimeRange time(String text, String field) {
    if (text == null) {
      problems.add(field, "required: a third-party consent has a start and an end");
      return null;
    }
    try {
      return FhirTimes.parse(text);
    } catch (IllegalArgumentException e) {
      problems.add(field, e.getMessage());
      return null;
    }
  }

  static boolean hasCoding(List<CodeableConcept> concepts, String system, String code) {
    for (CodeableConcept concept : concepts) {
      for (Coding coding : concept.getCoding()) {
        if (system.equals(coding.getSystem()) && code.equals(coding.getCode())) {
          return true;
        }
      }
    }
    return false;
  }
}
