package kr.hiway.adapter.server;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import java.util.List;
import kr.hiway.vocabulary.ErrorCode;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Offset paging without server state: a page is cut from the full, stably ordered result each time,
 * so any adapter instance can serve any page and nothing is kept between requests.
 */
final class Pages {

  static final int DEFAULT_COUNT = 50;
  static final int MAX_COUNT = 500;

  private Pages() {}

  static IBundleProvider page(List<? extends IBaseResource> all, Integer offset, Integer count) {
    int from = offset == null ? 0 : offset;
    int size = count == null ? DEFAULT_COUNT : count;
    if (from < 0) {
      throw new AdapterException(ErrorCode.ADAPTER_INVALID_COUNT, "_offset must not be negative");
    }
    if (size < 0 || size > MAX_COUNT) {
      throw new AdapterException(
          ErrorCode.ADAPTER_INVALID_COUNT, "_count must be between 0 and " + MAX_COUNT);
    }
    int start = Math.min(from, all.size());
    int end = (int) Math.min((long) start + size, all.size());
    SimpleBundleProvider page = new SimpleBundleProvider(List.copyOf(all.subList(start, end)));
    // With an offset set, HAPI writes next and previous links with _offset and _count.
    page.setCurrentPageOffset(from);
    page.setCurrentPageSize(size);
    page.setSize(all.size());
    return page;
  }
}
