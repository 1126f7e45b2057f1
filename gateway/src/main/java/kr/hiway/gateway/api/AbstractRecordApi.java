package kr.hiway.gateway.api;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.UriOrListParam;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.hiway.gateway.audit.AuditAction;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.gateway.fanout.AnswerForm;
import kr.hiway.gateway.fanout.Failure;
import kr.hiway.gateway.fanout.FanOut;
import kr.hiway.gateway.fanout.FanOutException;
import kr.hiway.gateway.fanout.FanOutSettings;
import kr.hiway.gateway.fanout.GlobalIds;
import kr.hiway.gateway.fanout.HospitalTarget;
import kr.hiway.gateway.fanout.PatientContext;
import kr.hiway.gateway.registry.Targets;
import kr.hiway.gateway.release.Access;
import kr.hiway.gateway.release.Ask;
import kr.hiway.gateway.release.Disclosures;
import kr.hiway.gateway.release.Grant;
import kr.hiway.gateway.release.Merged;
import kr.hiway.gateway.release.Page;
import kr.hiway.gateway.release.PagedQuery;
import kr.hiway.gateway.release.PatientContexts;
import kr.hiway.gateway.release.Retrieval;
import kr.hiway.gateway.security.SmartScopes.Permission;
import kr.hiway.vocabulary.ErrorCode;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/** Read by id and search of one record type across the hospitals. */
public abstract class AbstractRecordApi implements IResourceProvider {

  /** The search parameters passed on to every hospital as the client sent them. */
  static final List<String> FORWARDED = List.of("date", "category", "code", "_lastUpdated");

  private final RecordType type;
  private final Access access;
  private final Retrieval retrieval;
  private final Targets targets;
  private final FanOut fanOut;
  private final PatientContexts patients;
  private final Disclosures disclosures;
  private final PageTokens tokens;

  AbstractRecordApi(RecordType type, Services services) {
    this.type = type;
    this.access = services.access();
    this.retrieval = services.retrieval();
    this.targets = services.targets();
    this.fanOut = services.fanOut();
    this.patients = services.patients();
    this.disclosures = services.disclosures();
    this.tokens = services.tokens();
  }

  @Override
  public Class<? extends IBaseResource> getResourceType() {
    return type.resourceClass();
  }

  /**
   * A direct read is answered only if the record belongs to the caller's own patient, as the
   * hospital's answer shows. Anything else is a 403, whether the record exists or not, so that a
   * read reveals nothing about anyone else; an id that names no hospital is a 404.
   */
  @Read
  public IBaseResource read(@IdParam IdType id, RequestDetails request) {
    Ask ask = new Ask(access.caller(), AuditAction.READ, request.getCompleteUrl());
    GlobalIds.Parts parts =
        GlobalIds.split(id.getIdPart()).orElseThrow(AbstractRecordApi::notFound);
    HospitalTarget target =
        targets.byCode(parts.hospitalCode()).orElseThrow(AbstractRecordApi::notFound);
    // Reads by id are the patient's own: a third party searches by patient, where its consents
    // decide hospital by hospital.
    String patientId = access.ownPatient(ask.caller());
    Grant grant = access.grant(ask, patientId, List.of(type.fhirType()), Permission.READ);
    PatientContext context = patients.of(grant.patientId());
    Disclosures.Opened opened = disclosures.open(ask, grant);
    try {
      Resource record = fetch(context, target, parts.localId());
      disclosures.record(ask, grant, Merged.read(target.code(), record), opened);
      return record;
    } catch (RuntimeException e) {
      disclosures.abandon(opened, e);
      throw e;
    }
  }

  private Resource fetch(PatientContext context, HospitalTarget target, String localId) {
    try {
      return fanOut
          .read(context, target, type, localId)
          .orElseThrow(() ->
              new GatewayException(
                  ErrorCode.OTHER_PATIENT, "That is not a record of the token's patient."));
    } catch (FanOutException e) {
      throw (e.failure() == Failure.TIMEOUT
              ? new GatewayException(ErrorCode.ALL_HOSPITALS_TIMED_OUT, e.getMessage())
              : new GatewayException(ErrorCode.ALL_HOSPITALS_FAILED, e.getMessage()))
          .retryAfter(FanOutSettings.BREAKER_OPEN);
    }
  }

  IBundleProvider search(
      ReferenceOrListParam patient, UriOrListParam source, RequestDetails request) {
    Ask ask = new Ask(access.caller(), AuditAction.SEARCH_TYPE, request.getCompleteUrl());
    Grant grant =
        access.grant(ask, onePatient(patient), List.of(type.fhirType()), Permission.SEARCH);
    if (grant instanceof Grant.Consented c && !c.coverage().types().contains(type)) {
      disclosures.refuse(ask, grant, type.fhirType());
      throw new GatewayException(
          ErrorCode.NO_CONSENT, "No active consent of the patient covers " + type.fhirType() + ".");
    }
    PagedQuery query =
        PagedQuery.search(grant.patientId(), type, forwarded(request), sources(source));
    AnswerForm form = PreEncodedResponses.answerForm(request);
    Page page = retrieval.page(ask, grant, query, form, StatelessPaging.pageSize(request), null);
    ResearchLinks.pseudonymize(request, grant.patientId(), page);
    return StatelessPaging.firstPage(tokens, page, query, ask.caller().clientId());
  }

  private static String onePatient(ReferenceOrListParam patient) {
    List<ReferenceParam> values = patient.getValuesAsQueryTokens();
    if (values.size() != 1) {
      throw new GatewayException(
          ErrorCode.UNSUPPORTED_PARAMETER, "patient: exactly one patient is required.");
    }
    ReferenceParam ref = values.get(0);
    if (ref.getChain() != null && !ref.getChain().isEmpty()) {
      throw new GatewayException(
          ErrorCode.UNSUPPORTED_PARAMETER, "patient: chained parameters are not supported.");
    }
    if (ref.getResourceType() != null && !ref.getResourceType().equals("Patient")) {
      throw new GatewayException(
          ErrorCode.INVALID_PARAMETER, "patient: the reference must be to a Patient.");
    }
    String id = ref.getIdPart();
    if (id == null || id.isEmpty()) {
      throw new GatewayException(ErrorCode.INVALID_PARAMETER, "patient: an id is required.");
    }
    return id;
  }

  private static Map<String, List<String>> forwarded(RequestDetails request) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (String name : FORWARDED) {
      String[] values = request.getParameters().get(name);
      if (values != null && values.length > 0) {
        params.put(name, List.of(values));
      }
    }
    return params;
  }

  private Set<String> sources(UriOrListParam source) {
    Set<String> codes = new HashSet<>();
    if (source == null) {
      return codes;
    }
    for (UriParam uri : source.getValuesAsQueryTokens()) {
      String value = uri.getValue();
      String code =
          value.startsWith(GlobalIds.SOURCE_PREFIX) ? GlobalIds.hospitalOfSource(value) : value;
      if (targets.byCode(code).isEmpty()) {
        throw new GatewayException(ErrorCode.UNKNOWN_SOURCE, "_source: no such hospital: " + code);
      }
      codes.add(code);
    }
    return codes;
  }

  private static GatewayException notFound() {
    return new GatewayException(ErrorCode.NOT_FOUND, "No such record.");
  }

  /** What every record API needs, in one argument. */
  record Services(
      Access access,
      Retrieval retrieval,
      Targets targets,
      FanOut fanOut,
      PatientContexts patients,
      Disclosures disclosures,
      PageTokens tokens) {}
}
