package kr.hiway.consent.decision;

import java.time.Instant;
import java.util.Set;
import kr.hiway.consent.model.PurposeOfUse;
import kr.hiway.consent.model.SensitiveClass;
import kr.hiway.vocabulary.RecordType;

/** A request changed in one component, for decision tables. */
final class AccessRequests {

  private AccessRequests() {}

  static AccessRequest with(AccessRequest r, PurposeOfUse purpose) {
    return new AccessRequest(
        r.requester(),
        purpose,
        r.patientId(),
        r.resourceType(),
        r.hospitalCode(),
        r.dataDate(),
        r.sensitivity(),
        r.instant());
  }

  static AccessRequest with(AccessRequest r, RecordType kind) {
    return new AccessRequest(
        r.requester(),
        r.purpose(),
        r.patientId(),
        kind,
        r.hospitalCode(),
        r.dataDate(),
        r.sensitivity(),
        r.instant());
  }

  static AccessRequest at(AccessRequest r, String hospital) {
    return new AccessRequest(
        r.requester(),
        r.purpose(),
        r.patientId(),
        r.resourceType(),
        hospital,
        r.dataDate(),
        r.sensitivity(),
        r.instant());
  }

  static AccessRequest dated(AccessRequest r, Instant dataDate) {
    return new AccessRequest(
        r.requester(),
        r.purpose(),
        r.patientId(),
        r.resourceType(),
        r.hospitalCode(),
        dataDate,
        r.sensitivity(),
        r.instant());
  }

  static AccessRequest classed(AccessRequest r, SensitiveClass... classes) {
    return new AccessRequest(
        r.requester(),
        r.purpose(),
        r.patientId(),
        r.resourceType(),
        r.hospitalCode(),
        r.dataDate(),
        Set.of(classes),
        r.instant());
  }
}
