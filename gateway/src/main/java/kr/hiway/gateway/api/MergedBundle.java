package kr.hiway.gateway.api;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import kr.hiway.gateway.release.Merged;
import kr.hiway.gateway.release.PagedQuery;
import kr.hiway.gateway.release.PreEncoded;
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
  private final List<Resource> matches;
  private final OperationOutcome outcome;
  private final InstantType published = InstantType.now();
  private final boolean standIns;

  /**
   * @param standIns whether the answer will be written from bytes {@link PreEncoded encoded ahead}
   *     (see {@link PreEncodedResponses#writesAhead}): then HAPI's bundle builder is handed an
   *     empty resource of the same type and id for each such record, carrying its bytes, instead of
   *     the record itself. The builder walks every resource it gets for references to include,
   *     which for a large answer cost more than all the rest of the merge, and it runs only after
   *     the slowest hospital, when every millisecond is added to the answer's latency.
   */
  MergedBundle(PagedQuery query, Merged merged, boolean standIns) {
    this.query = query;
    this.standIns = standIns;
    List<Resource> all = new ArrayList<>(merged.records().size() + 1);
    if (merged.patient() != null) {
      all.add(merged.patient());
    }
    all.addAll(merged.records());
    this.matches = all;
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

  @Override
  public List<IBaseResource> getResources(int fromIndex, int toIndex) {
    int from = Math.max(0, Math.min(fromIndex, matches.size()));
    int to = Math.max(from, Math.min(toIndex, matches.size()));
    List<IBaseResource> page = new ArrayList<>(to - from + 1);
    for (Resource r : matches.subList(from, to)) {
      page.add(standIns ? PreEncoded.standIn(r) : r);
    }
    if (outcome != null) {
      page.add(outcome);
    }
    return page;
  }

  @Override
  public String getUuid() {
    return null;
  }

  @Override
  public Integer preferredPageSize() {
    return null;
  }

  @Override
  public Integer size() {
    return matches.size();
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
    return matches.isEmpty() && outcome != null;
  }
}
