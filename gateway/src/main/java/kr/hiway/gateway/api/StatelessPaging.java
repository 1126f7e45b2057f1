package kr.hiway.gateway.api;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IPagingProvider;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import kr.hiway.gateway.audit.AuditAction;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.gateway.fanout.AnswerForm;
import kr.hiway.gateway.release.Access;
import kr.hiway.gateway.release.Ask;
import kr.hiway.gateway.release.Continuation;
import kr.hiway.gateway.release.Grant;
import kr.hiway.gateway.release.Page;
import kr.hiway.gateway.release.PagedQuery;
import kr.hiway.gateway.release.Retrieval;
import kr.hiway.gateway.security.Caller;
import kr.hiway.vocabulary.ErrorCode;

/**
 * HAPI paging without server state. Instead of storing a result and handing out its id, the "search
 * id" in a {@code next} link is a sealed {@link PageTokens token} of the query and of where the
 * next page starts in each hospital's result ({@link Continuation}); following the link asks only
 * the hospitals that page needs, once each, under the consent and access rules of that moment (see
 * {@link Retrieval#page} and {@code docs/paging.md}). A link only works for the client and patient
 * it was made for, and only until it expires.
 */
final class StatelessPaging implements IPagingProvider {

  private final PageTokens tokens;
  private final Retrieval retrieval;
  private final Access access;
  private final AuditEventApi auditEvents;

  StatelessPaging(
      PageTokens tokens, Retrieval retrieval, Access access, AuditEventApi auditEvents) {
    this.tokens = tokens;
    this.retrieval = retrieval;
    this.access = access;
    this.auditEvents = auditEvents;
  }

  static final int DEFAULT_PAGE_SIZE = 200;
  static final int MAX_PAGE_SIZE = 1000;

  @Override
  public int getDefaultPageSize() {
    return DEFAULT_PAGE_SIZE;
  }

  @Override
  public int getMaximumPageSize() {
    return MAX_PAGE_SIZE;
  }

  /**
   * The page size a request asks for ({@code _count}), within 1 and {@link #getMaximumPageSize()};
   * {@link #getDefaultPageSize()} if it names none.
   */
  static int pageSize(RequestDetails request) {
    Integer count = RestfulServerUtils.extractCountParameter(request);
    if (count == null) {
      return DEFAULT_PAGE_SIZE;
    }
    return Math.max(1, Math.min(count, MAX_PAGE_SIZE));
  }

  /** The first page of {@code query}, and the token of its next page in its links. */
  static MergedBundle firstPage(PageTokens tokens, Page page, PagedQuery query, String clientId) {
    String next = page.next() == null ? null : tokens.seal(query, page.next(), clientId);
    return new MergedBundle(query, page, next);
  }

  @Override
  public String storeResultList(RequestDetails request, IBundleProvider result) {
    // A page carries its next link's token itself (MergedBundle#getUuid, AuditEventPage#getUuid):
    // nothing is stored, and nothing else is paged.
    return result instanceof MergedBundle || result instanceof AuditEventPage
        ? result.getUuid()
        : null;
  }

  @Override
  public IBundleProvider retrieveResultList(RequestDetails request, String id) {
    return retrieveResultList(request, id, null);
  }

  /** The page a link's token names; the page id says nothing more. */
  @Override
  public IBundleProvider retrieveResultList(RequestDetails request, String id, String pageId) {
    PageTokens.Sealed sealed = tokens.open(id);
    if (sealed.continuation() == null) {
      throw new GatewayException(ErrorCode.INVALID_PARAMETER, "The paging link is not valid.");
    }
    Caller caller = access.caller();
    boolean sameClient = sealed.clientId().equals(caller.clientId());
    // A patient's link only works for that patient; a third party's only for that client, and
    // its consents are checked again below.
    boolean samePatient =
        caller.patientId().map(p -> p.equals(sealed.query().patientId())).orElse(true);
    if (!sameClient || !samePatient) {
      throw new GatewayException(
          ErrorCode.PAGE_NOT_YOURS, "This paging link was issued to someone else.");
    }
    if (sealed.query().kind() == PagedQuery.Kind.AUDIT_EVENTS) {
      return auditEvents.next(caller, sealed.query(), sealed.continuation());
    }
    // Scopes or consents may have changed since the first page: decide again.
    Grant grant = access.checkQuery(caller, sealed.query());
    // Every page is recorded as a search, $everything's too.
    Ask ask = new Ask(caller, AuditAction.SEARCH_TYPE, request.getCompleteUrl());
    AnswerForm form = PreEncodedResponses.answerForm(request);
    Continuation from = sealed.continuation();
    Page page = retrieval.page(ask, grant, sealed.query(), form, from.pageSize(), from);
    return firstPage(tokens, page, sealed.query(), caller.clientId());
  }
}
