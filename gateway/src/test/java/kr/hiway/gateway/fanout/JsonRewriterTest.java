package kr.hiway.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import kr.hiway.demo.network.HospitalDirectory;
import kr.hiway.demo.simulator.SimulatedHospital;
import kr.hiway.demo.simulator.SyntheticPopulation;
import kr.hiway.vocabulary.Hospital;
import kr.hiway.vocabulary.LinkageToken;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSON path against the model path, on raw hospital JSON: a record in plain form is written
 * exactly as the model path writes it (the two outputs' JSON trees are equal, decimals exact); any
 * other record is declined and goes the model path.
 */
class JsonRewriterTest {

  static final FhirContext FHIR = FhirContext.forR4Cached();
  static final String TOKEN = FanOutRewriteTest.TOKEN;
  static final String SYSTEM = LinkageToken.SYSTEM;
  static final ObjectMapper EXACT =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .nodeFactory(new JsonNodeFactory(true))
          .build();

  /** What became of one record. */
  record Outcome(boolean refused, byte[] viaJson, byte[] viaModel) {
    boolean tookJsonPath() {
      return viaJson != null;
    }

    String modelText() {
      return new String(viaModel, StandardCharsets.UTF_8);
    }
  }

  private static final String BASE =
      "\"resourceType\":\"Observation\",\"id\":\"O1\",\"status\":\"final\","
          + "\"code\":{\"text\":\"glucose\"},\"subject\":{\"reference\":\"Patient/P1\"}";

  @Test
  void rewriteWhenPlainRecordWithHostileReferencesAndTokensThenSameAsModelPath() throws Exception {
    Outcome o =
        outcome(
            "{"
                + BASE
                + ",\"meta\":{\"versionId\":\"7\",\"profile\":[\"http://example.org/p\"],"
                + "\"source\":\"urn:other\",\"tag\":[{\"system\":\"urn:t\",\"code\":\"t\"}]}"
                + ",\"identifier\":[{\"system\":\"urn:mrn\",\"value\":\"keep-me\"},"
                + "{\"system\":\""
                + SYSTEM
                + "\",\"value\":\"x\"},{\"system\":\"urn:other\",\"value\":\""
                + TOKEN
                + "\"}]"
                + ",\"encounter\":{\"reference\":\"Encounter/E1\",\"identifier\":{\"system\":\""
                + SYSTEM
                + "\",\"value\":\""
                + TOKEN
                + "\"}}"
                + ",\"hasMember\":[{\"reference\":\"Observation/O2/_history/3\"},"
                + "{\"reference\":\"https://snuh.example/fhir/Observation/9\"}]"
                + ",\"performer\":[{\"reference\":\"Patient/P2\"},"
                + "{\"reference\":\"https://snuh.example/fhir/Practitioner/9\","
                + "\"display\":\"Dr Kim\"},{\"reference\":\"urn:uuid:6f1c9d4e\"},"
                + "{\"reference\":\"Practitioner?identifier=urn:x|1\"}]"
                + ",\"extension\":[{\"url\":\"urn:ref\",\"valueReference\":"
                + "{\"reference\":\"Encounter/E9\"}},{\"url\":\"urn:n\",\"extension\":"
                + "[{\"url\":\"urn:q\",\"valueQuantity\":{\"value\":2.500}}]},"
                + "{\"url\":\"urn:b\",\"valueBase64Binary\":\"aGVsbG8=\"}]"
                + ",\"valueQuantity\":{\"value\":1.50,\"unit\":\"mmol/L\"}"
                + ",\"component\":[{\"code\":{\"text\":\"c\"},\"valueInteger\":7},"
                + "{\"code\":{\"text\":\"d\"},\"valueBoolean\":false}]}");

    assertThat(o.tookJsonPath()).isTrue();
    assertSame(o);
    String json = new String(o.viaJson(), StandardCharsets.UTF_8);
    assertThat(json).doesNotContain(TOKEN, SYSTEM, "snuh.example", "urn:uuid");
    assertThat(json)
        .contains("\"value\":1.50", "2.500", "keep-me", "Encounter/snuh.E9", "Dr Kim")
        .contains("\"reference\":\"Patient/gw-1\"", "Patient/snuh.P2", "Observation/snuh.O2\"")
        .contains("\"source\":\"urn:hiway:hospital:snuh\"");
    assertThat(json).startsWith("{\"resourceType\":\"Observation\",\"id\":\"snuh.O1\",\"meta\":");
  }

  @Test
  void rewriteWhenNoMetaThenSourceStillSet() throws Exception {
    Outcome o = outcome("{" + BASE + "}");

    assertThat(o.tookJsonPath()).isTrue();
    assertSame(o);
    assertThat(new String(o.viaJson(), StandardCharsets.UTF_8))
        .contains("\"source\":\"urn:hiway:hospital:snuh\"", "Patient/gw-1");
  }

  /**
   * Shapes a strict HAPI parse accepts although the model does not hold them as written (or that
   * the JSON rules do not cover): each is declined, and the model path's output holds no token.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        // an extension on a primitive, carrying the token
        "\"_status\":{\"extension\":[{\"url\":\"urn:x\",\"valueIdentifier\":"
            + "{\"system\":\"$S\",\"value\":\"$T\"}}]}",
        // unknown keys inside a primitive's extras, and comments
        "\"_status\":{\"fhir_comments\":[\"$T\"]}",
        "\"fhir_comments\":[\"$T\"]",
        // a repeating element written as a single object, a single one as an array
        "\"identifier\":{\"system\":\"$S\",\"value\":\"$T\"}",
        "\"issued\":[\"2024-01-01T00:00:00Z\"]",
        // two values for one value[x]
        "\"valueString\":\"a\",\"valueQuantity\":{\"value\":1}",
        // a modifier extension, a contained resource, narrative
        "\"modifierExtension\":[{\"url\":\"urn:m\",\"valueIdentifier\":"
            + "{\"system\":\"$S\",\"value\":\"$T\"}}]",
        "\"contained\":[{\"resourceType\":\"Patient\",\"id\":\"p\",\"identifier\":"
            + "[{\"system\":\"$S\",\"value\":\"$T\"}]}]",
        "\"text\":{\"status\":\"generated\",\"div\":"
            + "\"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">x</div>\"}",
        // empty and null values
        "\"method\":{}",
        "\"issued\":null",
        "\"performer\":[null]",
        // text HAPI might read differently from how it is written
        "\"method\":{\"text\":\" padded \"}",
        "\"valueQuantity\":{\"value\":1E+3}",
        "\"valueBoolean\":\"true\"",
        "\"valueInteger\":1.0",
        // an extension whose only value is a linkage identifier (the model path drops it)
        "\"extension\":[{\"url\":\"urn:e\",\"valueIdentifier\":{\"system\":\"$S\",\"value\":\"x\"}}]",
        // a key in the wrong place, a primitive's extras on a reference
        "\"method\":{\"resourceType\":\"Observation\",\"text\":\"a\"}",
        "\"focus\":[{\"reference\":\"Patient/P1\",\"_reference\":{\"id\":\"$T\"}}]",
        // an extension without a url
        "\"extension\":[{\"valueString\":\"a\"}]",
        // other names a strict parse reads for an element
        "\"encounterResource\":{\"reference\":\"Encounter/E1\"}",
        "\"derivedFromResource\":[{\"reference\":\"Observation/O2\"}]",
        // base64 a lenient decoder reads, and HAPI writes otherwise
        "\"extension\":[{\"url\":\"urn:b\",\"valueBase64Binary\":\"aGVsbG8\"}]",
        "\"extension\":[{\"url\":\"urn:b\",\"valueBase64Binary\":\"aGVs bG8=\"}]",
        "\"extension\":[{\"url\":\"urn:b\",\"valueBase64Binary\":\"=aGVsbG8=\"}]",
        "\"extension\":[{\"url\":\"urn:b\",\"valueBase64Binary\":\"aGVs_bG8-\"}]",
      })
  void rewriteWhenNotPlainThenModelPathAndNoToken(String extra) throws Exception {
    String json = "{" + BASE + "," + extra.replace("$S", SYSTEM).replace("$T", TOKEN) + "}";

    Outcome o = outcome(json);

    if (!o.refused()) {
      assertThat(o.tookJsonPath()).as(json).isFalse();
      if (o.viaModel() != null) { // else withheld whole, the token still in it
        assertThat(o.modelText()).doesNotContain(SYSTEM, TOKEN);
      }
    }
  }

  /** The shapes a strict parse let through unchanged, found in review: declined by the walk. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"_status\":{\"fhir_comments\":[\"x\"]}",
        "\"fhir_comments\":[\"x\"]",
        "\"modifierExtension\":[{\"url\":\"urn:m\",\"valueString\":\"a\"}]",
        "\"_status\":{\"extension\":[{\"url\":\"urn:x\",\"valueString\":\"a\"}]}",
      })
  void rewriteWhenShapeParsedLenientlyThenDeclinedNotRefused(String extra) throws Exception {
    Outcome o = outcome("{" + BASE + "," + extra + "}");

    assertThat(o.refused()).isFalse();
    assertThat(o.tookJsonPath()).isFalse();
  }

  /**
   * A linkage identifier goes whole on both paths: its element id (here the token) too, and one
   * whose system or value whitespace would hide.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"id\":\"$T\",\"system\":\"$S\",\"value\":\"x\"}",
        "{\"system\":\" $S\",\"value\":\"x\"}",
        "{\"system\":\"urn:mrn\",\"value\":\"$T \"}",
      })
  void rewriteWhenLinkageIdentifierThenDroppedWholeBothWays(String identifier) throws Exception {
    Outcome o =
        outcome(
            "{"
                + BASE
                + ",\"identifier\":["
                + identifier.replace("$S", SYSTEM).replace("$T", TOKEN)
                + "]}");

    assertThat(o.tookJsonPath()).isTrue();
    assertSame(o);
    assertThat(o.modelText()).doesNotContain(TOKEN, SYSTEM, "identifier");
  }

  /** The last guard: the token in free text is no element the rules know, yet it is declined. */
  @Test
  void rewriteWhenTokenInFreeTextThenDeclined() throws Exception {
    Outcome o = outcome("{" + BASE + ",\"note\":[{\"text\":\"linked as " + TOKEN + "\"}]}");

    assertThat(o.refused()).isFalse();
    assertThat(o.tookJsonPath()).isFalse();
  }

  @Test
  void rewriteWhenSimulatedRecordsOfEveryTypeThenAllTakeJsonPathAndSameAsModelPath()
      throws Exception {
    List<Hospital> hospitals = HospitalDirectory.tertiaryHospitals().subList(0, 3);
    SyntheticPopulation population = SyntheticPopulation.generate(7, 20, hospitals);
    LinkageToken linkage = LinkageToken.withKey(new byte[32]);
    int checked = 0;
    for (Hospital h : hospitals) {
      SimulatedHospital source = new SimulatedHospital(population, h, linkage);
      for (int person = 0; person < 20; person++) {
        String local;
        try {
          local = source.localPatientId(person);
        } catch (IllegalArgumentException notHere) {
          continue;
        }
        for (RecordType type : RecordType.values()) {
          for (Resource record : source.records(local, type)) {
            String text = FHIR.newJsonParser().encodeResourceToString(record);
            Outcome o = outcome(text, record.getIdPart(), local);
            assertThat(o.tookJsonPath()).as(text).isTrue();
            assertSame(o);
            checked++;
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(200);
  }

  private static void assertSame(Outcome o) throws Exception {
    JsonNode viaJson = EXACT.readTree(o.viaJson());
    JsonNode viaModel = EXACT.readTree(o.viaModel());
    assertThat(viaJson).isEqualTo(viaModel);
  }

  private static Outcome outcome(String record) throws Exception {
    return outcome(record, "O1", "P1");
  }

  /**
   * One record as a hospital's searchset: parsed as the gateway parses it, then written by the JSON
   * path (if it takes it) and by the model path.
   */
  private static Outcome outcome(String record, String localId, String localPatient)
      throws Exception {
    String body =
        "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[{\"resource\":"
            + record
            + "}]}";
    HospitalHttp.Answer answer =
        new HospitalHttp.Answer(
            200, Optional.of("application/fhir+json"), body.getBytes(StandardCharsets.UTF_8));
    ObjectNode page;
    Bundle parsed;
    try {
      page = FhirBodies.tree(answer);
      parsed = FhirBodies.parse(FHIR, page, Bundle.class);
    } catch (HospitalFailure refused) {
      return new Outcome(true, null, null);
    }
    Resource model = parsed.getEntry().get(0).getResource();
    assertThat(model.getIdPart()).isEqualTo(localId);
    ObjectNode tree = (ObjectNode) page.get("entry").get(0).get("resource");
    byte[] viaJson =
        new JsonRewriter(new Rewriter(FHIR, "snuh", localPatient, "gw-1", TOKEN))
            .rewrite(localId, tree);
    Resource rewritten = new Rewriter(FHIR, "snuh", localPatient, "gw-1", TOKEN).rewrite(model);
    byte[] viaModel =
        rewritten == null
            ? null
            : FHIR.newJsonParser()
                .encodeResourceToString(rewritten)
                .getBytes(StandardCharsets.UTF_8);
    return new Outcome(false, viaJson, viaModel);
  }
}
