package kr.hiway.consent.model;

import java.util.Objects;

/**
 * One thing wrong with a submitted Consent. Messages name codes and elements, never clinical data,
 * and may be shown to the client and logged.
 *
 * @param field where, as a FHIRPath-like path such as {@code Consent.provision.purpose}
 * @param message what is wrong, in English
 */
public record ConsentProblem(String field, String message) {

  public ConsentProblem {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
