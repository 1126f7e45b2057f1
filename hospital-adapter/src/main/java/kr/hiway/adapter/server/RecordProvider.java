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

/** A record type that has a category: every type but Immunization. */
final class RecordProvider extends AbstractRecordProvider {

  RecordProvider(RecordType type, HospitalSource source) {
    super(type, source);
    if (type == RecordType.IMMUNIZATION) {
      throw new IllegalArgumentException("Immunization has no category; use ImmunizationProvider");
    }
  }

  @Search
  public IBundleProvider search(
      @RequiredParam(name = "patient", targetTypes = Patient.class) ReferenceOrListParam patient,
      @OptionalParam(name = "date") DateRangeParam date,
      @OptionalParam(name = "category") TokenOrListParam category,
      @OptionalParam(name = "code") TokenOrListParam code,
      @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
      @Offset Integer offset,
      @Count Integer count) {
    return search(patient, new RecordFilter(date, category, code, lastUpdated), offset, count);
  }
}
