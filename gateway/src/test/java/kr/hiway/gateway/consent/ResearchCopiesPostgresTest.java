package kr.hiway.gateway.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import kr.hiway.consent.pseudonym.Pseudonymizer;
import kr.hiway.consent.testing.PostgresDatabase;
import kr.hiway.demo.network.DemoNetwork;
import kr.hiway.gateway.testing.Consents;
import kr.hiway.gateway.testing.GatewayDatabase;
import kr.hiway.gateway.testing.GatewayHttp;
import kr.hiway.gateway.testing.SmartLogin;
import kr.hiway.gateway.testing.TestTokens;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One demo person exported to the demo's two research recipients and to its treatment clinic, over
 * real HTTP to the demo hospitals and a real PostgreSQL: the research copies do not join, keep the
 * person's intervals, are cut to the day, and name no account or national id; the clinic's copy is
 * the hospitals' own dates; a research recipient cannot filter by date.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "hiway.demo.persons=20",
      "hiway.demo.latency=0ms",
      "hiway.demo.jitter=0ms",
      // A fixed master key, so that the offsets below are the same on every run.
      "hiway.pseudonym.master-key=" + ResearchCopiesPostgresTest.MASTER_KEY
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResearchCopiesPostgresTest {

  static final String MASTER_KEY = "aGl3YXktcmVzZWFyY2gtY29waWVzLXRlc3Qta2V5LTMyYnl0ZXMh";
  static final String A = "research-cohort";
  static final String B = "research-cohort-2";
  static final String CLINIC = "clinic-seoul";
  static final List<String> TYPES = List.of("Encounter", "Condition", "Observation");

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  @DynamicPropertySource
  static void datasource(DynamicPropertyRegistry registry) {
    GatewayDatabase.register(db, registry);
  }

  @LocalServerPort int port;
  @Autowired RSAKey signingKey;
  @Autowired DemoNetwork network;
  @Autowired Pseudonymizer pseudonymizer;

  GatewayHttp api;
  String patient;
  String nationalId;
  GatewayHttp.Answer copyA;
  GatewayHttp.Answer copyB;
  GatewayHttp.Answer clinic;

  @BeforeAll
  void exportToAll() throws Exception {
    String base = "http://localhost:" + port;
    api = new GatewayHttp(base);
    SmartLogin.Tokens t =
        new SmartLogin(base)
            .signIn("patient47", "patient47", "launch/patient patient/*.rs patient/Consent.cruds");
    patient = t.body().path("patient").asString();
    nationalId = network.population().person(0).nationalId(); // patient47 is person 0
    for (String[] r :
        List.of(
            new String[] {A, "HRESCH"},
            new String[] {B, "HRESCH"},
            new String[] {CLINIC, "TREAT"})) {
      GatewayHttp.Answer granted =
          api.send(
              "POST",
              "Consent",
              t.accessToken(),
              Consents.json(patient, r[0], r[1], TYPES, List.of(), ""));
      assertThat(granted.status()).as(r[0]).isEqualTo(201);
    }
    copyA = everything(A, "HRESCH");
    copyB = everything(B, "HRESCH");
    clinic = everything(CLINIC, "TREAT");
  }

  @Test
  void everythingWhenTwoResearchRecipientsThenNoRecordJoinsOnHospitalTypeCodeAndTime() {
    Set<String> a = joinKeys(records(copyA.bundle()));
    Set<String> b = joinKeys(records(copyB.bundle()));

    assertThat(a).hasSizeGreaterThan(5);
    Set<String> joined = new HashSet<>(a);
    joined.retainAll(b);
    assertThat(joined).isEmpty();
    assertThat(records(copyA.bundle()))
        .allSatisfy(r ->
            assertThat(r.getMeta().getSource()).startsWith("urn:hiway:hospital-pseudonym:hp-"));
  }

  @Test
  void everythingWhenResearchThenIntervalsKeptAndEveryDateShiftedByTheRecipientsOffset() {
    int offsetA = pseudonymizer.dateOffsetDays(A, nationalId);
    int offsetB = pseudonymizer.dateOffsetDays(B, nationalId);
    assertThat(offsetA).isNotZero().isNotEqualTo(offsetB);
    assertThat(offsetB).isNotZero();

    List<LocalDate> real = encounterDays(clinic.bundle());
    for (var copy : List.of(new Object[] {copyA, offsetA}, new Object[] {copyB, offsetB})) {
      List<LocalDate> shifted = encounterDays(((GatewayHttp.Answer) copy[0]).bundle());
      int offset = (int) copy[1];
      assertThat(shifted).hasSameSizeAs(real).hasSizeGreaterThan(1);
      for (int i = 0; i < real.size(); i++) {
        assertThat(ChronoUnit.DAYS.between(real.get(i), shifted.get(i))).isEqualTo(offset);
        if (i > 0) {
          assertThat(ChronoUnit.DAYS.between(shifted.get(i - 1), shifted.get(i)))
              .as("the interval between two encounters")
              .isEqualTo(ChronoUnit.DAYS.between(real.get(i - 1), real.get(i)));
        }
      }
    }
  }

  @Test
  void everythingWhenResearchThenDatesToTheDayAndNoInstants() {
    for (Resource r : records(copyA.bundle())) {
      assertThat(r.getMeta().hasLastUpdated()).isFalse();
      for (BaseDateTimeType d :
          ca.uhn.fhir.context.FhirContext.forR4Cached()
              .newTerser()
              .getAllPopulatedChildElementsOfType(r, BaseDateTimeType.class)) {
        assertThat(d.getValueAsString()).as(r.fhirType()).matches("\\d{4}(-\\d{2}(-\\d{2})?)?");
      }
    }
  }

  @Test
  void everythingWhenResearchThenNoAccountOrNationalIdAnywhere() {
    for (GatewayHttp.Answer copy : List.of(copyA, copyB)) {
      String body = copy.body();
      // Booleans, so that a failure prints no identifier.
      assertThat(body.contains("pt-")).as("an account id").isFalse();
      assertThat(body.contains(patient)).isFalse();
      assertThat(body.contains(nationalId)).isFalse();
      assertThat(body.contains(nationalId.replace("-", ""))).isFalse();
      assertThat(body.contains("urn:hiway:hospital:")).as("a hospital code").isFalse();
    }
  }

  @Test
  void everythingWhenClinicThenTheHospitalsOwnDatesAndSources() {
    List<Resource> records = records(clinic.bundle());
    assertThat(records)
        .allSatisfy(r -> assertThat(r.getMeta().getSource()).startsWith("urn:hiway:hospital:"));
    assertThat(records)
        .filteredOn(Encounter.class::isInstance)
        .anySatisfy(r ->
            assertThat(((Encounter) r).getPeriod().getStartElement().getValueAsString())
                .contains("T"));
  }

  @Test
  void searchWhenResearchRecipientFiltersByDateOrSourceThen400AndClinicMay() throws Exception {
    String token = TestTokens.recipient(signingKey, A, "HRESCH").signed();
    for (String query :
        List.of(
            "Encounter?patient=" + patient + "&date=ge2020-01-01",
            "Encounter?patient=" + patient + "&_lastUpdated=ge2020-01-01",
            "Encounter?patient=" + patient + "&_source=urn:hiway:hospital:snuh",
            "Patient/" + patient + "/$everything?_since=2020-01-01T00:00:00Z")) {
      GatewayHttp.Answer refused = api.get(query, token);
      assertThat(refused.status()).as(query).isEqualTo(400);
      assertThat(refused.errorCode()).as(query).isEqualTo("HIW-G045");
    }
    GatewayHttp.Answer clinicAnswer =
        api.get(
            "Encounter?patient=" + patient + "&date=ge2020-01-01",
            TestTokens.recipient(signingKey, CLINIC, "TREAT").signed());
    assertThat(clinicAnswer.status()).isEqualTo(200);
  }

  private GatewayHttp.Answer everything(String recipient, String purpose) throws Exception {
    GatewayHttp.Answer answer =
        api.get(
            "Patient/" + patient + "/$everything?_count=1000",
            TestTokens.recipient(signingKey, recipient, purpose).signed());
    assertThat(answer.status()).as(recipient).isEqualTo(200);
    return answer;
  }

  /** (hospital, type, code, time as written) of each Encounter and Condition. */
  private static Set<String> joinKeys(List<Resource> records) {
    Set<String> out = new HashSet<>();
    for (Resource r : records) {
      String hospital = r.getMeta().getSource();
      if (r instanceof Encounter e && e.getPeriod().hasStart()) {
        out.add(
            hospital
                + "|Encounter|"
                + e.getClass_().getCode()
                + "|"
                + time(e.getPeriod().getStartElement()));
      } else if (r instanceof Condition c && c.hasOnsetDateTimeType()) {
        out.add(
            hospital
                + "|Condition|"
                + c.getCode().getCodingFirstRep().getCode()
                + "|"
                + time(c.getOnsetDateTimeType()));
      }
    }
    return out;
  }

  private static String time(BaseDateTimeType d) {
    return d.getValueAsString();
  }

  private static List<LocalDate> encounterDays(Bundle bundle) {
    List<LocalDate> out = new ArrayList<>();
    for (Resource r : records(bundle)) {
      if (r instanceof Encounter e && e.getPeriod().hasStart()) {
        out.add(
            LocalDate.parse(e.getPeriod().getStartElement().getValueAsString().substring(0, 10)));
      }
    }
    return out;
  }

  private static List<Resource> records(Bundle bundle) {
    return bundle.getEntry().stream()
        .filter(e -> e.getSearch().getMode() != Bundle.SearchEntryMode.OUTCOME)
        .map(BundleEntryComponent::getResource)
        .toList();
  }
}
