package kr.hiway.gateway.api;

import ca.uhn.fhir.model.valueset.BundleTypeEnum;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import kr.hiway.gateway.audit.AuditAction;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.gateway.fanout.AnswerForm;
import kr.hiway.gateway.release.Access;
import kr.hiway.gateway.release.Ask;
import kr.hiway.gateway.release.Disclosures;
import kr.hiway.gateway.release.Grant;
import kr.hiway.gateway.release.Merged;
import kr.hiway.gateway.release.Page;
import kr.hiway.gateway.release.PagedQuery;
import kr.hiway.gateway.release.Retrieval;
import kr.hiway.gateway.security.Caller;
import kr.hiway.gateway.security.SmartScopes.Permission;
import kr.hiway.vocabulary.ErrorCode;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;

/** {@code Patient/{id}} and {@code Patient/{id}/$everything} across every hospital. */
final class PatientApi implements IResourceProvider {

  private final Access access;
  private final Retrieval retrieval;
  private final Disclosures disclosures;
  private final PageTokens tokens;

  PatientApi(Access access, Retrieval retrieval, Disclosures disclosures, PageTokens tokens) {
    this.access = access;
    this.retrieval = retrieval;
    this.disclosures = disclosures;
    this.tokens = tokens;
  }

  @Override
  public Class<Patient> getResourceType() {
    return Patient.class;
  }

  /** A patient's own demographics; third parties receive records, not demographics. */
  @Read
  public Patient read(@IdParam IdType id, RequestDetails request) {
    Ask ask = new Ask(access.caller(), AuditAction.READ, request.getCompleteUrl());
    String patientId = access.patientFor(ask.caller(), id.getIdPart());
    Grant grant = access.grant(ask, patientId, List.of("Patient"), Permission.READ);
    // A Patient alone, composed from the hospitals' models and written by HAPI.
    return retrieval.run(ask, grant, PagedQuery.demographics(patientId), AnswerForm.HAPI).patient();
  }

  @Operation(name = "$everything", idempotent = true, bundleType = BundleTypeEnum.SEARCHSET)
  public IBundleProvider everything(
      @IdParam IdType id,
      @OperationParam(name = "_type") List<StringType> type,
      @OperationParam(name = "_since") InstantType since,
      @OperationParam(name = "_count") IntegerType count,
      RequestDetails request) {
    Ask ask = new Ask(access.caller(), AuditAction.OPERATION, request.getCompleteUrl());
    Caller caller = ask.caller();
    Set<String> asked = typesAsked(type);
    boolean own = caller.patientId().isPresent();
    // Scopes narrow $everything to what they cover, as SMART intends; asking only for types the
    // token does not cover is refused.
    List<String> types = new ArrayList<>();
    for (String t : asked) {
      if (!t.equals("Patient") && access.allows(caller, t, Permission.READ)) {
        types.add(t);
      }
    }
    boolean withPatient =
        own && asked.contains("Patient") && access.allows(caller, "Patient", Permission.READ);
    if (types.isEmpty() && !withPatient) {
      throw new GatewayException(
          ErrorCode.INSUFFICIENT_SCOPE, "The token's scopes cover none of the types asked for.");
    }
    Grant grant = access.grant(ask, id.getIdPart(), types, Permission.READ);
    if (grant instanceof Grant.Consented c) {
      // Ask the hospitals only for what some consent covers.
      List<String> scoped = List.copyOf(types);
      types.removeIf(
          t -> c.coverage().types().stream().noneMatch(kind -> kind.fhirType().equals(t)));
      if (types.isEmpty()) {
        // As for a search of a type no consent covers.
        disclosures.refuse(ask, grant, scoped);
        throw new GatewayException(
            ErrorCode.NO_CONSENT, "No active consent of the patient covers the types asked for.");
      }
    }
    String sinceValue = since == null ? null : since.getValue().toInstant().toString();
    PagedQuery query =
        withPatient
            ? PagedQuery.everythingWithPatient(grant.patientId(), types, sinceValue)
            : PagedQuery.everything(grant.patientId(), types, sinceValue);
    if (types.isEmpty() && !withPatient) {
      // No type left that some consent covers: nothing to ask anyone, but the answer is recorded.
      disclosures.record(ask, grant, Merged.nothing());
      return new MergedBundle(query, Merged.nothing());
    }
    AnswerForm form = PreEncodedResponses.answerForm(request);
    Page page = retrieval.page(ask, grant, query, form, StatelessPaging.pageSize(request), null);
    ResearchLinks.pseudonymize(request, grant.patientId(), page);
    return StatelessPaging.firstPage(tokens, page, query, caller.clientId());
  }

  private static Set<String> typesAsked(List<StringType> type) {
    Set<String> asked = new LinkedHashSet<>();
    if (type == null || type.isEmpty()) {
      asked.add("Patient");
      for (RecordType t : RecordType.values()) {
        asked.add(t.fhirType());
      }
      return asked;
    }
    for (StringType list : type) {
      for (String name : list.getValueNotNull().split(",")) {
        String n = name.strip();
        if (!n.equals("Patient") && RecordType.ofFhirType(n).isEmpty()) {
          throw new GatewayException(
              ErrorCode.INVALID_PARAMETER, "_type: not a type this gateway serves: " + n);
        }
        asked.add(n);
      }
    }
    return asked;
  }
}
