package kr.hiway.gateway.consent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import kr.hiway.adapter.source.HospitalSource;
import kr.hiway.vocabulary.LinkageToken;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A hospital holding one patient, {@code P1}, with two visits as the simulator writes them: {@code
 * gono} for a gonococcal infection (A54.9: its Condition, Encounter, progress note and ceftriaxone
 * prescription, the note and prescription linked to the visit only by their encounter) and {@code
 * cold} for a common cold; and a note {@code text-only} linked to nothing, whose text alone says
 * gonorrhoea. The Conditions and Encounters were last changed in 2020 ({@link #VISITS_CHANGED}),
 * the notes and prescriptions in 2025.
 */
final class GonococcalHospital implements HospitalSource {

  static final String KCD8 = "http://www.hl7korea.or.kr/CodeSystem/kostat-kcd-8";
  static final String ATC = "http://www.whocc.no/atc";
  static final String LOCAL = "P1";
  static final String CODE = "hosp";

  /** The ids of the records that tell of the gonococcal infection, as the gateway names them. */
  static final List<String> SENSITIVE =
      List.of(
          "DocumentReference/hosp.doc-gono",
          "Encounter/hosp.enc-gono",
          "MedicationRequest/hosp.med-gono",
          "DocumentReference/hosp.doc-text-only");

  /** The records of the cold visit a clinic is granted. */
  static final List<String> ORDINARY =
      List.of(
          "DocumentReference/hosp.doc-cold",
          "Encounter/hosp.enc-cold",
          "MedicationRequest/hosp.med-cold");

  static final Instant VISITS_CHANGED = Instant.parse("2020-01-01T00:00:00Z");
  static final Instant NOTES_CHANGED = Instant.parse("2025-01-01T00:00:00Z");

  private final String token;

  GonococcalHospital(LinkageToken linkage, String nationalId) {
    this.token = linkage.of(nationalId);
  }

  @Override
  public Optional<Patient> findByLinkageToken(String token) {
    return this.token.equals(token) ? patient(LOCAL) : Optional.empty();
  }

  @Override
  public Optional<Patient> patient(String id) {
    if (!LOCAL.equals(id)) {
      return Optional.empty();
    }
    Patient p = new Patient();
    p.setId(LOCAL);
    p.addIdentifier(new Identifier().setSystem(LinkageToken.SYSTEM).setValue(token));
    return Optional.of(p);
  }

  @Override
  public List<Resource> records(String patientId, RecordType type) {
    if (!LOCAL.equals(patientId)) {
      return List.of();
    }
    List<Resource> out = new ArrayList<>();
    for (Resource r : all()) {
      if (r.fhirType().equals(type.fhirType())) {
        out.add(r);
      }
    }
    return out;
  }

  @Override
  public Optional<Resource> read(RecordType type, String id) {
    return records(LOCAL, type).stream().filter(r -> r.getIdPart().equals(id)).findFirst();
  }

  private static List<Resource> all() {
    List<Resource> all =
        List.of(
            condition("gono", "A54.9", "상세불명의 임균감염"),
            encounter("gono"),
            note("gono", "상세불명의 임균감염으로 외래 진료함. 세프트리악손을 처방하고 재방문하도록 안내함."),
            prescription("gono", "J01DD04", "ceftriaxone"),
            condition("cold", "J00", "급성 비인두염"),
            encounter("cold"),
            note("cold", "급성 비인두염으로 외래 진료함. 아세트아미노펜을 처방함."),
            prescription("cold", "N02BE01", "paracetamol"),
            textOnlyNote());
    for (Resource r : all) {
      boolean visit = r instanceof Condition || r instanceof Encounter;
      r.getMeta().setLastUpdated(Date.from(visit ? VISITS_CHANGED : NOTES_CHANGED));
    }
    return all;
  }

  private static Condition condition(String visit, String code, String ko) {
    Condition c = new Condition();
    c.setId("cond-" + visit);
    c.setCode(new CodeableConcept(new Coding(KCD8, code, null)).setText(ko));
    c.setSubject(patientRef());
    c.setEncounter(new Reference("Encounter/enc-" + visit));
    return c;
  }

  private static Encounter encounter(String visit) {
    Encounter e = new Encounter();
    e.setId("enc-" + visit);
    e.setStatus(Encounter.EncounterStatus.FINISHED);
    e.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", null));
    e.setSubject(patientRef());
    e.addDiagnosis().setCondition(new Reference("Condition/cond-" + visit));
    return e;
  }

  private static DocumentReference note(String visit, String text) {
    DocumentReference d = document("doc-" + visit, text);
    d.getContext().addEncounter(new Reference("Encounter/enc-" + visit));
    return d;
  }

  private static DocumentReference textOnlyNote() {
    return document("doc-text-only", "Gonorrhoea NAAT positive; partner notification advised.");
  }

  private static DocumentReference document(String id, String text) {
    DocumentReference d = new DocumentReference();
    d.setId(id);
    d.setStatus(DocumentReferenceStatus.CURRENT);
    d.setType(new CodeableConcept(new Coding("http://loinc.org", "11506-3", "Progress note")));
    d.setSubject(patientRef());
    d.addContent()
        .setAttachment(
            new Attachment()
                .setContentType("text/plain; charset=utf-8")
                .setData(text.getBytes(StandardCharsets.UTF_8)));
    return d;
  }

  private static MedicationRequest prescription(String visit, String atc, String display) {
    MedicationRequest m = new MedicationRequest();
    m.setId("med-" + visit);
    m.setStatus(MedicationRequest.MedicationRequestStatus.COMPLETED);
    m.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
    m.setMedication(new CodeableConcept(new Coding(ATC, atc, display)));
    m.setSubject(patientRef());
    m.setEncounter(new Reference("Encounter/enc-" + visit));
    return m;
  }

  private static Reference patientRef() {
    return new Reference("Patient/" + LOCAL);
  }
}
