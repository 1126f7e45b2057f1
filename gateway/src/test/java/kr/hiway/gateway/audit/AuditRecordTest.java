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
      AuditRecord.success(AuditAction.SEARCH_TYPE, "clinic-seoul", "clinic-seoul")
          .patient("pt-1")
          .purpose("TREAT")
          .consents(List.of("c-1", "c-2"))
          .hospitals(List.of("snuh", "severance"))
          .types(List.of("Observation"))
          .released(20)
          .withheld(3)
          .reason("within consent")
          .query("http://gw/fhir/Observation?patient=pt-1")
          .build();

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
        AuditRecord.success(AuditAction.REGULATOR_STATS, "hiway-console", "regulator")
            .released(3)
            .reason("ledger counts")
            .query("/regulator/stats")
            .byStaff()
            .build();
    String json = new String(CanonicalJson.encode(staff.toJson()), StandardCharsets.UTF_8);
    assertThat(AuditRecord.fromJson(json).byStaff()).isTrue();
    assertThat(userRole(BalpEvents.of("e3", Instant.EPOCH, AuditRecord.fromJson(json))))
        .isEqualTo("humanuser");
    AuditRecord own =
        AuditRecord.success(AuditAction.READ, "demo-app", "patient47")
            .patient("pt-1")
            .types(List.of("Patient"))
            .released(1)
            .reason("the patient's own access")
            .query("/fhir/Patient/pt-1")
            .build();
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
        AuditRecord.refusal(AuditAction.REIDENTIFY, "hiway-console", "trustcenter")
            .reason("why \uD800 here")
            .build();
    String json = new String(CanonicalJson.encode(odd.toJson()), StandardCharsets.UTF_8);
    AuditRecord back = AuditRecord.fromJson(json);
    assertThat(back.reason()).isEqualTo("why \uFFFD here");
    assertThat(back.patientId()).isNull();
    AuditEvent event = BalpEvents.of("e2", Instant.EPOCH, back);
    assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
  }
}
