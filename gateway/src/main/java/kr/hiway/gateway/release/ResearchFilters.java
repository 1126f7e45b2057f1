package kr.hiway.gateway.release;

import java.util.Set;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.vocabulary.ErrorCode;

/**
 * Refuses a research recipient the filters that would look through its copy's de-identification.
 * Its dates are shifted per person and its hospitals pseudonymized ({@code
 * docs/deidentification.md}); hospitals filter on the real ones, so a date or source filter would
 * select on values the recipient never sees and, tried repeatedly, reveal the shift or the
 * hospital. Stateless.
 */
final class ResearchFilters {

  static final Set<String> REFUSED = Set.of("date", "_lastUpdated");

  private ResearchFilters() {}

  /**
   * @throws GatewayException {@code HIW-G045} for a research grant with such a filter
   */
  static void refuse(Grant grant, PagedQuery q) {
    if (!(grant instanceof Grant.Consented c)
        || !ThirdPartyRelease.RESEARCH.contains(c.purpose())) {
      return;
    }
    boolean filtered =
        q.since() != null
            || !q.sources().isEmpty()
            || q.params().keySet().stream().anyMatch(REFUSED::contains);
    if (filtered) {
      throw new GatewayException(
          ErrorCode.RESEARCH_FILTER_UNAVAILABLE,
          "a research copy's dates are shifted and its hospitals pseudonymized: date,"
              + " _lastUpdated, _since and _source are not available to a research recipient");
    }
  }
}
