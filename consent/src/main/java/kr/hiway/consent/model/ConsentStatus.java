package kr.hiway.consent.model;

import java.util.Optional;

/**
 * The status of one version of a consent, as FHIR R4 {@code Consent.status} names it.
 *
 * <p>The gateway stores only {@link #ACTIVE} consents; a revocation is a new version with {@link
 * #INACTIVE}. The other states exist so that a stored or submitted resource can be read back and
 * refused with a clear message. Immutable and thread-safe.
 */
public enum ConsentStatus {
  DRAFT("draft"),
  PROPOSED("proposed"),
  ACTIVE("active"),
  REJECTED("rejected"),
  INACTIVE("inactive"),
  ENTERED_IN_ERROR("entered-in-error");

  private final String code;

  ConsentStatus(String code) {
    this.code = code;
  }

  /** The FHIR code, such as {@code active}. */
  public String code() {
    return code;
  }

  /** The status with this FHIR code; empty for null or any other string. */
  public static Optional<ConsentStatus> ofCode(String code) {
    for (ConsentStatus s : values()) {
      if (s.code.equals(code)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
