package kr.hiway.gateway.fanout;

import java.util.Objects;

/**
 * The person asked about.
 *
 * <p>The national identifier is only used to compute each hospital's linkage token: it is never
 * sent anywhere, logged, or shown by {@link #toString()}. Immutable and thread-safe; no component
 * may be null.
 *
 * @param patientId the gateway's own patient id, a valid FHIR id; released records reference the
 *     person as {@code Patient/{patientId}}
 * @param nationalId the 13-digit national identifier, dashes and spaces allowed
 */
public record PatientContext(String patientId, String nationalId) {

  public PatientContext {
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(nationalId, "nationalId");
    if (!GlobalIds.isFhirId(patientId)) {
      throw new IllegalArgumentException("patientId is not a valid FHIR id");
    }
    // Checked here so that a bad value fails before any hospital is asked; the message must not
    // echo the value.
    if (!nationalId.matches("[0-9 -]+")
        || nationalId.chars().filter(c -> c >= '0' && c <= '9').count() != 13) {
      throw new IllegalArgumentException("a national identifier has 13 digits");
    }
  }

  @Override
  public String toString() {
    return "PatientContext[patientId=" + patientId + ", nationalId=(hidden)]";
  }
}
