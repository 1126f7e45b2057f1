package kr.hiway.gateway.fanout;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IJsonLikeParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.parser.json.jackson.JacksonStructure;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;

/** Turns a 200 answer into a resource, strictly: anything doubtful is invalid. */
final class FhirBodies {

  private static final ObjectMapper JSON = reader();

  private FhirBodies() {}

  /** A resource and the JSON tree it was parsed from (HAPI's own, with its reading rules). */
  record Parsed<T extends IBaseResource>(T resource, ObjectNode json) {}

  static <T extends IBaseResource> T parse(
      FhirContext fhir, HospitalHttp.Answer answer, Class<T> type) throws HospitalFailure {
    return parseWithJson(fhir, answer, type).resource();
  }

  static <T extends IBaseResource> Parsed<T> parseWithJson(
      FhirContext fhir, HospitalHttp.Answer answer, Class<T> type) throws HospitalFailure {
    if (!HospitalHttp.isJson(answer.contentType())) {
      throw invalid("response was not FHIR JSON");
    }
    if (answer.body().length == 0) {
      throw invalid("response was empty");
    }
    String text;
    try {
      // JSON is UTF-8; a lenient decoder would hide corruption behind replacement characters.
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(answer.body()))
              .toString();
    } catch (CharacterCodingException e) {
      throw invalid("response was not valid UTF-8");
    }
    // Parsers are cheap and not thread-safe: one per body.
    IJsonLikeParser parser = (IJsonLikeParser) fhir.newJsonParser();
    parser.setParserErrorHandler(new StrictErrorHandler());
    T parsed;
    ObjectNode tree;
    try {
      // HAPI's own reading of the text, in two steps to keep the tree (a second tokenizing would
      // cost as much as the first). The model is built from the tree before anyone changes it.
      if (!(JSON.readTree(text) instanceof ObjectNode object)) {
        throw invalid("response was not valid FHIR");
      }
      JacksonStructure json = new JacksonStructure();
      json.setNativeObject(object);
      parsed = parser.parseResource(type, json);
      tree = object;
    } catch (JsonProcessingException | RuntimeException e) {
      // HAPI's messages quote the body, which may hold patient data: never pass them on.
      throw invalid("response was not valid FHIR");
    }
    if (parsed instanceof Bundle bundle) {
      for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
        checkNoNestedResources(entry.getResource());
      }
    } else {
      checkNoNestedResources(parsed);
    }
    return new Parsed<>(parsed, tree);
  }

  /**
   * Refuses a record with a contained Bundle or Parameters: they hold resources in elements, which
   * the rewriting does not walk into, so a linkage token or an outside reference there would reach
   * the client. (Contained within contained needs no check: HAPI's parser moves it up into the
   * record's own contained list, which is walked.)
   */
  static void checkNoNestedResources(IBaseResource resource) throws HospitalFailure {
    if (!(resource instanceof DomainResource domain)) {
      return;
    }
    for (Resource contained : domain.getContained()) {
      if (contained instanceof Bundle || contained instanceof Parameters) {
        throw invalid("answer held a contained resource that holds resources");
      }
    }
  }

  /** Reads JSON as HAPI's own reader does (its settings, copied), keeping decimals exact. */
  private static ObjectMapper reader() {
    ObjectMapper mapper =
        JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .nodeFactory(new JsonNodeFactory(true))
            .build();
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build());
    return mapper;
  }

  static HospitalFailure invalid(String detail) {
    return new HospitalFailure(Failure.INVALID_RESPONSE, detail);
  }
}
