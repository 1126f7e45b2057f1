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

/**
 * A record type with a category: every type but Immunization. The typed parameters are declared so
 * that HAPI validates them (a malformed date is a 400 here, not at 47 hospitals) and the capability
 * statement lists them; their values go on to the hospitals as sent.
 */
final class RecordApi extends AbstractRecordApi {

  RecordApi(RecordType type, Services services) {
    super(type, services);
  }

  @Search
  public IBundleProvider search(
      @RequiredParam(name = "patient", targetTypes = Patient.class) ReferenceOrListParam patient,
      @OptionalParam(name = "date") DateRangeParam date,
      @OptionalParam(name = "category") TokenOrListParam category,
      @OptionalParam(name = "code") TokenOrListParam code,
      @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
      @OptionalParam(name = "_source") UriOrListParam source,
      RequestDetails request) {
    return search(patient, source, request);
  }
}
