package kr.hiway.gateway.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kr.hiway.gateway.fanout.Failure;
import kr.hiway.gateway.fanout.HospitalResult;
import kr.hiway.gateway.fanout.HospitalTarget;
import kr.hiway.gateway.fanout.ReleasedRecord;
import kr.hiway.gateway.fanout.Slice;
import kr.hiway.gateway.fanout.Window;
import kr.hiway.gateway.registry.Targets;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;

/**
 * Which hospitals one page asks, for which stretch of their results, and how their answers are cut
 * into the page and the next {@link Continuation}. One per page; not thread-safe.
 */
final class PagePlan {

  /**
   * What is released of one hospital's stretch; {@code all} is its whole answer as fetched, with
   * any records fetched only to judge it by.
   */
  @FunctionalInterface
  interface Release {
    Permitted apply(String hospital, List<ReleasedRecord> page, List<ReleasedRecord> all);
  }

  /**
   * A page cut from the hospitals' answers.
   *
   * @param parts one per hospital asked, in hospital order
   * @param positions where every hospital still in the answer stands after this page
   * @param ownTotal on a first page, the hospitals' totals less their Patient entries
   */
  record Cut(
      List<HospitalResult<Permitted>> parts, List<Continuation.Position> positions, int ownTotal) {}

  /** One hospital of the page: its place before the page, and the stretch the page takes. */
  private record Ask(HospitalTarget target, Continuation.Position before, Window take) {}

  private final int pageSize;
  private final boolean first;
  private final boolean whole;
  private final List<Ask> asks;
  private final List<Continuation.Position> all;

  private PagePlan(
      int pageSize, boolean first, boolean whole, List<Ask> asks, List<Continuation.Position> all) {
    this.pageSize = pageSize;
    this.first = first;
    this.whole = whole;
    this.asks = asks;
    this.all = all;
  }

  /**
   * The first page: every hospital once, for its first {@code pageSize} results.
   *
   * @param whole whether each hospital's whole answer is fetched (for a third party, whose records'
   *     sensitivity is judged on it), the page still taking only its stretch
   */
  static PagePlan first(List<HospitalTarget> asked, int pageSize, boolean whole) {
    List<Ask> asks = new ArrayList<>();
    for (HospitalTarget t : asked) {
      asks.add(new Ask(t, new Continuation.Position(t.code(), 0, 0), new Window(0, pageSize)));
    }
    return new PagePlan(pageSize, true, whole, asks, List.of());
  }

  /**
   * A later page: the hospitals with results left, in hospital order, until the page is full. A
   * hospital no longer known, or (for a third party) no longer covered by a consent, is reported in
   * {@code outcome} and leaves the answer.
   */
  static PagePlan next(Continuation from, Targets targets, Grant grant, OperationOutcome outcome) {
    int budget = from.pageSize();
    List<Ask> asks = new ArrayList<>();
    List<Continuation.Position> kept = new ArrayList<>();
    for (Continuation.Position p : from.positions()) {
      if (p.remaining() == 0) {
        continue;
      }
      Optional<HospitalTarget> target = targets.byCode(p.hospital());
      if (target.isEmpty()) {
        HospitalIssue.UNAVAILABLE.addTo(outcome, p.hospital(), "no longer registered");
        continue;
      }
      if (grant instanceof Grant.Consented c && !c.coverage().covers(p.hospital())) {
        HospitalIssue.NOT_CONSENTED.addTo(outcome, p.hospital(), "not asked");
        continue;
      }
      kept.add(p);
      if (budget > 0) {
        int n = Math.min(p.remaining(), budget);
        budget -= n;
        asks.add(new Ask(target.get(), p, new Window(p.consumed(), n)));
      }
    }
    return new PagePlan(
        from.pageSize(), false, grant instanceof Grant.Consented, asks, List.copyOf(kept));
  }

  int pageSize() {
    return pageSize;
  }

  List<HospitalTarget> targets() {
    return asks.stream().map(Ask::target).toList();
  }

  /** What each hospital is asked: its stretch, or its whole answer. */
  List<Window> windows() {
    return asks.stream().map(a -> whole ? new Window(0, Integer.MAX_VALUE) : a.take()).toList();
  }

  /**
   * Cuts the page from {@code slices} (one per {@link #targets()}, in order): on a first page the
   * first {@code pageSize} results in hospital order, on a later one each hospital's planned
   * stretch. A hospital that failed keeps its place (on a first page it leaves the answer).
   */
  Cut cut(List<HospitalResult<Slice>> slices, Release release) {
    int budget = pageSize;
    int ownTotal = 0;
    List<HospitalResult<Permitted>> parts = new ArrayList<>();
    List<Continuation.Position> after = new ArrayList<>();
    for (int i = 0; i < asks.size(); i++) {
      Ask ask = asks.get(i);
      String code = ask.target().code();
      switch (slices.get(i)) {
        case HospitalResult.Failed<Slice> f -> {
          parts.add(new HospitalResult.Failed<>(code, f.failure(), f.detail()));
          if (!first) {
            after.add(ask.before());
          }
        }
        case HospitalResult.Answered<Slice> a -> {
          Slice s = a.released();
          int from = ask.take().offset();
          // Positions in the slice count from the fetched window's start.
          int fetchedFrom = whole ? 0 : from;
          int available = Math.max(0, s.read() - (from - fetchedFrom));
          int take = Math.min(available, first ? budget : ask.take().count());
          budget -= first ? take : 0;
          List<ReleasedRecord> page = new ArrayList<>();
          List<ReleasedRecord> patients = new ArrayList<>();
          for (int r = 0; r < s.records().size(); r++) {
            int at = fetchedFrom + s.positions().get(r);
            ReleasedRecord record = s.records().get(r);
            if (at >= from && at < from + take) {
              page.add(record);
            } else if (first && record instanceof ReleasedRecord.Parsed(Patient p)) {
              page.add(record); // for the composed Patient only: it takes no place
            }
          }
          ownTotal += s.total() - (hasPatient(s) ? 1 : 0);
          // A hospital that now holds fewer than it said ends where its answer ended.
          int total = take < ask.take().count() && !first ? from + take : s.total();
          parts.add(released(code, release, page, judgedBy(s)));
          after.add(new Continuation.Position(code, total, from + take));
        }
      }
    }
    if (!first) {
      // The hospitals not asked this page keep their places, in hospital order.
      List<Continuation.Position> merged = new ArrayList<>();
      for (Continuation.Position p : all) {
        merged.add(
            after.stream().filter(q -> q.hospital().equals(p.hospital())).findFirst().orElse(p));
      }
      after = merged;
    }
    return new Cut(parts, after, ownTotal);
  }

  /** The records a page's are judged by: the hospital's whole answer and any context. */
  private static List<ReleasedRecord> judgedBy(Slice s) {
    if (s.context().isEmpty()) {
      return s.records();
    }
    List<ReleasedRecord> all = new ArrayList<>(s.records().size() + s.context().size());
    all.addAll(s.records());
    all.addAll(s.context());
    return all;
  }

  private static boolean hasPatient(Slice s) {
    return s.records().stream().anyMatch(r -> r instanceof ReleasedRecord.Parsed(Patient p));
  }

  private static HospitalResult<Permitted> released(
      String code, Release release, List<ReleasedRecord> page, List<ReleasedRecord> all) {
    try {
      return new HospitalResult.Answered<>(code, release.apply(code, page, all));
    } catch (RuntimeException e) {
      return new HospitalResult.Failed<>(
          code, Failure.INVALID_RESPONSE, "the answer could not be processed");
    }
  }
}
