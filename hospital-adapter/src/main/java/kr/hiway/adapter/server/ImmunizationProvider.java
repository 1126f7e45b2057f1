package kr.hiway.adapter.server;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import kr.hiway.adapter.source.HospitalSource;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.Patient;

/**
 * Immunization has no category element in R4, so its search has no {@code category} parameter and
 * the capability statement says so.
 */
final class ImmunizationProvider extends AbstractRecordProvider {

  ImmunizationProvider(HospitalSource source) {
    super(RecordType.IMMUNIZATION, source);
  }

  @Search
  public IBundleProvider search(
      @RequiredParam(name = "patient", targetTypes = Patient.class) ReferenceOrListParam patient,
      @OptionalParam(name = "date") DateRangeParam date,
      @OptionalParam(name = "code") TokenOrListParam code,
      @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
      @Offset Integer offset,
      @Count Integer count) {
    return search(patient, new RecordFilter(date, null, code, lastUpdated), offset, count);
  }
}
