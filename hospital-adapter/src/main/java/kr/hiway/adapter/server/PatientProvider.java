package kr.hiway.adapter.server;

import ca.uhn.fhir.model.valueset.BundleTypeEnum;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import kr.hiway.adapter.source.HospitalSource;
import kr.hiway.vocabulary.ErrorCode;
import kr.hiway.vocabulary.LinkageToken;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/** Patient read, the linkage lookup, and {@code $everything}. */
final class PatientProvider implements IResourceProvider {

  private final HospitalSource source;

  PatientProvider(HospitalSource source) {
    this.source = source;
  }

  @Override
  public Class<Patient> getResourceType() {
    return Patient.class;
  }

  @Read
  public Patient read(@IdParam IdType id) {
    return patient(id);
  }

  /**
   * The linkage lookup: {@code Patient?identifier=urn:hiway:linkage-token|TOKEN}. No other
   * identifier finds a person here, so a caller without the hospital's linkage key cannot search by
   * a national identifier, a name or a record number.
   */
  @Search
  public List<Patient> byLinkageToken(@RequiredParam(name = "identifier") TokenParam identifier) {
    if (identifier.getModifier() != null) {
      throw new AdapterException(
          ErrorCode.ADAPTER_UNSUPPORTED_MODIFIER, "identifier: modifiers are not supported");
    }
    if (!LinkageToken.SYSTEM.equals(identifier.getSystem())) {
      throw new AdapterException(
          ErrorCode.ADAPTER_UNSUPPORTED_IDENTIFIER,
          "identifier: only " + LinkageToken.SYSTEM + "|<token> is accepted");
    }
    return source.findByLinkageToken(identifier.getValueNotNull()).stream().toList();
  }

  @Operation(name = "$everything", idempotent = true, bundleType = BundleTypeEnum.SEARCHSET)
  public IBundleProvider everything(
      @IdParam IdType id,
      @OperationParam(name = "_since") InstantType since,
      @OperationParam(name = "_type") List<StringType> types,
      @Offset Integer offset,
      @Count Integer count) {
    Patient patient = patient(id);
    Set<RecordType> wanted = wantedTypes(types);
    boolean withPatient = types == null || types.isEmpty() || mentions(types, "Patient");
    Date from = since == null ? null : since.getValue();
    List<Resource> all = new ArrayList<>();
    if (withPatient && changedSince(patient, from)) {
      all.add(patient);
    }
    for (Resource r : source.everything(patient.getIdPart(), wanted)) {
      if (changedSince(r, from)) {
        all.add(r);
      }
    }
    return Pages.page(all, offset, count);
  }

  private Patient patient(IdType id) {
    Optional<Patient> found = source.patient(id.getIdPart());
    return found.orElseThrow(
        () -> new AdapterException(ErrorCode.ADAPTER_UNKNOWN_PATIENT, "No Patient with that id."));
  }

  private static Set<RecordType> wantedTypes(List<StringType> types) {
    if (types == null || types.isEmpty()) {
      return EnumSet.allOf(RecordType.class);
    }
    Set<RecordType> wanted = EnumSet.noneOf(RecordType.class);
    for (StringType list : types) {
      for (String name : list.getValueNotNull().split(",")) {
        String n = name.strip();
        if (n.equals("Patient")) {
          continue;
        }
        wanted.add(
            RecordType.ofFhirType(n)
                .orElseThrow(() ->
                    new AdapterException(
                        ErrorCode.ADAPTER_INVALID_PARAMETER,
                        "_type: not a type this adapter serves: " + n)));
      }
    }
    return wanted;
  }

  private static boolean mentions(List<StringType> types, String name) {
    return types.stream()
        .flatMap(t -> List.of(t.getValueNotNull().split(",")).stream())
        .anyMatch(n -> n.strip().equals(name));
  }

  private static boolean changedSince(IBaseResource r, Date since) {
    if (since == null) {
      return true;
    }
    Date updated = r.getMeta().getLastUpdated();
    return updated != null && !updated.before(since);
  }
}
