package kr.hiway.gateway.api;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IPagingProvider;
import kr.hiway.gateway.audit.AuditAction;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.gateway.fanout.AnswerForm;
import kr.hiway.gateway.release.Access;
import kr.hiway.gateway.release.Ask;
import kr.hiway.gateway.release.Grant;
import kr.hiway.gateway.release.Retrieval;
import kr.hiway.gateway.security.Caller;
import kr.hiway.vocabulary.ErrorCode;

/**
 * HAPI paging without server state. Instead of storing a result and handing out its id, the "search
 * id" in a {@code next} link is a sealed {@link PageTokens token} of the query itself; following
 * the link runs the query again (under the consent and access rules of that moment) and HAPI cuts
 * the requested page from it. A link only works for the client and patient it was made for, and
 * only until it expires.
 */
final class StatelessPaging implements IPagingProvider {

  private final PageTokens tokens;
  private final Retrieval retrieval;
  private final Access access;

  StatelessPaging(PageTokens tokens, Retrieval retrieval, Access access) {
    this.tokens = tokens;
    this.retrieval = retrieval;
    this.access = access;
  }

  @Override
  public int getDefaultPageSize() {
    return 200;
  }

  @Override
  public int getMaximumPageSize() {
    return 1000;
  }

  @Override
  public String storeResultList(RequestDetails request, IBundleProvider result) {
    if (!(result instanceof MergedBundle merged)) {
      return null; // nothing else is paged
    }
    return tokens.seal(merged.query(), access.caller().clientId());
  }

  @Override
  public IBundleProvider retrieveResultList(RequestDetails request, String id) {
    PageTokens.Sealed sealed = tokens.open(id);
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
    // Scopes or consents may have changed since the first page: decide again.
    Grant grant = access.checkQuery(caller, sealed.query());
    // Every page is recorded as a search, $everything's too.
    Ask ask = new Ask(caller, AuditAction.SEARCH_TYPE, request.getCompleteUrl());
    AnswerForm form = PreEncodedResponses.answerForm(request);
    return new MergedBundle(sealed.query(), retrieval.run(ask, grant, sealed.query(), form));
  }
}
