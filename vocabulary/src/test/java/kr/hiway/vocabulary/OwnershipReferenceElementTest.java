package kr.hiway.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link Ownership#referenceElement} names the element {@link Ownership#belongsTo} judges by. */
class OwnershipReferenceElementTest {

  @ParameterizedTest
  @EnumSource(RecordType.class)
  void referenceElementWhenSetThenBelongsToItsPatientOnly(RecordType type) throws Exception {
    Resource record = type.resourceClass().getDeclaredConstructor().newInstance();
    assertThat(Ownership.belongsTo(record, "P1")).isFalse();

    record.setProperty(Ownership.referenceElement(type.fhirType()), new Reference("Patient/P1"));

    assertThat(Ownership.belongsTo(record, "P1")).isTrue();
    assertThat(Ownership.belongsTo(record, "P2")).isFalse();
  }
}
