package kr.hiway.adapter.source;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * What a hospital plugs into its adapter: read access to its EMR, already mapped to FHIR R4.
 *
 * <p>The adapter does the FHIR API around it: search parameters, paging, errors, the capability
 * statement. A source only finds patients and hands over their records, so an EMR needs a few
 * queries, not a FHIR server.
 *
 * <p>Implementations must be thread-safe: the adapter calls them from many (virtual) threads at
 * once. No method takes or returns null; absence is an empty {@link Optional} or list. Resources
 * returned belong to the caller, who may change them, so return new objects or copies. Every
 * resource carries its logical id, and its {@code meta.lastUpdated}.
 *
 * <p>A source never sees nor returns a national identifier: the gateway asks for a person by
 * {@linkplain kr.hiway.vocabulary.LinkageToken linkage token} only.
 */
public interface HospitalSource {

  /** The patient this hospital links to a linkage token, if any. */
  Optional<Patient> findByLinkageToken(String token);

  /** The patient with this hospital-local id, if any. */
  Optional<Patient> patient(String id);

  /**
   * Every record of one type for one patient, in a stable order (the same call gives the same
   * order, so that paging is consistent). Empty for an unknown patient.
   */
  List<Resource> records(String patientId, RecordType type);

  /** One record by its type and id, if it exists. */
  Optional<Resource> read(RecordType type, String id);

  /**
   * Every record of the given types for one patient, type by type in the order given, each type in
   * the order of {@link #records}. The default asks {@link #records} once per type; a source that
   * reads a patient's chart in one go should override it.
   */
  default List<Resource> everything(String patientId, Collection<RecordType> types) {
    List<Resource> all = new ArrayList<>();
    for (RecordType type : types) {
      all.addAll(records(patientId, type));
    }
    return all;
  }
}
