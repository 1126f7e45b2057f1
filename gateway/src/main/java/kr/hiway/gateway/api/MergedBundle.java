package kr.hiway.gateway.api;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import kr.hiway.gateway.fanout.ReleasedRecord;
import kr.hiway.gateway.release.Merged;
import kr.hiway.gateway.release.Page;
import kr.hiway.gateway.release.PagedQuery;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

/**
 * One merged answer as HAPI pages it. Every page carries the outcome entry ({@code search.mode =
 * outcome}), so a client reading any page learns which hospitals are missing; the total counts
 * matches only.
 */
final class MergedBundle implements IBundleProvider {

  private final PagedQuery query;
  private final Resource patient;
  private final List<ReleasedRecord> records;
  private final OperationOutcome outcome;
  private final InstantType published = InstantType.now();
  private final boolean paged;
  private final Integer total;
  private final String nextToken;

  /**
   * Records that come encoded (in an answer of {@link kr.hiway.gateway.fanout.AnswerForm#JSON}) are
   * handed to HAPI's bundle builder as {@linkplain PreEncodedResponses#standIn stand-ins}, empty
   * but for their type and id. The builder walks every resource it gets for references to include,
   * which for a large answer cost more than all the rest of the merge, and it runs only after the
   * slowest hospital, when every millisecond is added to the answer's latency.
   */
  MergedBundle(PagedQuery query, Merged merged) {
    this(query, merged, false, null, null);
  }

  /**
   * One page of a paged answer: HAPI writes it whole, with a {@code next} link carrying {@code
   * nextToken} (the sealed query and continuation) if there is a next page.
   */
  MergedBundle(PagedQuery query, Page page, String nextToken) {
    this(query, page.merged(), true, page.total(), nextToken);
  }

  private MergedBundle(
      PagedQuery query, Merged merged, boolean paged, Integer total, String nextToken) {
    this.paged = paged;
    this.total = total;
    this.nextToken = nextToken;
    this.query = query;
    this.patient = merged.patient();
    this.records = merged.records();
    this.outcome = merged.outcome();
    if (outcome != null) {
      ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(outcome, BundleEntrySearchModeEnum.OUTCOME);
    }
  }

  PagedQuery query() {
    return query;
  }

  @Override
  public IPrimitiveType<Date> getPublished() {
    return published;
  }

  /** The Patient first, if there is one, then the records. */
  @Override
  public List<IBaseResource> getResources(int fromIndex, int toIndex) {
    int size = entries();
    // A page is cut already: HAPI's indexes do not apply to it.
    int from = paged ? 0 : Math.max(0, Math.min(fromIndex, size));
    int to = paged ? size : Math.max(from, Math.min(toIndex, size));
    int first = patient == null ? 0 : 1;
    List<IBaseResource> page = new ArrayList<>(to - from + 1);
    for (int i = from; i < to; i++) {
      page.add(i < first ? patient : resource(records.get(i - first)));
    }
    if (outcome != null) {
      page.add(outcome);
    }
    return page;
  }

  /**
   * For a page, the {@code _getpages} value of its next link: the sealed token the next page opens
   * (see {@link StatelessPaging}); null otherwise, and on the last page.
   */
  @Override
  public String getUuid() {
    return nextToken;
  }

  /** Marks a page as one whose links HAPI takes from this provider. */
  @Override
  public String getCurrentPageId() {
    return paged ? "page" : null;
  }

  @Override
  public String getNextPageId() {
    return nextToken == null ? null : "next";
  }

  @Override
  public Integer preferredPageSize() {
    return null;
  }

  /** The total: for a page, what {@link Page#total()} says (null for none). */
  @Override
  public Integer size() {
    return paged ? total : Integer.valueOf(entries());
  }

  private int entries() {
    return records.size() + (patient == null ? 0 : 1);
  }

  /**
   * With no match but an outcome, HAPI would ask for no resources at all and the outcome would be
   * lost; an explicit offset makes it fetch the (one-entry) page regardless.
   */
  @Override
  public Integer getCurrentPageOffset() {
    return onlyOutcome() ? 0 : null;
  }

  @Override
  public Integer getCurrentPageSize() {
    return onlyOutcome() ? 1 : null;
  }

  private boolean onlyOutcome() {
    return !paged && entries() == 0 && outcome != null;
  }

  private static IBaseResource resource(ReleasedRecord record) {
    return switch (record) {
      case ReleasedRecord.Parsed p -> p.resource();
      case ReleasedRecord.Encoded e -> PreEncodedResponses.standIn(e);
    };
  }
}
