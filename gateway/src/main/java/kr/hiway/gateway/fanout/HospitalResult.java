package kr.hiway.gateway.fanout;

import java.util.List;
import java.util.Objects;
import org.hl7.fhir.r4.model.Resource;

/**
 * What one hospital contributed to one fan-out. Never null, and no component is null.
 *
 * <p>Immutable as a value; the {@link Resource} objects inside an {@link Answered} are fresh for
 * each call and belong to the caller, who may change them (they are not thread-safe).
 */
public sealed interface HospitalResult {

  /** The hospital's code, as in the {@link HospitalTarget}. */
  String hospitalCode();

  /**
   * The hospital answered; {@code resources} are already validated and rewritten (see {@link
   * FanOut}). Empty when the person is not a patient there or has no matching records.
   */
  record Answered(String hospitalCode, List<Resource> resources) implements HospitalResult {
    public Answered {
      Objects.requireNonNull(hospitalCode, "hospitalCode");
      resources = List.copyOf(resources);
    }
  }

  /**
   * Nothing of this hospital is released. {@code detail} is a short message safe to show to a
   * client: it holds no URL, token, id or exception text.
   */
  record Failed(String hospitalCode, Failure failure, String detail) implements HospitalResult {
    public Failed {
      Objects.requireNonNull(hospitalCode, "hospitalCode");
      Objects.requireNonNull(failure, "failure");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
