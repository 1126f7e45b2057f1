package kr.hiway.adapter.server;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.util.List;
import kr.hiway.adapter.source.HospitalSource;
import kr.hiway.vocabulary.ErrorCode;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/** Read and search of one record type over the hospital's source. */
abstract class AbstractRecordProvider implements IResourceProvider {

  private final RecordType type;
  private final HospitalSource source;

  AbstractRecordProvider(RecordType type, HospitalSource source) {
    this.type = type;
    this.source = source;
  }

  @Override
  public Class<? extends IBaseResource> getResourceType() {
    return type.resourceClass();
  }

  @Read
  public IBaseResource read(@IdParam IdType id) {
    return source
        .read(type, id.getIdPart())
        .orElseThrow(() ->
            new AdapterException(
                ErrorCode.ADAPTER_UNKNOWN_RECORD, "No " + type.fhirType() + " with that id."));
  }

  IBundleProvider search(
      ReferenceOrListParam patient, RecordFilter filter, Integer offset, Integer count) {
    String patientId = Patients.idOf(patient);
    List<Resource> matching = source.records(patientId, type).stream().filter(filter).toList();
    return Pages.page(matching, offset, count);
  }
}
