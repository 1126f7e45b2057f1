package kr.hiway.gateway.fanout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static kr.hiway.gateway.fanout.WireHospital.PERSON;
import static kr.hiway.gateway.fanout.WireHospital.everythingOf;
import static kr.hiway.gateway.fanout.WireHospital.fhirJson;
import static kr.hiway.gateway.fanout.WireHospital.observation;
import static kr.hiway.gateway.fanout.WireHospital.searchset;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.http.Fault;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import kr.hiway.gateway.fanout.HospitalResult.Answered;
import kr.hiway.gateway.fanout.HospitalResult.Failed;
import kr.hiway.vocabulary.LinkageToken;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each fault at hospital {@code b} alone, while {@code a} and {@code c} answer: {@code b} fails
 * with the right failure and a client-safe detail, nothing of it released; the others unaffected.
 */
class FanOutFaultsTest extends ThreeHospitals {

  @Test
  void fetchWhenConnectionResetThenUnavailable() {
    Failed failed = whenBAnswers(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    assertThat(failed.failure()).isEqualTo(Failure.UNAVAILABLE);
    assertThat(failed.detail()).isEqualTo("connection failed");
  }

  @Test
  void fetchWhenEmptyResponseThenUnavailable() {
    Failed failed = whenBAnswers(aResponse().withFault(Fault.EMPTY_RESPONSE));

    assertThat(failed.failure()).isIn(Failure.UNAVAILABLE, Failure.INVALID_RESPONSE);
  }

  @Test
  void fetchWhenMalformedChunkThenFailed() {
    Failed failed = whenBAnswers(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));

    assertThat(failed.failure()).isIn(Failure.UNAVAILABLE, Failure.INVALID_RESPONSE);
  }

  @Test
  void fetchWhenRandomDataThenFailed() {
    Failed failed = whenBAnswers(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE));

    assertThat(failed.failure()).isIn(Failure.UNAVAILABLE, Failure.INVALID_RESPONSE);
  }

  @Test
  void fetchWhenInvalidFhirThenInvalidResponse() {
    Failed failed =
        whenBAnswers(
            fhirJson(
                """
                {"resourceType":"Bundle","type":"searchset","entry":[{"resource":\
                {"resourceType":"Observation","status":42}}]}\
                """));

    assertThat(failed.failure()).isEqualTo(Failure.INVALID_RESPONSE);
    assertThat(failed.detail()).isEqualTo("response was not valid FHIR");
  }

  @Test
  void fetchWhenContainedResourceHoldsResourcesThenInvalidResponse() {
    // No rewriting walks into a resource held in an element: a token there would get through.
    String hidden =
        "{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\""
            + LinkageToken.SYSTEM
            + "\",\"value\":\"tok\"}]}";
    List<String> holders =
        List.of(
            "{\"resourceType\":\"Bundle\",\"id\":\"b1\",\"type\":\"collection\","
                + "\"entry\":[{\"resource\":"
                + hidden
                + "}]}",
            "{\"resourceType\":\"Parameters\",\"id\":\"q1\","
                + "\"parameter\":[{\"name\":\"x\",\"resource\":"
                + hidden
                + "}]}");
    for (String holder : holders) {
      Failed failed =
          whenBAnswers(
              fhirJson(
                  "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[{\"resource\":"
                      + "{\"resourceType\":\"Observation\",\"id\":\"o1\",\"contained\":["
                      + holder
                      + "],\"status\":\"final\",\"code\":{\"text\":\"x\"},"
                      + "\"subject\":{\"reference\":\"Patient/P1\"}}}]}"));

      assertThat(failed.failure()).as(holder).isEqualTo(Failure.INVALID_RESPONSE);
      assertThat(failed.detail())
          .isEqualTo("answer held a contained resource that holds resources");
    }
  }

  @Test
  void fetchWhenContainedWithinContainedThenWalkedLikeTheRest() {
    b.stub(
        everythingOf("P1"),
        fhirJson(
            "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[{\"resource\":"
                + "{\"resourceType\":\"Observation\",\"id\":\"o1\",\"contained\":["
                + "{\"resourceType\":\"Patient\",\"id\":\"n1\",\"contained\":["
                + "{\"resourceType\":\"Patient\",\"id\":\"h1\",\"identifier\":[{\"system\":\""
                + LinkageToken.SYSTEM
                + "\",\"value\":\"tok\"}],\"link\":[{\"other\":"
                + "{\"reference\":\"https://elsewhere.example/Patient/9\"},\"type\":\"seealso\"}]}"
                + "]}],\"status\":\"final\",\"code\":{\"text\":\"x\"},"
                + "\"subject\":{\"reference\":\"Patient/P1\"}}}]}"));

    HospitalResult<List<Resource>> result = fetch().get(1);

    assertThat(result).isInstanceOf(Answered.class);
    String json =
        WireHospital.FHIR
            .newJsonParser()
            .encodeResourceToString(((Answered<List<Resource>>) result).released().get(0));
    assertThat(json).contains("h1").doesNotContain(LinkageToken.SYSTEM, "tok", "elsewhere");
  }

  /** Both ways of answering: the model's, and as JSON (the patient's own records). */
  @ParameterizedTest
  @EnumSource(AnswerForm.class)
  void fetchWhenTokenLeftInRecordTextThenThatRecordWithheld(AnswerForm form) {
    String observation =
        "{\"resourceType\":\"Observation\",\"id\":\"%s\",\"status\":\"final\","
            + "\"code\":{\"text\":\"%s\"},\"subject\":{\"reference\":\"Patient/P1\"}}";
    b.stub(
        everythingOf("P1"),
        fhirJson(
            "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[{\"resource\":"
                + observation.formatted("o1", "linked as " + b.token())
                + "},{\"resource\":"
                + observation.formatted("o2", "glucose")
                + "}]}"));

    HospitalResult<List<ReleasedRecord>> result =
        fanOut
            .fetch(
                PERSON,
                List.of(a.target(), b.target(), c.target()),
                EVERYTHING,
                form,
                (code, records) -> records)
            .get(1);

    assertThat(result)
        .isInstanceOfSatisfying(
            Answered.class,
            r ->
                assertThat((List<?>) r.released())
                    .extracting(x -> ((ReleasedRecord) x).id())
                    .containsExactly("b.o2"));
  }

  @Test
  void fetchWhenUnknownElementThenInvalidResponse() {
    Failed failed =
        whenBAnswers(fhirJson("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"foo\":1}"));

    assertThat(failed.failure()).isEqualTo(Failure.INVALID_RESPONSE);
  }

  @Test
  void fetchWhenNotJsonThenInvalidResponse() {
    Failed failed =
        whenBAnswers(
            aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/html")
                .withBody("<html/>"));

    assertThat(failed.failure()).isEqualTo(Failure.INVALID_RESPONSE);
    assertThat(failed.detail()).isEqualTo("response was not FHIR JSON");
  }

  @Test
  void fetchWhenEmptyBodyThenInvalidResponse() {
    Failed failed = whenBAnswers(fhirJson(""));

    assertThat(failed.failure()).isEqualTo(Failure.INVALID_RESPONSE);
    assertThat(failed.detail()).isEqualTo("response was empty");
  }

  @Test
  void fetchWhenNotASearchsetThenInvalidResponse() {
    Failed failed = whenBAnswers(fhirJson(searchset().setType(Bundle.BundleType.COLLECTION)));

    assertThat(failed.failure()).isEqualTo(Failure.INVALID_RESPONSE);
  }

  @Test
  void fetchWhenLargerThanLimitThenInvalidResponse() {
    use(FanOutSettings.defaults().withTimeouts(TIMEOUT, DEADLINE).withMaxResponseBytes(2_000));
    // The linkage answers and a's and c's pages are small; b's is not.
    Observation[] many = new Observation[30];
    for (int i = 0; i < many.length; i++) {
      many[i] = observation("o" + i, "P1");
    }
    Failed failed = whenBAnswers(fhirJson(searchset(many)));

    assertThat(failed.failure()).isEqualTo(Failure.INVALID_RESPONSE);
    assertThat(failed.detail()).isEqualTo("response larger than 2000 bytes");
  }

  @Test
  void fetchWhenServerErrorThenUnavailable() {
    Failed failed = whenBAnswers(aResponse().withStatus(500).withBody("{}"));

    assertThat(failed.failure()).isEqualTo(Failure.UNAVAILABLE);
    assertThat(failed.detail()).isEqualTo("answered 500");
  }

  @Test
  void fetchWhenBadRequestThenRefused() {
    Failed failed = whenBAnswers(aResponse().withStatus(400));

    assertThat(failed.failure()).isEqualTo(Failure.REFUSED);
    assertThat(failed.detail()).isEqualTo("answered 400");
  }

  @Test
  void fetchWhenRedirectedThenInvalidResponseAndNotFollowed() {
    Failed failed =
        whenBAnswers(
            aResponse()
                .withStatus(302)
                .withHeader("Location", a.base() + "/Patient/P1/$everything"));

    assertThat(failed.failure()).isEqualTo(Failure.INVALID_RESPONSE);
    assertThat(failed.detail()).isEqualTo("answered with a redirect (302)");
    a.server.verify(1, getRequestedFor(urlPathEqualTo("/fhir/Patient/P1/$everything")));
  }

  @Test
  void fetchWhenNextLinkLeavesHospitalThenInvalidResponseAndNothingReleased() {
    Bundle first = searchset(observation("o1", "P1"));
    first
        .addLink()
        .setRelation(Bundle.LINK_NEXT)
        .setUrl(a.base() + "/Patient/P1/$everything?_offset=500");

    Failed failed = whenBAnswers(fhirJson(first));

    assertThat(failed.failure()).isEqualTo(Failure.INVALID_RESPONSE);
    assertThat(failed.detail()).isEqualTo("next link points outside the hospital");
    a.server.verify(1, getRequestedFor(urlPathEqualTo("/fhir/Patient/P1/$everything")));
  }

  @Test
  void fetchWhenAnotherPatientsRecordThenDroppedWithWarningAndRestKept() {
    b.stub(
        everythingOf("P1"),
        fhirJson(
            searchset(observation("o1", "P1"), observation("o2", "P2"), observation("o3", "P1"))));

    try (LogCapture logs = LogCapture.of("kr.hiway.gateway.fanout")) {
      List<HospitalResult<List<Resource>>> results = fetch();

      assertThat(((Answered<List<Resource>>) results.get(1)).released())
          .extracting(r -> r.getIdElement().getIdPart())
          .containsExactly("b.o1", "b.o3");
      assertThat(logs.lines(Level.WARN))
          .containsExactly(
              "hospital b answered 1 Observation resource(s) not of the linked patient; dropped");
    }
  }

  @Test
  void fetchWhenResourceOfUnexpectedTypeThenInvalidResponse() {
    Claim claim = new Claim();
    claim.setId("claim-1");
    claim.setStatus(Claim.ClaimStatus.ACTIVE);

    Failed failed = whenBAnswers(fhirJson(searchset(observation("o1", "P1"), claim)));

    assertThat(failed.failure()).isEqualTo(Failure.INVALID_RESPONSE);
    assertThat(failed.detail()).isEqualTo("answer held a resource of an unexpected type");
  }

  @Test
  void searchWhenAnotherRecordTypeThenInvalidResponse() {
    for (WireHospital h : List.of(a, b, c)) {
      h.stub(
          get(urlPathEqualTo("/fhir/Condition")),
          fhirJson(
              searchset(WireHospital.condition("c1", "P1"), WireHospital.condition("c2", "P1"))));
    }
    b.stub(
        get(urlPathEqualTo("/fhir/Condition")),
        fhirJson(searchset(WireHospital.condition("c1", "P1"), observation("o1", "P1"))));

    Failed failed =
        failedB(
            fanOut.fetch(
                PERSON,
                List.of(a.target(), b.target(), c.target()),
                new Query.Search(RecordType.CONDITION, Map.of())));

    assertThat(failed.failure()).isEqualTo(Failure.INVALID_RESPONSE);
  }

  @Test
  void fetchWhenNobodyListensThenUnavailable() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    HospitalTarget gone =
        new HospitalTarget("b", URI.create("http://127.0.0.1:" + port + "/fhir"), b.linkage);

    List<HospitalResult<List<Resource>>> results =
        fanOut.fetch(PERSON, List.of(a.target(), gone, c.target()), EVERYTHING);

    assertThat(results.get(1))
        .isEqualTo(new Failed("b", Failure.UNAVAILABLE, "connection refused"));
    assertThat(results.get(0)).isInstanceOf(Answered.class);
  }

  @Test
  void fetchWhenEveryHospitalFailsThenEveryResultFailed() {
    a.stub(everythingOf("P1"), aResponse().withStatus(503));
    b.stub(everythingOf("P1"), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    c.server.resetAll();
    c.stub(c.lookup(), aResponse().withStatus(502));

    List<HospitalResult<List<Resource>>> results = fetch();

    assertThat(results).hasSize(3).allMatch(r -> r instanceof Failed);
    assertThat(results).extracting(r -> ((Failed) r).failure()).containsOnly(Failure.UNAVAILABLE);
  }
}
