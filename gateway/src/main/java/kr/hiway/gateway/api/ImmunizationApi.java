package kr.hiway.gateway.api;

import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.UriOrListParam;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.Patient;

/** Immunization has no category in R4, so its search has no {@code category} parameter. */
final class ImmunizationApi extends AbstractRecordApi {

  ImmunizationApi(Services services) {
    super(RecordType.IMMUNIZATION, services);
  }

  @Search
  public IBundleProvider search(
      @RequiredParam(name = "patient", targetTypes = Patient.class) ReferenceOrListParam patient,
      @OptionalParam(name = "date") DateRangeParam date,
      @OptionalParam(name = "code") TokenOrListParam code,
      @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
      @OptionalParam(name = "_source") UriOrListParam source,
      RequestDetails request) {
    return search(patient, source, request);
  }
}
