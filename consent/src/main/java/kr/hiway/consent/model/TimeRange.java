package kr.hiway.consent.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A half-open span of time {@code [start, end)}; a null end is open on that side.
 *
 * <p>FHIR periods are inclusive at their precision ({@code "end": "2025-12-31"} covers the whole of
 * that day), so {@link #ofFhir} turns each end into the exclusive instant just after it, and {@link
 * FhirTimes} writes it back the same way. Dates without a time are read in Korean time ({@code
 * +09:00}, no daylight saving), never in the JVM's default zone.
 *
 * <p>Immutable and thread-safe.
 *
 * @param start the first instant inside, or null for open
 * @param end the first instant after, or null for open; after {@code start} when both are set
 */
public record TimeRange(Instant start, Instant end) {

  /** All of time. */
  public static final TimeRange ALWAYS = new TimeRange(null, null);

  public TimeRange {
    if (start != null && end != null && !start.isBefore(end)) {
      throw new IllegalArgumentException("a time range ends after it starts");
    }
  }

  /**
   * The range of a FHIR Period, from the text of its {@code start} and {@code end} (a FHIR date,
   * dateTime or instant; null for an open end).
   *
   * @throws IllegalArgumentException if either is not a FHIR date or dateTime with a time zone, or
   *     the end is not after the start
   */
  public static TimeRange ofFhir(String start, String end) {
    return new TimeRange(
        start == null ? null : FhirTimes.parse(start).start(),
        end == null ? null : FhirTimes.parse(end).end());
  }

  /** Whether the instant lies inside. */
  public boolean contains(Instant t) {
    Objects.requireNonNull(t, "t");
    return (start == null || !t.isBefore(start)) && (end == null || t.isBefore(end));
  }

  /** Whether either end is set, so that some instants lie outside. */
  public boolean isBounded() {
    return start != null || end != null;
  }

  /** Whether the two ranges share an instant. */
  public boolean overlaps(TimeRange other) {
    return (start == null || other.end == null || start.isBefore(other.end))
        && (other.start == null || end == null || other.start.isBefore(end));
  }
}
