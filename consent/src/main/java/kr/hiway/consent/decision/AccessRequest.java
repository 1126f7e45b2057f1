package kr.hiway.consent.decision;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import kr.hiway.consent.model.PurposeOfUse;
import kr.hiway.consent.model.SensitiveClass;
import kr.hiway.vocabulary.RecordType;

/**
 * One record someone wants released, with everything a decision depends on.
 *
 * <p>Immutable and thread-safe. Only {@code dataDate} may be null.
 *
 * @param requester the third party (whose client id is the consents' recipient)
 * @param purpose the purpose of use the request is made for
 * @param patientId the gateway patient id whose record it is
 * @param resourceType the kind of record
 * @param hospitalCode the hospital holding it
 * @param dataDate the record's clinical date ({@link DataDates#of}); null when it has none, and
 *     then only a consent without a data period covers it
 * @param sensitivity the record's sensitive classes ({@link SensitivityClassifier}); empty if none
 * @param instant when the request started; a consent must be in force then
 */
public record AccessRequest(
    Requester requester,
    PurposeOfUse purpose,
    String patientId,
    RecordType resourceType,
    String hospitalCode,
    Instant dataDate,
    Set<SensitiveClass> sensitivity,
    Instant instant) {

  public AccessRequest {
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(resourceType, "resourceType");
    Objects.requireNonNull(hospitalCode, "hospitalCode");
    sensitivity = Set.copyOf(sensitivity);
    Objects.requireNonNull(instant, "instant");
  }
}
