package kr.hiway.gateway.fhir;

import ca.uhn.fhir.model.valueset.BundleTypeEnum;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.hiway.adapter.source.RecordType;
import kr.hiway.gateway.security.Caller;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;

/** {@code Patient/{id}} and {@code Patient/{id}/$everything} across every hospital. */
final class PatientApi implements IResourceProvider {

  private final Access access;
  private final Retrieval retrieval;

  PatientApi(Access access, Retrieval retrieval) {
    this.access = access;
    this.retrieval = retrieval;
  }

  @Override
  public Class<Patient> getResourceType() {
    return Patient.class;
  }

  @Read
  public Patient read(@IdParam IdType id) {
    Caller caller = access.caller();
    String patientId = access.patientFor(caller, id.getIdPart());
    access.require(caller, "Patient", 'r');
    PagedQuery query =
        new PagedQuery(
            PagedQuery.Kind.DEMOGRAPHICS, patientId, List.of(), null, true, Map.of(), Set.of());
    return retrieval.run(query).patient();
  }

  @Operation(name = "$everything", idempotent = true, bundleType = BundleTypeEnum.SEARCHSET)
  public IBundleProvider everything(
      @IdParam IdType id,
      @OperationParam(name = "_type") List<StringType> type,
      @OperationParam(name = "_since") InstantType since,
      @OperationParam(name = "_count") IntegerType count) {
    Caller caller = access.caller();
    String patientId = access.patientFor(caller, id.getIdPart());
    Set<String> asked = typesAsked(type);
    // Scopes narrow $everything to what they cover, as SMART intends; asking only for types the
    // token does not cover is refused.
    List<String> types = new ArrayList<>();
    for (String t : asked) {
      if (!t.equals("Patient") && access.allows(caller, t, 'r')) {
        types.add(t);
      }
    }
    boolean withPatient = asked.contains("Patient") && access.allows(caller, "Patient", 'r');
    if (types.isEmpty() && !withPatient) {
      throw new GatewayException(
          GatewayError.INSUFFICIENT_SCOPE, "The token's scopes cover none of the types asked for.");
    }
    String sinceValue = since == null ? null : since.getValue().toInstant().toString();
    PagedQuery query =
        new PagedQuery(
            PagedQuery.Kind.EVERYTHING,
            patientId,
            types,
            sinceValue,
            withPatient,
            Map.of(),
            Set.of());
    return new MergedBundle(query, retrieval.run(query));
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
              GatewayError.INVALID_PARAMETER, "_type: not a type this gateway serves: " + n);
        }
        asked.add(n);
      }
    }
    return asked;
  }
}
