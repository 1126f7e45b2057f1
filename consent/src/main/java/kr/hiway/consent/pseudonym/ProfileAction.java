package kr.hiway.consent.pseudonym;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a de-identification profile does with one element path. Immutable and thread-safe. */
public enum ProfileAction {
  /**
   * Copy the element and everything under it, without element ids and extensions. Not allowed on
   * ids, nor on an element whose content can hold a name, an identifier, contact details, an
   * address, free-text notes, attachments or references: list its safe parts instead.
   */
  KEEP("keep"),
  /**
   * Replace by a keyed pseudonym: the resource id, or a Reference, whose target becomes {@code
   * Type/pseudonym} ({@code Patient/} + the person pseudonym for the patient) and whose display and
   * identifier are dropped.
   */
  PSEUDONYMIZE("pseudonymize"),
  /** Keep only the year of a date or dateTime, after the person's date shift. */
  GENERALIZE_YEAR("generalize-year"),
  /**
   * Keep only the first year of the birth-year band ({@link ReleasePolicy#birthBandYears()} wide,
   * bands starting at years divisible by the width) of a date, unshifted: for birth dates.
   */
  GENERALIZE_BAND("generalize-band"),
  /**
   * Replace the value by the {@code data-absent-reason} extension with code {@code masked}: for
   * elements FHIR requires but whose content must not leave.
   */
  MASK("mask"),
  /** Leave out; the same as not listing the path, but says so on purpose. */
  REMOVE("remove");

  private final String label;

  ProfileAction(String label) {
    this.label = label;
  }

  /** The name used in profile files, such as {@code generalize-year}. */
  public String label() {
    return label;
  }

  static Optional<ProfileAction> ofLabel(String label) {
    return Arrays.stream(values()).filter(a -> a.label.equals(label)).findFirst();
  }

  static String labels() {
    return Arrays.stream(values()).map(ProfileAction::label).collect(Collectors.joining(", "));
  }
}
