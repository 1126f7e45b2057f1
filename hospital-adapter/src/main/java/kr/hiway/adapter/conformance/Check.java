package kr.hiway.adapter.conformance;

import java.util.Objects;

/**
 * The outcome of one conformance check.
 *
 * @param name the check's stable name, such as {@code paging.Observation}
 * @param passed whether the adapter did what the contract asks
 * @param message what was seen: on a failure, enough to find the fault
 */
public record Check(String name, boolean passed, String message) {

  public Check {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(message, "message");
  }

  static Check pass(String name, String message) {
    return new Check(name, true, message);
  }

  static Check fail(String name, String message) {
    return new Check(name, false, message);
  }
}
