package kr.hiway.adapter.example.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import kr.hiway.adapter.conformance.TestAdapters;
import kr.hiway.vocabulary.LinkageToken;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The JDBC example's mapping and lookups, straight against the sample EMR. */
class JdbcHospitalSourceTest {

  static JdbcHospitalSource source;

  @BeforeAll
  static void open() throws Exception {
    source = TestAdapters.sampleEmr();
  }

  @Test
  void findByLinkageTokenWhenTestPersonThenTheirPatientWithoutResidentNumber() {
    Patient p = source.findByLinkageToken(TestAdapters.testPersonToken()).orElseThrow();
    assertThat(p.getIdPart()).isEqualTo(SampleEmr.TEST_PERSON_MRN);
    assertThat(p.getNameFirstRep().getText()).isEqualTo("김민준");
    assertThat(p.getIdentifier())
        .extracting(i -> i.getValue())
        .contains(TestAdapters.testPersonToken())
        .noneMatch(v -> v.contains("580312"));
  }

  @Test
  void findByLinkageTokenWhenKeyDiffersThenNobody() {
    String other = LinkageToken.withKey(new byte[32]).of(SampleEmr.TEST_PERSON_RESIDENT_NO);
    assertThat(source.findByLinkageToken(other)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = RecordType.class,
      names = {"IMMUNIZATION", "PROCEDURE", "DOCUMENT_REFERENCE"})
  void recordsWhenTypeHasNoTableThenEmpty(RecordType type) {
    assertThat(source.records(SampleEmr.TEST_PERSON_MRN, type)).isEmpty();
  }

  @Test
  void recordsWhenReportsThenEachListsItsResults() {
    DiagnosticReport first =
        (DiagnosticReport)
            source.records(SampleEmr.TEST_PERSON_MRN, RecordType.DIAGNOSTIC_REPORT).get(0);
    assertThat(first.getResult())
        .extracting(r -> r.getReference())
        .containsExactly("Observation/res-4001", "Observation/res-4002", "Observation/res-4003");
  }

  @Test
  void recordsWhenPrescriptionThenEdiAndAtcCodings() {
    MedicationRequest m =
        (MedicationRequest)
            source.records(SampleEmr.TEST_PERSON_MRN, RecordType.MEDICATION_REQUEST).get(0);
    assertThat(m.getMedicationCodeableConcept().getCoding())
        .extracting(c -> c.getSystem() + "|" + c.getCode())
        .containsExactly(EmrMapping.EDI + "|900000011", EmrMapping.ATC + "|C08CA01");
  }

  @ParameterizedTest
  @CsvSource({
    "OBSERVATION, res-4001, true",
    "OBSERVATION, res-9999, false",
    "OBSERVATION, enc-1001, false",
    "OBSERVATION, res-x, false",
    "IMMUNIZATION, res-4001, false",
    "DIAGNOSTIC_REPORT, lab-3004, true",
  })
  void readWhenIdThenOnlyThatTablesRow(RecordType type, String id, boolean found) {
    assertThat(source.read(type, id).map(Resource::getIdPart))
        .isEqualTo(found ? Optional.of(id) : Optional.empty());
  }
}
