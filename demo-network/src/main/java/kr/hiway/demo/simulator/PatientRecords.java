package kr.hiway.demo.simulator;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * Everything one hospital holds on one patient, freshly generated: the Patient and the records of
 * each type in chart order. Not thread-safe; made for one call and handed over.
 */
final class PatientRecords {

  private final Patient patient;
  private final Map<RecordType, List<Resource>> records;

  PatientRecords(Patient patient, Map<RecordType, List<Resource>> records) {
    this.patient = Objects.requireNonNull(patient, "patient");
    this.records = new EnumMap<>(RecordType.class);
    records.forEach((type, list) -> this.records.put(type, new ArrayList<>(list)));
  }

  Patient patient() {
    return patient;
  }

  /** The records of one type, in chart order; a new list the caller may keep. */
  List<Resource> of(RecordType type) {
    return new ArrayList<>(records.getOrDefault(type, List.of()));
  }

  Optional<Resource> find(RecordType type, String id) {
    return records.getOrDefault(type, List.of()).stream()
        .filter(r -> r.getIdElement().getIdPart().equals(id))
        .findFirst();
  }

  /** How many resources, the Patient included. */
  int size() {
    return 1 + records.values().stream().mapToInt(List::size).sum();
  }
}
