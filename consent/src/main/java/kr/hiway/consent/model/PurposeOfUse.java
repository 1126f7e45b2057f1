package kr.hiway.consent.model;

import java.util.Optional;

/**
 * The purposes a patient may grant a recipient, from the HL7 v3 PurposeOfUse hierarchy in {@value
 * ConsentCodes#ACT_REASON}.
 *
 * <p>The set is deliberately a subset: purposes a patient can sensibly authorise for a third party.
 * Marketing ({@code HMARKT}), the operator's own work ({@code HOPERAT}, {@code HSYSADMIN}, {@code
 * PATADMIN}), legal compulsion ({@code HLEGAL}, which rests on law, not consent) and test data
 * ({@code HTEST}) are refused when a consent names them. Immutable and thread-safe.
 */
public enum PurposeOfUse {
  TREAT("treatment"),
  ETREAT("Emergency Treatment"),
  CAREMGT("care management"),
  HPAYMT("healthcare payment"),
  CLMATTCH("claim attachment"),
  COVERAGE("coverage under policy or program"),
  HRESCH("healthcare research"),
  CLINTRCH("clinical trial research"),
  PUBHLTH("public health"),
  PATRQT("patient requested"),
  FAMRQT("family requested"),
  PWATRNY("power of attorney");

  private final String display;

  PurposeOfUse(String display) {
    this.display = display;
  }

  /** The v3-ActReason code, which is the constant's name. */
  public String code() {
    return name();
  }

  /** The v3-ActReason display. */
  public String display() {
    return display;
  }

  /** The purpose with this v3-ActReason code; empty for null or any code not accepted here. */
  public static Optional<PurposeOfUse> ofCode(String code) {
    for (PurposeOfUse p : values()) {
      if (p.name().equals(code)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
