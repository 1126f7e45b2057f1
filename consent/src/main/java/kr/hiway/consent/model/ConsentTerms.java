package kr.hiway.consent.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import kr.hiway.vocabulary.RecordType;

/**
 * One stored version of a patient's consent: what it grants to whom, and its status.
 *
 * <p>Versions are immutable: a revocation is the next version with status {@link
 * ConsentStatus#INACTIVE} and otherwise the same terms ({@link #revokedAt}). {@code createdAt} is
 * when this version was written, by the gateway's clock; a client cannot backdate it.
 *
 * <p>Immutable and thread-safe. No component is null; the sets are unmodifiable copies.
 *
 * @param id the consent's logical id, the same for all its versions
 * @param version 1 for the first version, then one more for each
 * @param custodians the hospital codes covered; empty means every hospital
 * @param dataPeriod which records by their clinical date; {@link TimeRange#ALWAYS} for all
 * @param validity when the consent holds; both ends set
 * @see ConsentGrant for the other components
 */
public record ConsentTerms(
    String id,
    int version,
    String patientId,
    ConsentStatus status,
    String recipient,
    Set<PurposeOfUse> purposes,
    Set<RecordType> resourceTypes,
    Set<String> custodians,
    TimeRange dataPeriod,
    TimeRange validity,
    Set<SensitiveClass> sensitiveClassesAllowed,
    Instant createdAt) {

  public ConsentTerms {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    if (version < 1) {
      throw new IllegalArgumentException("versions start at 1");
    }
    // Reuses the grant's checks, so that stored terms obey the same rules as submitted ones.
    new ConsentGrant(
        patientId,
        recipient,
        purposes,
        resourceTypes,
        custodians,
        dataPeriod,
        validity,
        sensitiveClassesAllowed);
    purposes = Set.copyOf(purposes);
    resourceTypes = Set.copyOf(resourceTypes);
    custodians = Set.copyOf(custodians);
    sensitiveClassesAllowed = Set.copyOf(sensitiveClassesAllowed);
  }

  /** The terms granted, without identity or status. */
  public ConsentGrant grant() {
    return new ConsentGrant(
        patientId,
        recipient,
        purposes,
        resourceTypes,
        custodians,
        dataPeriod,
        validity,
        sensitiveClassesAllowed);
  }

  /** Whether the consent covers every hospital (no custodian named). */
  public boolean allHospitals() {
    return custodians.isEmpty();
  }

  /** Whether this version is active and its validity contains the instant. */
  public boolean isInForceAt(Instant instant) {
    return status == ConsentStatus.ACTIVE && validity.contains(instant);
  }

  /** The next version: the same terms, inactive, written at {@code at}. */
  public ConsentTerms revokedAt(Instant at) {
    return grant().toTerms(id, version + 1, ConsentStatus.INACTIVE, at);
  }
}
