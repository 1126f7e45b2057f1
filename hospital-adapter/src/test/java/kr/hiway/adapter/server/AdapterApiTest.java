package kr.hiway.adapter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import kr.hiway.adapter.source.HospitalSource;
import kr.hiway.vocabulary.LinkageToken;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The adapter's FHIR API over real HTTP, driven by HAPI's generic client. */
class AdapterApiTest {

  static final FhirContext FHIR = FhirContext.forR4Cached();
  static AdapterHost host;
  static IGenericClient client;

  @BeforeAll
  static void start() throws Exception {
    host =
        AdapterHost.start(
            "127.0.0.1",
            List.of(
                new AdapterHost.Mount(
                    "fixture",
                    0,
                    new AdapterServlet(FHIR, "fixture", new FixtureSource(), Latency.NONE))));
    FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    client = FHIR.newRestfulGenericClient(host.baseUrl("fixture").toString());
  }

  @AfterAll
  static void stop() throws Exception {
    host.close();
  }

  static Bundle get(String url) {
    return client.search().byUrl(url).returnBundle(Bundle.class).execute();
  }

  static List<String> ids(Bundle bundle) {
    return bundle.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
  }

  static String errorCode(BaseServerResponseException e) {
    OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
    return outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode();
  }

  static BaseServerResponseException failure(String url) {
    return catchThrowableOfType(BaseServerResponseException.class, () -> get(url));
  }

  @Test
  void linkageLookupWhenTokenKnownThenThatPatient() {
    Bundle found = get("Patient?identifier=" + LinkageToken.SYSTEM + "|" + FixtureSource.TOKEN);
    assertThat(ids(found)).containsExactly("P1");
  }

  @Test
  void linkageLookupWhenTokenUnknownThenEmptyBundle() {
    Bundle found = get("Patient?identifier=" + LinkageToken.SYSTEM + "|nobody");
    assertThat(found.getEntry()).isEmpty();
    assertThat(found.getTotal()).isZero();
  }

  @Test
  void readWhenSourceFailsThen500WithoutDetail() throws Exception {
    String secret = "SELECT national_id FROM emr_patient failed";
    HospitalSource failing =
        new HospitalSource() {
          @Override
          public Optional<Patient> findByLinkageToken(String token) {
            throw new IllegalStateException(secret);
          }

          @Override
          public Optional<Patient> patient(String id) {
            throw new IllegalStateException(secret);
          }

          @Override
          public List<Resource> records(String patientId, RecordType type) {
            throw new IllegalStateException(secret);
          }

          @Override
          public Optional<Resource> read(RecordType type, String id) {
            throw new IllegalStateException(secret);
          }
        };
    try (AdapterHost broken =
        AdapterHost.start(
            "127.0.0.1",
            List.of(
                new AdapterHost.Mount(
                    "broken", 0, new AdapterServlet(FHIR, "broken", failing, Latency.NONE))))) {
      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(broken.baseUrl("broken") + "/Patient/P1"))
                      .header("Accept", "application/fhir+json")
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(answer.statusCode()).isEqualTo(500);
      OperationOutcome outcome =
          FHIR.newJsonParser().parseResource(OperationOutcome.class, answer.body());
      assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode())
          .isEqualTo("HIW-A010");
      assertThat(answer.body()).doesNotContain("SELECT", "emr_patient");
    }
  }

  @ParameterizedTest
  @CsvSource({"Patient?identifier=" + FixtureSource.TOKEN, "Patient?identifier=urn:other|x"})
  void linkageLookupWhenNotALinkageTokenThen400(String url) {
    BaseServerResponseException e = failure(url);
    assertThat(e.getStatusCode()).isEqualTo(400);
    assertThat(errorCode(e)).isEqualTo("HIW-A004");
  }

  @Test
  void readWhenPatientKnownThenPatient() {
    Patient p = client.read().resource(Patient.class).withId("P1").execute();
    assertThat(p.getIdElement().getIdPart()).isEqualTo("P1");
  }

  @Test
  void readWhenPatientUnknownThen404WithOutcome() {
    BaseServerResponseException e =
        catchThrowableOfType(
            BaseServerResponseException.class,
            () -> client.read().resource(Patient.class).withId("P9").execute());
    assertThat(e.getStatusCode()).isEqualTo(404);
    assertThat(errorCode(e)).isEqualTo("HIW-A001");
  }

  @ParameterizedTest
  @EnumSource(RecordType.class)
  void readWhenRecordKnownThenIt(RecordType type) {
    String id = "P1-" + type.fhirType().toLowerCase() + "-1";
    Resource r = (Resource) client.read().resource(type.fhirType()).withId(id).execute();
    assertThat(r.getIdElement().getIdPart()).isEqualTo(id);
    assertThat(r.fhirType()).isEqualTo(type.fhirType());
  }

  @ParameterizedTest
  @EnumSource(RecordType.class)
  void readWhenRecordUnknownThen404(RecordType type) {
    BaseServerResponseException e =
        catchThrowableOfType(
            BaseServerResponseException.class,
            () -> client.read().resource(type.fhirType()).withId("P1-nothing-9").execute());
    assertThat(e.getStatusCode()).isEqualTo(404);
    assertThat(errorCode(e)).isEqualTo("HIW-A002");
  }

  @ParameterizedTest
  @EnumSource(RecordType.class)
  void searchWhenOnlyPatientThenAllOfTheirs(RecordType type) {
    assertThat(ids(get(type.fhirType() + "?patient=P1")))
        .hasSize(3)
        .allMatch(id -> id.startsWith("P1-"));
    assertThat(ids(get(type.fhirType() + "?patient=Patient/P2"))).hasSize(1);
    assertThat(ids(get(type.fhirType() + "?patient=P9"))).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(RecordType.class)
  void searchWhenDateThenOnlyWithinRange(RecordType type) {
    String t = type.fhirType() + "?patient=P1&date=";
    assertThat(ids(get(t + "ge2021-01-01"))).hasSize(2);
    assertThat(ids(get(t + "lt2021-01-01"))).containsExactly(record(type, 0));
    assertThat(ids(get(t + "2021-06-15"))).containsExactly(record(type, 1));
    assertThat(ids(get(t + "gt2021-01-01&date=lt2022-01-01"))).containsExactly(record(type, 1));
  }

  @ParameterizedTest
  @EnumSource(value = RecordType.class, names = "IMMUNIZATION", mode = EnumSource.Mode.EXCLUDE)
  void searchWhenCategoryThenOnlyThatCategory(RecordType type) {
    String first = type == RecordType.ALLERGY_INTOLERANCE ? "food" : "a";
    String second = type == RecordType.ALLERGY_INTOLERANCE ? "medication" : "b";
    String t = type.fhirType() + "?patient=P1&category=";
    assertThat(ids(get(t + first))).containsExactly(record(type, 0), record(type, 2));
    assertThat(ids(get(t + second))).containsExactly(record(type, 1));
    assertThat(ids(get(t + first + "," + second))).hasSize(3);
    assertThat(ids(get(t + "nothing"))).isEmpty();
  }

  @Test
  void searchWhenImmunizationByCategoryThen400() {
    BaseServerResponseException e = failure("Immunization?patient=P1&category=a");
    assertThat(e.getStatusCode()).isEqualTo(400);
    assertThat(errorCode(e)).isEqualTo("HIW-A003");
  }

  @ParameterizedTest
  @EnumSource(RecordType.class)
  void searchWhenCodeThenOnlyThatCode(RecordType type) {
    String t = type.fhirType() + "?patient=P1&code=";
    assertThat(ids(get(t + FixtureSource.SYSTEM + "|c1"))).containsExactly(record(type, 1));
    assertThat(ids(get(t + "c1"))).containsExactly(record(type, 1));
    assertThat(ids(get(t + "urn:other|c1"))).isEmpty();
    assertThat(ids(get(t + "|c1"))).isEmpty();
    assertThat(ids(get(t + "c0,c2"))).containsExactly(record(type, 0), record(type, 2));
  }

  @ParameterizedTest
  @EnumSource(RecordType.class)
  void searchWhenLastUpdatedThenOnlyNewer(RecordType type) {
    assertThat(ids(get(type.fhirType() + "?patient=P1&_lastUpdated=gt2021-12-31")))
        .containsExactly(record(type, 2));
  }

  @ParameterizedTest
  @EnumSource(RecordType.class)
  void searchWhenPagedThenNextLinksReachEveryRecordOnce(RecordType type) {
    Bundle page = get(type.fhirType() + "?patient=P1&_count=1");
    assertThat(page.getTotal()).isEqualTo(3);
    List<String> seen = new ArrayList<>(ids(page));
    while (page.getLink(Bundle.LINK_NEXT) != null) {
      page = client.loadPage().next(page).execute();
      seen.addAll(ids(page));
    }
    assertThat(seen).containsExactly(record(type, 0), record(type, 1), record(type, 2));
  }

  @ParameterizedTest
  @CsvSource({
    "Observation?patient=P1&foo=bar, HIW-A003",
    "Observation, HIW-A003",
    "Observation?patient=P1&date=notadate, HIW-A003",
    "Observation?patient=P1&date=ne2021-01-01, HIW-A006",
    "Observation?patient=P1&code:text=x, HIW-A006",
    "Observation?patient.identifier=x, HIW-A005",
    "Observation?patient=P1&_count=100000, HIW-A007",
    "Observation?patient=P1&_count=-1, HIW-A007",
    "Observation?patient=P1&patient=P2, HIW-A003",
    "'Observation?patient=P1,P2', HIW-A005",
    "Observation?patient=Encounter/P1, HIW-A003",
  })
  void searchWhenBadParametersThen400WithCode(String url, String code) {
    BaseServerResponseException e = failure(url);
    assertThat(e.getStatusCode()).isEqualTo(400);
    assertThat(errorCode(e)).isEqualTo(code);
  }

  @Test
  void everythingWhenNoFilterThenPatientAndAllRecords() {
    Bundle all = everything("");
    assertThat(all.getTotal()).isEqualTo(1 + 9 * 3);
    assertThat(ids(all)).first().isEqualTo("P1");
  }

  @Test
  void everythingWhenTypeAndSinceThenOnlyThose() {
    Bundle some = everything("?_type=Observation,Condition&_since=2021-01-01T00:00:00Z");
    assertThat(ids(some))
        .containsExactlyInAnyOrder(
            record(RecordType.OBSERVATION, 1),
            record(RecordType.OBSERVATION, 2),
            record(RecordType.CONDITION, 1),
            record(RecordType.CONDITION, 2));
  }

  @Test
  void everythingWhenPagedThenNextLinksReachEverything() {
    Bundle page = everything("?_count=10");
    List<String> seen = new ArrayList<>(ids(page));
    while (page.getLink(Bundle.LINK_NEXT) != null) {
      page = client.loadPage().next(page).execute();
      seen.addAll(ids(page));
    }
    assertThat(seen).hasSize(28).doesNotHaveDuplicates();
  }

  @Test
  void everythingWhenUnknownPatientThen404() {
    BaseServerResponseException e = failure(host.baseUrl("fixture") + "/Patient/P9/$everything");
    assertThat(e.getStatusCode()).isEqualTo(404);
    assertThat(errorCode(e)).isEqualTo("HIW-A001");
  }

  @Test
  void everythingWhenUnknownTypeThen400() {
    BaseServerResponseException e = failure(everythingUrl("?_type=Claim"));
    assertThat(e.getStatusCode()).isEqualTo(400);
    assertThat(errorCode(e)).isEqualTo("HIW-A003");
  }

  @Test
  void capabilityStatementWhenReadThenTellsWhatIsServed() {
    CapabilityStatement cs = client.capabilities().ofType(CapabilityStatement.class).execute();
    List<CapabilityStatementRestResourceComponent> resources = cs.getRestFirstRep().getResource();
    List<String> types = resources.stream().map(r -> r.getType()).toList();
    assertThat(types)
        .contains("Patient")
        .containsAll(Stream.of(RecordType.values()).map(RecordType::fhirType).toList());
    assertThat(searchParams(resources, "Observation"))
        .containsExactlyInAnyOrder("patient", "date", "category", "code", "_lastUpdated");
    assertThat(searchParams(resources, "Immunization"))
        .containsExactlyInAnyOrder("patient", "date", "code", "_lastUpdated");
    assertThat(searchParams(resources, "Patient")).containsExactly("identifier");
  }

  static List<String> searchParams(List<CapabilityStatementRestResourceComponent> rs, String type) {
    return rs.stream()
        .filter(r -> r.getType().equals(type))
        .flatMap(r -> r.getSearchParam().stream())
        .map(p -> p.getName())
        .toList();
  }

  static Bundle everything(String query) {
    return get(everythingUrl(query));
  }

  static String everythingUrl(String query) {
    return host.baseUrl("fixture") + "/Patient/P1/$everything" + query;
  }

  static String record(RecordType type, int i) {
    return FixtureSource.record(type, "P1", i).getIdElement().getIdPart();
  }
}
