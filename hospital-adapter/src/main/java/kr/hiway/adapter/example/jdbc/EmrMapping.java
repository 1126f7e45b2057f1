package kr.hiway.adapter.example.jdbc;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import kr.hiway.vocabulary.LinkageToken;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * From EMR rows to FHIR R4: one method per table, reading the columns its query selects. This is
 * the part of an adapter that knows both the EMR and FHIR; everything about the FHIR API (search,
 * paging, errors) is the adapter's. Stateless.
 *
 * <p>EMR times are Korean local times; they are written with the fixed offset {@code +09:00} (Korea
 * has no daylight saving), so nothing depends on the JVM's time zone.
 */
final class EmrMapping {

  static final String KCD8 = "http://www.hl7korea.or.kr/CodeSystem/kostat-kcd-8";
  static final String EDI = "http://www.hl7korea.or.kr/CodeSystem/hira-edi-medication";
  static final String ATC = "http://www.whocc.no/atc";
  static final String LOINC = "http://loinc.org";
  static final String UCUM = "http://unitsofmeasure.org";
  static final String SNOMED = "http://snomed.info/sct";

  private static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
  private static final String IDENTIFIER_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0203";
  private static final String CONDITION_CLINICAL =
      "http://terminology.hl7.org/CodeSystem/condition-clinical";
  private static final String CONDITION_VERIFICATION =
      "http://terminology.hl7.org/CodeSystem/condition-ver-status";
  private static final String CONDITION_CATEGORY =
      "http://terminology.hl7.org/CodeSystem/condition-category";
  private static final String OBSERVATION_CATEGORY =
      "http://terminology.hl7.org/CodeSystem/observation-category";
  private static final String INTERPRETATION =
      "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
  private static final String DIAGNOSTIC_SERVICE = "http://terminology.hl7.org/CodeSystem/v2-0074";
  private static final String MEDICATION_CATEGORY =
      "http://terminology.hl7.org/CodeSystem/medicationrequest-category";
  private static final String ALLERGY_CLINICAL =
      "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";
  private static final String ALLERGY_VERIFICATION =
      "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification";

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  private EmrMapping() {}

  /**
   * The patient master row, without the resident number: it stays in the EMR, and only its linkage
   * token (computed by the source) goes out.
   */
  static Patient patient(ResultSet row, String hospitalCode, String linkageToken)
      throws SQLException {
    String mrn = row.getString("mrn");
    Patient p = stamp(new Patient(), mrn, row);
    p.addIdentifier(
        new Identifier()
            .setUse(Identifier.IdentifierUse.USUAL)
            .setType(concept(IDENTIFIER_TYPE, "MR", "Medical record number"))
            .setSystem("urn:hiway:hospital:" + hospitalCode + ":mrn")
            .setValue(mrn));
    p.addIdentifier(new Identifier().setSystem(LinkageToken.SYSTEM).setValue(linkageToken));
    p.setActive(true);
    String family = row.getString("family_name");
    String given = row.getString("given_name");
    p.addName()
        .setUse(HumanName.NameUse.OFFICIAL)
        .setFamily(family)
        .addGiven(given)
        .setText(family + given);
    p.setGender(
        row.getString("sex").equals("M") ? AdministrativeGender.MALE : AdministrativeGender.FEMALE);
    p.setBirthDateElement(new DateType(row.getObject("birth_date", LocalDate.class).toString()));
    String phone = row.getString("phone");
    if (phone != null) {
      p.addTelecom()
          .setSystem(ContactPoint.ContactPointSystem.PHONE)
          .setUse(ContactPoint.ContactPointUse.MOBILE)
          .setValue(phone);
    }
    String address = row.getString("address");
    if (address != null) {
      p.addAddress().setUse(Address.AddressUse.HOME).setText(address).setCountry("KR");
    }
    return p;
  }

  static Encounter encounter(ResultSet row) throws SQLException {
    Encounter e =
        stamp(new Encounter(), JdbcHospitalSource.ENCOUNTER_PREFIX + row.getLong("visit_no"), row);
    LocalDateTime ended = row.getObject("ended_at", LocalDateTime.class);
    e.setStatus(
        ended == null ? Encounter.EncounterStatus.INPROGRESS : Encounter.EncounterStatus.FINISHED);
    VisitType type = VisitType.of(row.getString("visit_type"));
    e.setClass_(new Coding(ACT_CODE, type.actCode, type.actDisplay));
    e.addType(concept(SNOMED, type.snomed, type.snomedDisplay).setText(type.ko));
    e.setSubject(patientRef(row));
    Period period = new Period().setStartElement(dateTime(row, "started_at"));
    if (ended != null) {
      period.setEndElement(dateTime(ended));
    }
    e.setPeriod(period);
    e.addParticipant().setIndividual(new Reference().setDisplay(row.getString("physician")));
    e.setServiceType(new CodeableConcept().setText(row.getString("department")));
    return e;
  }

  static Condition condition(ResultSet row) throws SQLException {
    Condition c =
        stamp(
            new Condition(),
            JdbcHospitalSource.CONDITION_PREFIX + row.getLong("diagnosis_no"),
            row);
    boolean chronic = row.getBoolean("chronic");
    c.setClinicalStatus(
        chronic
            ? concept(CONDITION_CLINICAL, "active", "Active")
            : concept(CONDITION_CLINICAL, "resolved", "Resolved"));
    c.setVerificationStatus(concept(CONDITION_VERIFICATION, "confirmed", "Confirmed"));
    c.addCategory(concept(CONDITION_CATEGORY, "encounter-diagnosis", "Encounter Diagnosis"));
    c.setCode(
        concept(KCD8, row.getString("kcd_code"), row.getString("name_en"))
            .setText(row.getString("name_ko")));
    c.setSubject(patientRef(row));
    c.setEncounter(visitRef(row));
    c.setOnset(new DateTimeType(row.getObject("onset_date", LocalDate.class).toString()));
    c.setRecordedDateElement(dateTime(row, "started_at"));
    return c;
  }

  static Observation observation(ResultSet row) throws SQLException {
    Observation o =
        stamp(
            new Observation(),
            JdbcHospitalSource.OBSERVATION_PREFIX + row.getLong("result_no"),
            row);
    o.setStatus(Observation.ObservationStatus.FINAL);
    o.addCategory(concept(OBSERVATION_CATEGORY, "laboratory", "Laboratory"));
    o.setCode(
        concept(LOINC, row.getString("loinc"), row.getString("name_en"))
            .setText(row.getString("name_ko")));
    o.setSubject(patientRef(row));
    o.setEncounter(visitRef(row));
    o.setEffective(dateTime(row, "collected_at"));
    o.setIssuedElement(instant(row.getObject("reported_at", LocalDateTime.class)));
    String unit = row.getString("unit_ucum");
    o.setValue(quantity(row.getBigDecimal("value_num"), unit));
    Observation.ObservationReferenceRangeComponent range = o.addReferenceRange();
    if (row.getBigDecimal("ref_low") != null) {
      range.setLow(quantity(row.getBigDecimal("ref_low"), unit));
    }
    if (row.getBigDecimal("ref_high") != null) {
      range.setHigh(quantity(row.getBigDecimal("ref_high"), unit));
    }
    String flag = row.getString("flag");
    if ("H".equals(flag)) {
      o.addInterpretation(concept(INTERPRETATION, "H", "High"));
    } else if ("L".equals(flag)) {
      o.addInterpretation(concept(INTERPRETATION, "L", "Low"));
    }
    return o;
  }

  /** A lab order as a report; its results are added by the caller. */
  static DiagnosticReport report(ResultSet row) throws SQLException {
    DiagnosticReport r =
        stamp(
            new DiagnosticReport(),
            JdbcHospitalSource.REPORT_PREFIX + row.getLong("order_no"),
            row);
    r.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
    r.addCategory(concept(DIAGNOSTIC_SERVICE, "LAB", "Laboratory"));
    r.setCode(
        concept(LOINC, row.getString("loinc"), row.getString("name_en"))
            .setText(row.getString("name_ko")));
    r.setSubject(patientRef(row));
    r.setEncounter(visitRef(row));
    r.setEffective(dateTime(row, "collected_at"));
    r.setIssuedElement(instant(row.getObject("reported_at", LocalDateTime.class)));
    return r;
  }

  static MedicationRequest medication(ResultSet row) throws SQLException {
    MedicationRequest m =
        stamp(
            new MedicationRequest(),
            JdbcHospitalSource.MEDICATION_PREFIX + row.getLong("rx_no"),
            row);
    m.setStatus(MedicationRequest.MedicationRequestStatus.fromCode(row.getString("status")));
    m.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
    boolean inpatient = VisitType.of(row.getString("visit_type")) == VisitType.INPATIENT;
    m.addCategory(
        inpatient
            ? concept(MEDICATION_CATEGORY, "inpatient", "Inpatient")
            : concept(MEDICATION_CATEGORY, "outpatient", "Outpatient"));
    // The EDI product code is what Korean claims use; ATC says what the drug is anywhere.
    CodeableConcept drug = new CodeableConcept().setText(row.getString("name_ko"));
    drug.addCoding(new Coding(EDI, row.getString("edi_code"), row.getString("name_ko")));
    drug.addCoding(new Coding(ATC, row.getString("atc_code"), row.getString("name_en")));
    m.setMedication(drug);
    m.setSubject(patientRef(row));
    m.setEncounter(visitRef(row));
    m.setAuthoredOnElement(dateTime(row, "prescribed_at"));
    m.setRequester(new Reference().setDisplay(row.getString("physician")));
    long diagnosis = row.getLong("diagnosis_no");
    if (!row.wasNull()) {
      m.addReasonReference(
          new Reference("Condition/" + JdbcHospitalSource.CONDITION_PREFIX + diagnosis));
    }
    m.addDosageInstruction().setSequence(1).setText(row.getString("sig"));
    Duration supply = new Duration();
    supply.setValue(row.getInt("days")).setUnit("days").setSystem(UCUM).setCode("d");
    m.getDispenseRequest().setExpectedSupplyDuration(supply);
    return m;
  }

  static AllergyIntolerance allergy(ResultSet row) throws SQLException {
    AllergyIntolerance a =
        stamp(
            new AllergyIntolerance(),
            JdbcHospitalSource.ALLERGY_PREFIX + row.getLong("allergy_no"),
            row);
    a.setClinicalStatus(concept(ALLERGY_CLINICAL, "active", "Active"));
    a.setVerificationStatus(concept(ALLERGY_VERIFICATION, "confirmed", "Confirmed"));
    a.setType(AllergyIntolerance.AllergyIntoleranceType.ALLERGY);
    a.addCategory(
        AllergyIntolerance.AllergyIntoleranceCategory.fromCode(row.getString("category")));
    a.setCriticality(
        row.getBoolean("high_risk")
            ? AllergyIntolerance.AllergyIntoleranceCriticality.HIGH
            : AllergyIntolerance.AllergyIntoleranceCriticality.LOW);
    a.setCode(
        concept(SNOMED, row.getString("snomed_code"), row.getString("name_en"))
            .setText(row.getString("name_ko")));
    a.setPatient(patientRef(row));
    a.setRecordedDateElement(dateTime(row, "recorded_at"));
    a.addReaction()
        .addManifestation(
            concept(SNOMED, row.getString("reaction_snomed"), row.getString("reaction_en"))
                .setText(row.getString("reaction_ko")));
    return a;
  }

  /** The three kinds of visit, with the FHIR codes each maps to. */
  enum VisitType {
    OUTPATIENT("O", "AMB", "ambulatory", "11429006", "Consultation", "외래 진료"),
    INPATIENT("I", "IMP", "inpatient encounter", "32485007", "Hospital admission", "입원 진료"),
    EMERGENCY("E", "EMER", "emergency", "50849002", "Emergency room admission", "응급실 진료");

    final String emr;
    final String actCode;
    final String actDisplay;
    final String snomed;
    final String snomedDisplay;
    final String ko;

    VisitType(
        String emr,
        String actCode,
        String actDisplay,
        String snomed,
        String snomedDisplay,
        String ko) {
      this.emr = emr;
      this.actCode = actCode;
      this.actDisplay = actDisplay;
      this.snomed = snomed;
      this.snomedDisplay = snomedDisplay;
      this.ko = ko;
    }

    static VisitType of(String emr) {
      for (VisitType t : values()) {
        if (t.emr.equals(emr)) {
          return t;
        }
      }
      throw new IllegalArgumentException("unknown visit type " + emr);
    }
  }

  private static <R extends Resource> R stamp(R resource, String id, ResultSet row)
      throws SQLException {
    resource.setId(id);
    resource
        .getMeta()
        .setLastUpdatedElement(instant(row.getObject("updated_at", LocalDateTime.class)));
    return resource;
  }

  private static Reference patientRef(ResultSet row) throws SQLException {
    return new Reference("Patient/" + row.getString("mrn"));
  }

  private static Reference visitRef(ResultSet row) throws SQLException {
    return new Reference(
        "Encounter/" + JdbcHospitalSource.ENCOUNTER_PREFIX + row.getLong("visit_no"));
  }

  private static CodeableConcept concept(String system, String code, String display) {
    return new CodeableConcept(new Coding(system, code, display));
  }

  private static Quantity quantity(BigDecimal value, String ucum) {
    return new Quantity().setValue(value).setUnit(ucum).setSystem(UCUM).setCode(ucum);
  }

  private static DateTimeType dateTime(ResultSet row, String column) throws SQLException {
    return dateTime(row.getObject(column, LocalDateTime.class));
  }

  private static DateTimeType dateTime(LocalDateTime t) {
    return new DateTimeType(LOCAL.format(t) + "+09:00");
  }

  private static InstantType instant(LocalDateTime t) {
    return new InstantType(LOCAL.format(t) + "+09:00");
  }
}
