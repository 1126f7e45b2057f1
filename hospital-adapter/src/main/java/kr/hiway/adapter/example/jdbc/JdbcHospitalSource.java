package kr.hiway.adapter.example.jdbc;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import kr.hiway.adapter.source.HospitalSource;
import kr.hiway.vocabulary.LinkageToken;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A {@link HospitalSource} over an EMR database with plain JDBC: the worked example of the adapter
 * SDK ({@code docs/adapter-sdk.md}), reading the sample schema of {@link SampleEmr}.
 *
 * <p>Six of the nine record types come from tables: Encounter (visit), Condition (diagnosis),
 * DiagnosticReport (lab_order), Observation (lab_result), MedicationRequest (prescription) and
 * AllergyIntolerance (allergy). The sample EMR keeps no immunizations, procedures or documents, so
 * those types are always empty, which the adapter answers as an empty search, as it must.
 *
 * <p>Record ids are a prefix per table and the row's key ({@code enc-1001}, {@code res-4001}), so
 * {@link #read} knows the table and the key from the id alone.
 *
 * <p>Linkage: at construction the source reads every patient's resident registration number once,
 * computes its linkage token, and keeps only the tokens. A hospital with millions of patients, or
 * patients registered while the adapter runs, would rather keep the token in a column of its own,
 * filled when a patient is registered, and look it up with an index.
 *
 * <p>Thread-safe: the token index is immutable after construction and every call takes its own
 * connection from the data source.
 */
public final class JdbcHospitalSource implements HospitalSource {

  static final String ENCOUNTER_PREFIX = "enc-";
  static final String CONDITION_PREFIX = "dx-";
  static final String REPORT_PREFIX = "lab-";
  static final String OBSERVATION_PREFIX = "res-";
  static final String MEDICATION_PREFIX = "rx-";
  static final String ALLERGY_PREFIX = "alg-";

  /**
   * How one record type is read: the query without its WHERE clause, the column that picks a
   * patient's rows, the row key behind the id prefix, and the order that keeps paging stable.
   */
  private record Table(
      String prefix,
      String select,
      String patientColumn,
      String keyColumn,
      String orderBy,
      Jdbc.RowMapper<? extends Resource> mapper) {

    String byPatient() {
      return select + " WHERE " + patientColumn + " = ? ORDER BY " + orderBy;
    }

    String byKey() {
      return select + " WHERE " + keyColumn + " = ?";
    }
  }

  private static final String VISIT_JOIN = " JOIN visit v ON v.visit_no = x.visit_no";

  private static final Map<RecordType, Table> TABLES =
      Map.of(
          RecordType.ENCOUNTER,
          new Table(
              ENCOUNTER_PREFIX,
              "SELECT x.* FROM visit x",
              "x.mrn",
              "x.visit_no",
              "x.started_at, x.visit_no",
              EmrMapping::encounter),
          RecordType.CONDITION,
          new Table(
              CONDITION_PREFIX,
              "SELECT x.*, v.mrn, v.started_at FROM diagnosis x" + VISIT_JOIN,
              "v.mrn",
              "x.diagnosis_no",
              "v.started_at, x.diagnosis_no",
              EmrMapping::condition),
          RecordType.DIAGNOSTIC_REPORT,
          new Table(
              REPORT_PREFIX,
              "SELECT x.*, v.mrn FROM lab_order x" + VISIT_JOIN,
              "v.mrn",
              "x.order_no",
              "x.collected_at, x.order_no",
              EmrMapping::report),
          RecordType.OBSERVATION,
          new Table(
              OBSERVATION_PREFIX,
              "SELECT x.*, o.visit_no, o.collected_at, o.reported_at, v.mrn FROM lab_result x"
                  + " JOIN lab_order o ON o.order_no = x.order_no"
                  + " JOIN visit v ON v.visit_no = o.visit_no",
              "v.mrn",
              "x.result_no",
              "o.collected_at, x.result_no",
              EmrMapping::observation),
          RecordType.MEDICATION_REQUEST,
          new Table(
              MEDICATION_PREFIX,
              "SELECT x.*, v.mrn, v.visit_type, v.physician FROM prescription x" + VISIT_JOIN,
              "v.mrn",
              "x.rx_no",
              "x.prescribed_at, x.rx_no",
              EmrMapping::medication),
          RecordType.ALLERGY_INTOLERANCE,
          new Table(
              ALLERGY_PREFIX,
              "SELECT x.* FROM allergy x",
              "x.mrn",
              "x.allergy_no",
              "x.recorded_at, x.allergy_no",
              EmrMapping::allergy));

  /** Which results belong to which report (lab order). */
  private static final String RESULTS =
      "SELECT r.order_no, r.result_no FROM lab_result r"
          + " JOIN lab_order x ON x.order_no = r.order_no"
          + VISIT_JOIN;

  private final Jdbc jdbc;
  private final String hospitalCode;
  private final Map<String, String> mrnByToken;
  private final Map<String, String> tokenByMrn;

  /**
   * Reads the patient master once to index linkage tokens.
   *
   * @param dataSource the EMR database
   * @param hospitalCode the hospital's code, used in the record-number identifier system
   * @param linkage the token maker under the key this hospital shares with the gateway
   */
  public JdbcHospitalSource(DataSource dataSource, String hospitalCode, LinkageToken linkage) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(linkage, "linkage");
    this.hospitalCode = Objects.requireNonNull(hospitalCode, "hospitalCode");
    this.jdbc = new Jdbc(dataSource);
    Map<String, String> byToken = new HashMap<>();
    Map<String, String> byMrn = new HashMap<>();
    for (String[] row :
        jdbc.query(
            "SELECT mrn, resident_no FROM patient",
            r -> new String[] {r.getString("mrn"), r.getString("resident_no")})) {
      String token = linkage.of(row[1]);
      byToken.put(token, row[0]);
      byMrn.put(row[0], token);
    }
    this.mrnByToken = Map.copyOf(byToken);
    this.tokenByMrn = Map.copyOf(byMrn);
  }

  @Override
  public Optional<Patient> findByLinkageToken(String token) {
    Objects.requireNonNull(token, "token");
    String mrn = mrnByToken.get(token);
    return mrn == null ? Optional.empty() : patient(mrn);
  }

  @Override
  public Optional<Patient> patient(String id) {
    Objects.requireNonNull(id, "id");
    String token = tokenByMrn.get(id);
    if (token == null) {
      return Optional.empty();
    }
    return jdbc
        .query(
            "SELECT * FROM patient WHERE mrn = ?",
            r -> EmrMapping.patient(r, hospitalCode, token),
            id)
        .stream()
        .findFirst();
  }

  @Override
  public List<Resource> records(String patientId, RecordType type) {
    Objects.requireNonNull(patientId, "patientId");
    Table table = TABLES.get(Objects.requireNonNull(type, "type"));
    if (table == null) {
      return List.of();
    }
    List<Resource> rows = List.copyOf(jdbc.query(table.byPatient(), table.mapper(), patientId));
    if (type == RecordType.DIAGNOSTIC_REPORT) {
      addResults(rows, "v.mrn", patientId);
    }
    return rows;
  }

  @Override
  public Optional<Resource> read(RecordType type, String id) {
    Objects.requireNonNull(id, "id");
    Table table = TABLES.get(Objects.requireNonNull(type, "type"));
    if (table == null || !id.startsWith(table.prefix())) {
      return Optional.empty();
    }
    long key;
    try {
      key = Long.parseLong(id.substring(table.prefix().length()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    List<Resource> rows = List.copyOf(jdbc.query(table.byKey(), table.mapper(), key));
    if (type == RecordType.DIAGNOSTIC_REPORT) {
      addResults(rows, "x.order_no", key);
    }
    return rows.stream().findFirst();
  }

  /** Adds to each report the references to its results, found with one query for all of them. */
  private void addResults(List<Resource> reports, String column, Object value) {
    if (reports.isEmpty()) {
      return;
    }
    Map<String, DiagnosticReport> byId = new HashMap<>();
    reports.forEach(r -> byId.put(r.getIdPart(), (DiagnosticReport) r));
    String sql = RESULTS + " WHERE " + column + " = ? ORDER BY r.result_no";
    for (long[] pair :
        jdbc.query(sql, r -> new long[] {r.getLong("order_no"), r.getLong("result_no")}, value)) {
      DiagnosticReport report = byId.get(REPORT_PREFIX + pair[0]);
      if (report != null) {
        report.addResult(new Reference("Observation/" + OBSERVATION_PREFIX + pair[1]));
      }
    }
  }
}
