package kr.hiway.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.hiway.gateway.admin.HospitalMonitor;
import kr.hiway.gateway.registry.HospitalRegistry;
import kr.hiway.gateway.testing.GatewayHttp;
import kr.hiway.gateway.testing.SmartLogin;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The patient's single API end to end: the real SMART sign-in (authorization code + PKCE through
 * the form), then the gateway fanning out over HTTP to the 47 simulated hospitals.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:e2e;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
      "hiway.demo.persons=2000"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PatientApiEndToEndTest {

  @LocalServerPort int port;
  @Autowired HospitalRegistry registry;
  @Autowired HospitalMonitor monitor;
  GatewayHttp api;
  String token47;
  String patient47;
  String token1;
  String patient1;

  @BeforeAll
  void signIn() throws Exception {
    String base = "http://localhost:" + port;
    api = new GatewayHttp(base);
    SmartLogin.Tokens t47 =
        new SmartLogin(base)
            .signIn("patient47", "patient47", "openid fhirUser launch/patient patient/*.rs");
    token47 = t47.accessToken();
    patient47 = t47.body().path("patient").asString();
    SmartLogin.Tokens t1 =
        new SmartLogin(base).signIn("patient1", "patient1", "launch/patient patient/*.rs");
    token1 = t1.accessToken();
    patient1 = t1.body().path("patient").asString();
    // The demo's 47 adapters run in this JVM: a first answer makes 47 mutual-TLS handshakes at
    // once on the test machine's cores, which on a slow one can outlast the connect timeout (the
    // hospital is then named in the outcome). These tests are about what is answered: the
    // connections are made first.
    api.get("Patient/" + patient47 + "/$everything?_count=1", token47);
  }

  @Test
  void everythingWhenSignedInThenRecordsFromEveryHospital() throws Exception {
    GatewayHttp.Answer answer =
        api.get("Patient/" + patient47 + "/$everything?_count=1000", token47);
    assertThat(answer.status()).isEqualTo(200);
    Bundle bundle = answer.bundle();
    assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
    List<Resource> resources =
        bundle.getEntry().stream().map(BundleEntryComponent::getResource).toList();
    assertThat(resources)
        .as(answer.body().substring(Math.max(0, answer.body().length() - 600)))
        .noneMatch(r -> r.fhirType().equals("OperationOutcome"));
    assertThat(resources.get(0)).isInstanceOf(Patient.class);
    assertThat(resources.get(0).getIdPart()).isEqualTo(patient47);
    assertThat(((Patient) resources.get(0)).getNameFirstRep().getFamily()).isNotBlank();
    assertThat(((Patient) resources.get(0)).getIdentifier()).isEmpty();
    Set<String> sources = new HashSet<>();
    Set<String> ids = new HashSet<>();
    for (Resource r : resources.subList(1, resources.size())) {
      sources.add(r.getMeta().getSource());
      assertThat(ids.add(r.fhirType() + "/" + r.getIdPart())).as("unique id").isTrue();
      for (Reference ref :
          FhirContext.forR4Cached()
              .newTerser()
              .getAllPopulatedChildElementsOfType(r, Reference.class)) {
        if (ref.getReference() != null && ref.getReference().startsWith("Patient/")) {
          assertThat(ref.getReference()).isEqualTo("Patient/" + patient47);
        }
      }
    }
    assertThat(sources).hasSize(47).allMatch(s -> s.startsWith("urn:hiway:hospital:"));
    assertThat(resources.size()).isGreaterThan(300);
    assertThat(bundle.getTotal()).isEqualTo(resources.size());
  }

  @Test
  void readWhenAnsweredThenRequestIdAndNoServerMakeInHeaders() throws Exception {
    GatewayHttp.Answer answer = api.get("Patient/" + patient47, token47);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.raw().headers().firstValue("X-Powered-By")).isEmpty();
    assertThat(answer.raw().headers().firstValue("X-Request-ID"))
        .hasValueSatisfying(id -> assertThat(id).matches("[A-Za-z0-9]{16}"));
  }

  @Test
  void everythingWhenTypeAndSinceThenOnlyThoseTypesChangedSince() throws Exception {
    Bundle conditions =
        api.get("Patient/" + patient47 + "/$everything?_type=Condition&_count=1000", token47)
            .bundle();
    assertThat(conditions.getEntry())
        .isNotEmpty()
        .allMatch(e -> e.getResource().fhirType().equals("Condition"));
    Bundle future =
        api.get(
                "Patient/" + patient47 + "/$everything?_type=Condition&_since=2099-01-01T00:00:00Z",
                token47)
            .bundle();
    assertThat(future.getEntry()).isEmpty();
    assertThat(future.getTotal()).isZero();
  }

  @Test
  void searchWhenPagedThenNextLinksReachEveryMatchOnce() throws Exception {
    Bundle page = api.get("Observation?patient=" + patient47 + "&_count=40", token47).bundle();
    int total = page.getTotal();
    assertThat(total).isGreaterThan(40);
    List<String> seen = new ArrayList<>();
    while (true) {
      page.getEntry().stream()
          .map(BundleEntryComponent::getResource)
          .filter(r -> r.fhirType().equals("Observation"))
          .forEach(r -> seen.add(r.getIdPart()));
      if (page.getLink(Bundle.LINK_NEXT) == null) {
        break;
      }
      GatewayHttp.Answer next = api.get(page.getLink(Bundle.LINK_NEXT).getUrl(), token47);
      assertThat(next.status()).isEqualTo(200);
      page = next.bundle();
    }
    assertThat(seen).hasSize(total).doesNotHaveDuplicates();
  }

  @Test
  void nextLinkWhenReplayedWithAnotherPatientsTokenThen403() throws Exception {
    Bundle page = api.get("Observation?patient=" + patient47 + "&_count=10", token47).bundle();
    String next = page.getLink(Bundle.LINK_NEXT).getUrl();
    GatewayHttp.Answer replayed = api.get(next, token1);
    assertThat(replayed.status()).isEqualTo(403);
    assertThat(replayed.errorCode()).isEqualTo("HIW-G011");
  }

  @Test
  void nextLinkWhenTamperedThen400() throws Exception {
    Bundle page = api.get("Observation?patient=" + patient47 + "&_count=10", token47).bundle();
    String url = page.getLink(Bundle.LINK_NEXT).getUrl();
    int at = url.indexOf("_getpages=") + "_getpages=".length();
    // Change the token's first character to a different one (the same letter would be no change).
    char changed = url.charAt(at) == 'A' ? 'B' : 'A';
    String next = url.substring(0, at) + changed + url.substring(at + 1);
    GatewayHttp.Answer tampered = api.get(next, token47);
    assertThat(tampered.status()).isEqualTo(400);
  }

  @Test
  void searchWhenXmlOrPrettyThenTheSameEntriesAsPlainJsonWrittenAhead() throws Exception {
    // Plain JSON is written from bytes encoded ahead (HAPI's bundle builder sees empty stand-ins);
    // XML and pretty JSON are HAPI's own encoding of the records: all three must agree.
    String path =
        "Observation?patient=" + patient47 + "&_source=urn:hiway:hospital:snuh&_count=1000";
    ca.uhn.fhir.context.FhirContext fhir = ca.uhn.fhir.context.FhirContext.forR4Cached();
    Bundle plain = api.get(path, token47).bundle();
    GatewayHttp.Answer xmlAnswer = api.get(path + "&_format=xml", token47);
    assertThat(xmlAnswer.status()).isEqualTo(200);
    Bundle xml = fhir.newXmlParser().parseResource(Bundle.class, xmlAnswer.body());
    Bundle pretty = api.get(path + "&_pretty=true", token47).bundle();
    assertThat(plain.getEntry()).isNotEmpty();
    for (Bundle other : List.of(xml, pretty)) {
      assertThat(other.getEntry()).hasSameSizeAs(plain.getEntry());
      for (int i = 0; i < plain.getEntry().size(); i++) {
        assertThat(other.getEntry().get(i).getFullUrl())
            .isEqualTo(plain.getEntry().get(i).getFullUrl());
        assertThat(
                fhir.newJsonParser().encodeResourceToString(other.getEntry().get(i).getResource()))
            .isEqualTo(
                fhir.newJsonParser().encodeResourceToString(plain.getEntry().get(i).getResource()));
      }
    }
  }

  @Test
  void searchWhenFilteredByCategoryAndSourceThenOnlyThose() throws Exception {
    Bundle labs =
        api.get(
                "Observation?patient="
                    + patient47
                    + "&category=laboratory&_source=urn:hiway:hospital:snuh&_count=1000",
                token47)
            .bundle();
    assertThat(labs.getEntry()).isNotEmpty();
    assertThat(labs.getEntry())
        .allSatisfy(e -> {
          assertThat(e.getResource().getMeta().getSource()).isEqualTo("urn:hiway:hospital:snuh");
          assertThat(
                  ((org.hl7.fhir.r4.model.Observation) e.getResource())
                      .getCategoryFirstRep()
                      .getCodingFirstRep()
                      .getCode())
              .isEqualTo("laboratory");
        });
  }

  @Test
  void readWhenOwnRecordByIdThenIt() throws Exception {
    Bundle some = api.get("Condition?patient=" + patient47 + "&_count=1", token47).bundle();
    Resource first = some.getEntryFirstRep().getResource();
    GatewayHttp.Answer read = api.get("Condition/" + first.getIdPart(), token47);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.body()).contains(first.getIdPart());
  }

  @Test
  void readWhenAnotherPatientsRecordByIdThen403() throws Exception {
    Bundle theirs = api.get("Condition?patient=" + patient47 + "&_count=1", token47).bundle();
    String id = theirs.getEntryFirstRep().getResource().getIdPart();
    GatewayHttp.Answer read = api.get("Condition/" + id, token1);
    assertThat(read.status()).isEqualTo(403);
    assertThat(read.errorCode()).isEqualTo("HIW-G003");
  }

  @Test
  void readWhenOtherPatientIdInPathThen403() throws Exception {
    assertThat(api.get("Patient/" + patient1, token47).status()).isEqualTo(403);
    GatewayHttp.Answer everything = api.get("Patient/" + patient1 + "/$everything", token47);
    assertThat(everything.status()).isEqualTo(403);
    assertThat(everything.errorCode()).isEqualTo("HIW-G003");
    GatewayHttp.Answer search = api.get("Observation?patient=" + patient1, token47);
    assertThat(search.status()).isEqualTo(403);
    assertThat(search.errorCode()).isEqualTo("HIW-G003");
  }

  @Test
  void hospitalStatusWhenNotAPatientThereFromTheCacheThenNotCountedAsACall() throws Exception {
    Bundle first = api.get("Patient/" + patient1 + "/$everything?_count=1000", token1).bundle();
    Set<String> answered = new HashSet<>();
    first.getEntry().forEach(e -> answered.add(e.getResource().getMeta().getSource()));
    List<String> elsewhere =
        registry.all().stream()
            .map(h -> h.code())
            .filter(code -> !answered.contains("urn:hiway:hospital:" + code))
            .toList();
    assertThat(elsewhere).isNotEmpty();
    Map<String, Long> before = new HashMap<>();
    elsewhere.forEach(
        code -> before.put(code, monitor.lastCalls(code).map(c -> c.calls()).orElse(0L)));

    // "Not a patient here" is cached: the hospital is not asked, and that is no call to it.
    api.get("Patient/" + patient1 + "/$everything?_count=1000", token1);

    for (String code : elsewhere) {
      assertThat(monitor.lastCalls(code).map(c -> c.calls()).orElse(0L))
          .as("calls to %s", code)
          .isEqualTo(before.get(code));
    }
  }

  @Test
  void auditEventsWhenPagedThenEveryEventOnceNewestFirstWithTheTotalAndNextLinks()
      throws Exception {
    for (int i = 0; i < 12; i++) {
      assertThat(api.get("Patient/" + patient1, token1).status()).isEqualTo(200);
    }
    Bundle whole = api.get("AuditEvent?patient=" + patient1 + "&_count=1000", token1).bundle();
    assertThat(whole.getLink(Bundle.LINK_NEXT)).isNull();
    List<String> expected =
        whole.getEntry().stream().map(e -> e.getResource().getIdPart()).toList();
    assertThat(expected.size()).isGreaterThanOrEqualTo(12);
    assertThat(whole.getTotal()).isEqualTo(expected.size());

    List<String> paged = new ArrayList<>();
    List<java.util.Date> times = new ArrayList<>();
    String next = "AuditEvent?patient=" + patient1 + "&_count=5";
    int pages = 0;
    while (next != null) {
      GatewayHttp.Answer answer = api.get(next, token1);
      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      Bundle page = answer.bundle();
      assertThat(page.getEntry()).hasSizeLessThanOrEqualTo(5);
      assertThat(page.getTotal()).isGreaterThanOrEqualTo(expected.size());
      for (BundleEntryComponent e : page.getEntry()) {
        paged.add(e.getResource().getIdPart());
        times.add(((AuditEvent) e.getResource()).getRecorded());
      }
      if (pages == 0) {
        // Events written after the first page (this very search is one) do not shift the rest.
        api.get("Patient/" + patient1, token1);
        String link = page.getLink(Bundle.LINK_NEXT).getUrl();
        assertThat(link).doesNotContain(patient1);
        // A link is the client's and patient's it was issued to.
        GatewayHttp.Answer stolen = api.get(link, token47);
        assertThat(stolen.status()).isEqualTo(403);
        assertThat(stolen.errorCode()).isEqualTo("HIW-G011");
      }
      next = page.getLink(Bundle.LINK_NEXT) == null ? null : page.getLinkOrCreate("next").getUrl();
      pages++;
    }
    assertThat(pages).isGreaterThan(2);
    assertThat(paged).doesNotHaveDuplicates().containsExactlyElementsOf(expected);
    assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
  }

  /** Widening or unsupported parameters are HIW-G005, malformed values HIW-G006, never HAPI's. */
  @ParameterizedTest
  @CsvSource(
      delimiter = ' ',
      value = {
        "Observation?subject=Patient/%s HIW-G005",
        "Observation?subject:Patient=%s HIW-G005",
        "Observation?patient=%s,OTHER HIW-G005",
        "Observation?patient=%s&patient=OTHER HIW-G005",
        "Observation?patient.identifier=%s HIW-G005",
        "Observation?patient=%s&_include=Observation:performer HIW-G005",
        "Observation?patient=%s&_revinclude=Provenance:target HIW-G005",
        "Observation?patient=%s&_has:Condition:subject:code=x HIW-G005",
        "Observation?patient=%s&_summary=count HIW-G005",
        "Observation?patient=%s&_total=accurate HIW-G005",
        "Observation?patient=%s&_elements=id HIW-G005",
        "Observation?patient=%s&code:text=x HIW-G005",
        "Observation?patient=%s&_count=0 HIW-G005",
        "AuditEvent?patient=%s&_include=AuditEvent:agent HIW-G005",
        "AuditEvent?patient=%s&_count=0 HIW-G005",
        "Observation?patient=%s&date=notadate HIW-G006",
        "Observation?patient=%s&_count=ten HIW-G006",
        "Observation?patient=%s&_source=urn:hiway:hospital:nowhere HIW-G014",
        "Immunization?patient=%s&category=x HIW-G005",
        "Patient/%s/$everything?_type=Claim HIW-G006",
      })
  void requestWhenItCouldWidenAccessOrIsMalformedThen400WithItsCode(String template, String code)
      throws Exception {
    GatewayHttp.Answer answer = api.get(template.formatted(patient47), token47);
    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.errorCode()).as(answer.body()).isEqualTo(code);
    assertThat(answer.body()).doesNotContain("HAPI-");
  }

  @Test
  void batchOrTransactionWhenPostedThenRefusedAndNothingRead() throws Exception {
    String transaction =
        "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"request\":"
            + "{\"method\":\"GET\",\"url\":\"Observation?patient="
            + patient1
            + "\"}}]}";
    GatewayHttp.Answer answer = api.send("POST", "", token47, transaction);
    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.errorCode()).isEqualTo("HIW-G006");
    assertThat(answer.body()).doesNotContain("\"resourceType\":\"Observation\"");
  }

  @Test
  void writeWhenPostedToARecordTypeThen405() throws Exception {
    GatewayHttp.Answer answer =
        api.send("POST", "Observation", token47, "{\"resourceType\":\"Observation\"}");
    assertThat(answer.status()).as(answer.body()).isEqualTo(405);
    assertThat(answer.errorCode()).isEqualTo("HIW-G013");
  }

  @Test
  void everythingWhenScopeCoversOnlyObservationsThenOnlyObservations() throws Exception {
    String base = "http://localhost:" + port;
    String narrow =
        new SmartLogin(base)
            .signIn("patient47", "patient47", "launch/patient patient/Observation.rs")
            .accessToken();
    Bundle bundle = api.get("Patient/" + patient47 + "/$everything?_count=1000", narrow).bundle();
    assertThat(bundle.getEntry())
        .extracting(e -> e.getResource().fhirType())
        .containsOnly("Observation");
    GatewayHttp.Answer conditions = api.get("Condition?patient=" + patient47, narrow);
    assertThat(conditions.status()).isEqualTo(403);
    assertThat(conditions.errorCode()).isEqualTo("HIW-G004");
  }

  @Test
  void readPatientWhenOwnThenDemographicsWithoutHospitalIdentifiers() throws Exception {
    GatewayHttp.Answer answer = api.get("Patient/" + patient1, token1);
    assertThat(answer.status()).isEqualTo(200);
    Patient p = answer.resource(Patient.class);
    assertThat(p.getIdPart()).isEqualTo(patient1);
    assertThat(p.getNameFirstRep().getFamily()).isNotBlank();
    assertThat(p.getIdentifier()).isEmpty();
    assertThat(answer.body()).doesNotContain("linkage-token");
  }
}
