package kr.hiway.consent.decision;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import kr.hiway.consent.model.ConsentStatus;
import kr.hiway.consent.model.ConsentTerms;
import kr.hiway.consent.model.PurposeOfUse;
import kr.hiway.consent.model.SensitiveClass;
import kr.hiway.consent.model.TimeRange;
import kr.hiway.vocabulary.RecordType;

/** Consent terms for decision tests: a typical insurer consent, changed one term at a time. */
final class ConsentTermsBuilder {

  static final String PATIENT = "pt-0a1b2c3d4e5f60718293a4b5";
  static final String RECIPIENT = "hanbit-insurance";
  static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

  private String id = "c-insurer";
  private int version = 1;
  private String patient = PATIENT;
  private ConsentStatus status = ConsentStatus.ACTIVE;
  private String recipient = RECIPIENT;
  private Set<PurposeOfUse> purposes = EnumSet.of(PurposeOfUse.HPAYMT);
  private Set<RecordType> types =
      EnumSet.of(RecordType.CONDITION, RecordType.MEDICATION_REQUEST, RecordType.ENCOUNTER);
  private Set<String> hospitals = Set.of("snuh", "pusan-nuh");
  private TimeRange dataPeriod = TimeRange.ofFhir("2020-01-01", null);
  private TimeRange validity = TimeRange.ofFhir("2025-05-01", "2026-04-30");
  private Set<SensitiveClass> classes = Set.of();

  static ConsentTermsBuilder consent() {
    return new ConsentTermsBuilder();
  }

  ConsentTermsBuilder id(String id) {
    this.id = id;
    return this;
  }

  ConsentTermsBuilder version(int version) {
    this.version = version;
    return this;
  }

  ConsentTermsBuilder patient(String patient) {
    this.patient = patient;
    return this;
  }

  ConsentTermsBuilder status(ConsentStatus status) {
    this.status = status;
    return this;
  }

  ConsentTermsBuilder recipient(String recipient) {
    this.recipient = recipient;
    return this;
  }

  ConsentTermsBuilder purposes(PurposeOfUse... purposes) {
    this.purposes = Set.of(purposes);
    return this;
  }

  ConsentTermsBuilder types(RecordType... types) {
    this.types = Set.of(types);
    return this;
  }

  ConsentTermsBuilder hospitals(String... hospitals) {
    this.hospitals = Set.of(hospitals);
    return this;
  }

  ConsentTermsBuilder dataPeriod(String start, String end) {
    this.dataPeriod = TimeRange.ofFhir(start, end);
    return this;
  }

  ConsentTermsBuilder validity(String start, String end) {
    this.validity = TimeRange.ofFhir(start, end);
    return this;
  }

  ConsentTermsBuilder naming(SensitiveClass... classes) {
    this.classes = Set.of(classes);
    return this;
  }

  ConsentTerms build() {
    return new ConsentTerms(
        id,
        version,
        patient,
        status,
        recipient,
        purposes,
        types,
        hospitals,
        dataPeriod,
        validity,
        classes,
        validity.start());
  }
}
