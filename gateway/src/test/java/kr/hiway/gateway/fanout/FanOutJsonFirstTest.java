package kr.hiway.gateway.fanout;

import static kr.hiway.gateway.fanout.WireHospital.PERSON;
import static kr.hiway.gateway.fanout.WireHospital.everythingOf;
import static kr.hiway.gateway.fanout.WireHospital.fhirJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import kr.hiway.gateway.fanout.HospitalResult.Answered;
import kr.hiway.gateway.fanout.HospitalResult.Failed;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The patient's own records read JSON first (no HAPI model for a plain record) against the model
 * path, through real HTTP: a record HAPI's strict parse refuses makes the hospital's answer invalid
 * on both paths, and whatever is released is the same on both, record for record.
 */
class FanOutJsonFirstTest extends ThreeHospitals {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String RECORD =
      "\"resourceType\":\"Observation\",\"id\":\"o1\",\"status\":\"final\","
          + "\"code\":{\"text\":\"glucose\"},\"subject\":{\"reference\":\"Patient/P1\"}";

  private static final String FAKE =
      "\"resourceType\":\"Observation\",\"id\":\"o1\",\"status\":\"final\","
          + "\"code\":{\"text\":\"fake\"},\"subject\":{\"reference\":\"Patient/P1\"}";

  private static final String BOGUS =
      "\"resourceType\":\"Observation\",\"id\":\"o1\",\"status\":\"bogus\","
          + "\"code\":{\"text\":\"glucose\"},\"subject\":{\"reference\":\"Patient/P1\"}";

  private static final String OTHERS =
      "\"resourceType\":\"Observation\",\"id\":\"o1\",\"status\":\"final\","
          + "\"code\":{\"text\":\"glucose\"},\"subject\":{\"reference\":\"Patient/P2\"}";

  /** Records every key of which is known, with a value HAPI's own types refuse. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        ",\"effectiveDateTime\":\"2020-13-45\"",
        ",\"issued\":\"yesterday\"",
        ",\"valueQuantity\":{\"value\":1,\"comparator\":\"about\"}",
        ",\"meta\":{\"lastUpdated\":\"2020-01-01Tnoon\"}",
        ",\"extension\":[{\"url\":\"urn:x\",\"valueDate\":\"2020-02-30x\"}]"
      })
  void fetchWhenValueHapiRefusesThenInvalidOnBothPaths(String extra) {
    String body = searchset("{" + RECORD + extra + "}");

    for (AnswerForm form : new AnswerForm[] {AnswerForm.HAPI, AnswerForm.JSON}) {
      b.stub(everythingOf("P1"), fhirJson(body));
      assertThat(fetch(form).get(1))
          .as("answer form: %s", form)
          .isInstanceOfSatisfying(
              Failed.class, f -> assertThat(f.failure()).isEqualTo(Failure.INVALID_RESPONSE));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"resource\":{" + RECORD + "}}",
        "{\"fullUrl\":\"https://b.example/fhir/Observation/o1\",\"resource\":{" + RECORD + "}}",
        "{\"fullUrl\":\"Observation/o1\",\"search\":{\"mode\":\"match\",\"score\":1},"
            + "\"resource\":{"
            + RECORD
            + "}}",
        // Not plain, so parsed by HAPI: the fullUrl names another id, which HAPI takes.
        "{\"fullUrl\":\"https://b.example/fhir/Observation/o9\",\"resource\":{" + RECORD + "}}",
        "{\"fullUrl\":\"urn:uuid:0b4a1e7e-7c5e-4b5a-9d36-8d3c1e0f1a2b\",\"resource\":{"
            + RECORD
            + "}}",
        // Not plain: narrative, an extension on a primitive, an unknown entry key.
        "{\"resource\":{"
            + RECORD
            + ",\"text\":{\"status\":\"generated\","
            + "\"div\":\"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">x</div>\"}}}",
        "{\"resource\":{"
            + RECORD
            + ",\"_status\":{\"extension\":[{\"url\":\"urn:x\","
            + "\"valueString\":\"y\"}]}}}",
        "{\"request\":{\"method\":\"GET\",\"url\":\"Observation/o1\"},\"resource\":{"
            + RECORD
            + "}}",
        // Local references with nothing contained: HAPI refuses them.
        "{\"resource\":{" + RECORD + ",\"performer\":[{\"reference\":\"#nope\"}]}}",
        "{\"resource\":{"
            + RECORD
            + ",\"extension\":[{\"url\":\"urn:x\",\"valueReference\":{\"reference\":\"#n\"}}]}}",
        // fullUrls whose id HAPI reads elsewhere than at their end.
        "{\"fullUrl\":\"https://b.example/_history/x/Observation/o1\",\"resource\":{"
            + RECORD
            + "}}",
        "{\"fullUrl\":\"http://b.example/fhir/Observation/o2/_history/Observation/o1\","
            + "\"resource\":{"
            + RECORD
            + "}}",
        // A record substituted through such a fullUrl, then the real one.
        "{\"fullUrl\":\"https://b.example/_history/x/Observation/o1\",\"resource\":{"
            + FAKE
            + "}},{\"resource\":{"
            + RECORD
            + "}}",
        // A repeat that HAPI refuses: the whole answer is refused.
        "{\"resource\":{" + RECORD + "}},{\"resource\":{" + BOGUS + "}}",
        // Someone else's record: dropped on both paths.
        "{\"resource\":{" + OTHERS + "}}",
        // An extension with a value and extensions: HAPI decides.
        "{\"resource\":{"
            + RECORD
            + ",\"extension\":[{\"url\":\"urn:x\",\"valueString\":\"y\","
            + "\"extension\":[{\"url\":\"urn:y\",\"valueString\":\"z\"}]}]}}"
      })
  void fetchWhenEntryPlainOrNotThenSameReleasedOnBothPaths(String entry) throws Exception {
    String body = "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[" + entry + "]}";
    List<String> released = new ArrayList<>();
    for (AnswerForm form : new AnswerForm[] {AnswerForm.HAPI, AnswerForm.JSON}) {
      b.stub(everythingOf("P1"), fhirJson(body));
      HospitalResult<List<ReleasedRecord>> result = fetch(form).get(1);
      released.add(
          result instanceof Answered<List<ReleasedRecord>> answered
              ? canonical(answered.released())
              : ((Failed<List<ReleasedRecord>>) result).failure().toString());
    }
    assertThat(released.get(1)).isEqualTo(released.get(0));
  }

  private List<HospitalResult<List<ReleasedRecord>>> fetch(AnswerForm form) {
    return fanOut.fetch(
        PERSON,
        List.of(a.target(), b.target(), c.target()),
        EVERYTHING,
        form,
        (code, records) -> records);
  }

  private static String searchset(String record) {
    return "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[{\"resource\":"
        + record
        + "}]}";
  }

  /** The released records as JSON trees, whichever path wrote them. */
  private static String canonical(List<ReleasedRecord> records) throws Exception {
    List<JsonNode> trees = new ArrayList<>();
    for (ReleasedRecord r : records) {
      trees.add(
          JSON.readTree(
              switch (r) {
                case ReleasedRecord.Encoded e ->
                    new String(e.json(), java.nio.charset.StandardCharsets.UTF_8);
                case ReleasedRecord.Parsed p ->
                    WireHospital.FHIR.newJsonParser().encodeResourceToString(p.resource());
              }));
    }
    return trees.toString();
  }
}
