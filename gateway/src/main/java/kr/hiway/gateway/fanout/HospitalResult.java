package kr.hiway.gateway.fanout;

import java.util.Objects;

/**
 * What one hospital contributed to one fan-out. Never null, and no component is null.
 *
 * @param <T> what an answer is made into by the {@link HospitalStep} of the fan-out; for {@link
 *     FanOut#fetch(PatientContext, java.util.List, Query)}, the list of resources. Records in it
 *     are fresh for each call and belong to the caller, who may change them (they are not
 *     thread-safe).
 */
public sealed interface HospitalResult<T> {

  /** The hospital's code, as in the {@link HospitalTarget}. */
  String hospitalCode();

  /**
   * The hospital answered; its records were validated and rewritten (see {@link FanOut}) before the
   * step made {@code released} of them. Empty records when the person is not a patient there or has
   * no matching records.
   */
  record Answered<T>(String hospitalCode, T released) implements HospitalResult<T> {
    public Answered {
      Objects.requireNonNull(hospitalCode, "hospitalCode");
      Objects.requireNonNull(released, "released");
    }
  }

  /**
   * Nothing of this hospital is released. {@code detail} is a short message safe to show to a
   * client: it holds no URL, token, id or exception text.
   */
  record Failed<T>(String hospitalCode, Failure failure, String detail)
      implements HospitalResult<T> {
    public Failed {
      Objects.requireNonNull(hospitalCode, "hospitalCode");
      Objects.requireNonNull(failure, "failure");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
