package kr.hiway.consent.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import kr.hiway.vocabulary.RecordType;

/**
 * What a patient grants one recipient: a valid submitted Consent, before the gateway gives it an id
 * and a version ({@link ConsentTerms} is the stored form).
 *
 * <p>Immutable and thread-safe. No component is null; the sets are unmodifiable copies.
 *
 * @param patientId the gateway patient id the consent is about ({@code Consent.patient})
 * @param recipient the third party's OAuth client id (the IRCP actor)
 * @param purposes the purposes granted, at least one
 * @param resourceTypes the record kinds granted, at least one
 * @param custodians the hospital codes granted (CST actors); empty means every hospital
 * @param dataPeriod which records by their clinical date; {@link TimeRange#ALWAYS} for all
 * @param validity when the consent itself holds; both ends set
 * @param sensitiveClassesAllowed the sensitive classes named explicitly; empty grants none
 */
public record ConsentGrant(
    String patientId,
    String recipient,
    Set<PurposeOfUse> purposes,
    Set<RecordType> resourceTypes,
    Set<String> custodians,
    TimeRange dataPeriod,
    TimeRange validity,
    Set<SensitiveClass> sensitiveClassesAllowed) {

  public ConsentGrant {
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(recipient, "recipient");
    purposes = Set.copyOf(purposes);
    resourceTypes = Set.copyOf(resourceTypes);
    custodians = Set.copyOf(custodians);
    Objects.requireNonNull(dataPeriod, "dataPeriod");
    Objects.requireNonNull(validity, "validity");
    sensitiveClassesAllowed = Set.copyOf(sensitiveClassesAllowed);
    if (purposes.isEmpty() || resourceTypes.isEmpty()) {
      throw new IllegalArgumentException("a grant names at least one purpose and one type");
    }
    if (validity.start() == null || validity.end() == null) {
      throw new IllegalArgumentException("a grant's validity has a start and an end");
    }
  }

  /** Whether the grant covers every hospital (no custodian named). */
  public boolean allHospitals() {
    return custodians.isEmpty();
  }

  /**
   * The stored form of this grant: version {@code version} with that status, made at {@code at}.
   */
  public ConsentTerms toTerms(String id, int version, ConsentStatus status, Instant createdAt) {
    return new ConsentTerms(
        id,
        version,
        patientId,
        status,
        recipient,
        purposes,
        resourceTypes,
        custodians,
        dataPeriod,
        validity,
        sensitiveClassesAllowed,
        createdAt);
  }
}
