package kr.hiway.consent.pseudonym;

import java.util.List;
import java.util.Objects;

/**
 * The release-wide choices of a {@link DeidentificationProfile}, beside its per-element rules: how
 * dates are shifted and generalized, how birth dates, places, hospitals and free text are treated,
 * and what a k-anonymity measurement of a release is taken over. Stated in the profile file,
 * validated at load ({@code docs/deidentification.md}).
 *
 * <p>Immutable and thread-safe. No component is null.
 *
 * @param shiftMinDays the least size of a person's date offset, in days; at least 1, so that no
 *     person keeps their real dates
 * @param shiftMaxDays the greatest size of the offset; the offset is a whole number of days in
 *     {@code ±[shiftMinDays, shiftMaxDays]}
 * @param datePrecision how precise a released date or time is, after the shift
 * @param birthBandYears the width of the birth-year band a birth date is cut to
 * @param places what is kept of an address: {@code province}, the only level offered
 * @param hospitals how the hospital a record comes from is named
 * @param freeText what happens to free text: {@code remove}, the only policy offered
 * @param quasiIdentifiers the element paths ({@code Type.path}) a k-anonymity measurement groups
 *     released persons by; each names an element the profile releases
 * @param k the least group size such a measurement must find
 */
public record ReleasePolicy(
    int shiftMinDays,
    int shiftMaxDays,
    DatePrecision datePrecision,
    int birthBandYears,
    String places,
    HospitalMode hospitals,
    String freeText,
    List<String> quasiIdentifiers,
    int k) {

  public ReleasePolicy {
    Objects.requireNonNull(datePrecision, "datePrecision");
    Objects.requireNonNull(places, "places");
    Objects.requireNonNull(hospitals, "hospitals");
    Objects.requireNonNull(freeText, "freeText");
    quasiIdentifiers = List.copyOf(quasiIdentifiers);
  }

  /** How precise a released date is. */
  public enum DatePrecision {
    DAY,
    MONTH,
    YEAR
  }

  /** How the hospital a record comes from ({@code meta.source}) is named in a release. */
  public enum HospitalMode {
    /** By a keyed pseudonym of the recipient's domain, so two recipients' copies do not join. */
    PSEUDONYMIZE,
    /** Not at all. */
    REMOVE
  }
}
