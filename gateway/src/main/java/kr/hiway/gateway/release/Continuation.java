package kr.hiway.gateway.release;

import java.util.List;
import java.util.Objects;

/**
 * Where a paged answer stands after a page: per hospital asked, in hospital order, how many results
 * it holds and how many of them earlier pages have taken (released or withheld alike). The next
 * page asks only the hospitals with results left, each once, for just the stretch that page needs.
 * Carried sealed inside the page token, so the gateway keeps no paging state. Immutable.
 *
 * @param pageSize the page size asked on the first page, kept for every page
 * @param total the answer's {@code Bundle.total} for every page, or null to leave it out
 * @param positions one per hospital still in the answer, in hospital order
 */
public record Continuation(int pageSize, Integer total, List<Position> positions) {

  /**
   * One hospital's place in the answer.
   *
   * @param hospital the hospital's code
   * @param total how many results it holds for the query
   * @param consumed how many of them earlier pages have taken
   */
  public record Position(String hospital, int total, int consumed) {
    public Position {
      Objects.requireNonNull(hospital, "hospital");
    }

    int remaining() {
      return Math.max(0, total - consumed);
    }
  }

  public Continuation {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1");
    }
    positions = List.copyOf(positions);
  }

  /** Whether any hospital has results left. */
  public boolean hasMore() {
    return positions.stream().anyMatch(p -> p.remaining() > 0);
  }
}
