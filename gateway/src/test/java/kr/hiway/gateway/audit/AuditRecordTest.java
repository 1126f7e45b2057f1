package kr.hiway.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import kr.hiway.consent.ledger.CanonicalJson;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.Test;

/** The stored form of an audit record and the AuditEvent built from it when read. */
class AuditRecordTest {

  static final AuditRecord RECORD =
      new AuditRecord(
          "search-type",
          true,
          "pt-1",
          "clinic-seoul",
          "clinic-seoul",
          "TREAT",
          List.of("c-1", "c-2"),
          List.of("snuh", "severance"),
          List.of("Observation"),
          20,
          3,
          "within consent",
          "http://gw/fhir/Observation?patient=pt-1",
          false);

  @Test
  void jsonWhenReadBackThenSameRecordAndSameAuditEvent() {
    String json = new String(CanonicalJson.encode(RECORD.toJson()), StandardCharsets.UTF_8);
    AuditRecord back = AuditRecord.fromJson(json);
    assertThat(back).isEqualTo(RECORD);
    Instant at = Instant.parse("2026-11-21T10:00:00Z");
    var parser = FhirContext.forR4Cached().newJsonParser();
    assertThat(parser.encodeResourceToString(BalpEvents.of("e1", at, back)))
        .isEqualTo(parser.encodeResourceToString(BalpEvents.of("e1", at, RECORD)));
  }

  @Test
  void balpWhenStaffOrPatientThenTheUserAgentSaysWhich() {
    AuditRecord staff =
        new AuditRecord(
            "regulator-stats",
            true,
            null,
            "hiway-console",
            "regulator",
            null,
            List.of(),
            List.of(),
            List.of(),
            3,
            0,
            "ledger counts",
            "/regulator/stats",
            true);
    String json = new String(CanonicalJson.encode(staff.toJson()), StandardCharsets.UTF_8);
    assertThat(AuditRecord.fromJson(json).byStaff()).isTrue();
    assertThat(userRole(BalpEvents.of("e3", Instant.EPOCH, AuditRecord.fromJson(json))))
        .isEqualTo("humanuser");
    AuditRecord own =
        new AuditRecord(
            "read",
            true,
            "pt-1",
            "demo-app",
            "patient47",
            null,
            List.of(),
            List.of(),
            List.of("Patient"),
            1,
            0,
            "the patient's own access",
            "/fhir/Patient/pt-1",
            false);
    assertThat(userRole(BalpEvents.of("e4", Instant.EPOCH, own))).isEqualTo("PAT");
  }

  static String userRole(AuditEvent event) {
    return event.getAgent().stream()
        .filter(AuditEvent.AuditEventAgentComponent::getRequestor)
        .findFirst()
        .orElseThrow()
        .getType()
        .getCodingFirstRep()
        .getCode();
  }

  @Test
  void jsonWhenNullsAndLoneSurrogateThenStoredAndReadBack() {
    AuditRecord odd =
        new AuditRecord(
            "reidentify",
            false,
            null,
            "hiway-console",
            "trustcenter",
            null,
            List.of(),
            List.of(),
            List.of(),
            0,
            0,
            "why \uD800 here",
            null,
            false);
    String json = new String(CanonicalJson.encode(odd.toJson()), StandardCharsets.UTF_8);
    AuditRecord back = AuditRecord.fromJson(json);
    assertThat(back.reason()).isEqualTo("why \uFFFD here");
    assertThat(back.patientId()).isNull();
    AuditEvent event = BalpEvents.of("e2", Instant.EPOCH, back);
    assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
  }
}
