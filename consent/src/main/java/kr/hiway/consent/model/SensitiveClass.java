package kr.hiway.consent.model;

import java.util.Optional;

/**
 * A class of especially sensitive health information, which a consent grants only when it names the
 * class explicitly, as a {@code provision.securityLabel} coding of {@value ConsentCodes#ACT_CODE}
 * with the code given here.
 *
 * <p>The codes are the HL7 v3 information-sensitivity codes, one a class and no synonyms, so that
 * what a patient ticked is unambiguous: {@code MH} (not {@code PSY} or {@code BH}), {@code SUD}
 * (not the older {@code ETH}), {@code HIV}, {@code STD}, {@code SEX} (sexuality and reproductive
 * health) and {@code GDIS} (genetic). Which records belong to each class is decided by {@code
 * kr.hiway.consent.decision.SensitivityClassifier}. Immutable and thread-safe.
 */
public enum SensitiveClass {
  /** Mental health: KCD-8 F00–F09 and F20–F99, antipsychotics and antidepressants. */
  MENTAL_HEALTH("MH", "mental health information sensitivity"),
  /** Substance use, tobacco and alcohol included: KCD-8 F10–F19, addiction drugs. */
  SUBSTANCE_USE("SUD", "substance use disorder information sensitivity"),
  /** HIV infection, tests and antiretrovirals. */
  HIV("HIV", "HIV/AIDS information sensitivity"),
  /** Sexually transmitted infections: KCD-8 A50–A64. */
  SEXUALLY_TRANSMITTED("STD", "sexually transmitted disease information sensitivity"),
  /** Pregnancy, contraception, fertility: KCD-8 O00–O99, Z30–Z39. */
  REPRODUCTIVE("SEX", "sexuality and reproductive health information sensitivity"),
  /** Genetic testing and genetic disease. */
  GENETIC("GDIS", "genetic disease information sensitivity");

  private final String label;
  private final String display;

  SensitiveClass(String label, String display) {
    this.label = label;
    this.display = display;
  }

  /** The v3-ActCode security label code, such as {@code HIV}. */
  public String label() {
    return label;
  }

  /** The v3-ActCode display of the label. */
  public String display() {
    return display;
  }

  /** The class whose label is this v3-ActCode code; empty for null or any other code. */
  public static Optional<SensitiveClass> ofLabel(String code) {
    for (SensitiveClass c : values()) {
      if (c.label.equals(code)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
