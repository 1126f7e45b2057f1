package kr.hiway.gateway.fanout;

import java.util.List;
import java.util.Objects;

/**
 * What one hospital answered for one {@link Window}. Immutable, but for the records (see {@link
 * HospitalResult}).
 *
 * @param records the released records, in the hospital's order (its Patient among them, for {@code
 *     $everything}); fewer than {@code read} when some were dropped on the way (another patient's,
 *     or holding the linkage token)
 * @param positions for each record, its place within the window (0 for the window's first result)
 * @param read how many results the hospital answered in the window, released or not
 * @param total how many results the hospital holds for the query in all ({@code Bundle.total}), or
 *     {@code offset + read} if it did not say
 * @param context records asked for besides the window, to judge it by (see {@link
 *     FanOut#fetchWindows(PatientContext, List, List, Query, AnswerForm, Query.Everything)}), as
 *     models; empty if none were asked
 */
public record Slice(
    List<ReleasedRecord> records,
    List<Integer> positions,
    int read,
    int total,
    List<ReleasedRecord> context) {

  public Slice {
    Objects.requireNonNull(records, "records");
    Objects.requireNonNull(context, "context");
    positions = List.copyOf(positions);
    if (positions.size() != records.size()) {
      throw new IllegalArgumentException("one position per record");
    }
  }

  /** A window with no context. */
  public Slice(List<ReleasedRecord> records, List<Integer> positions, int read, int total) {
    this(records, positions, read, total, List.of());
  }

  /** Nothing: the person is not a patient at the hospital. */
  static Slice none() {
    return new Slice(List.of(), List.of(), 0, 0);
  }

  /** This window with {@code context}. */
  Slice withContext(List<ReleasedRecord> context) {
    return new Slice(records, positions, read, total, context);
  }
}
