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

/** Turns a 200 answer into a resource, strictly: anything doubtful is invalid. */
final class FhirBodies {

  /** Reads JSON as HAPI's own reader does (its settings, copied), keeping decimals exact. */
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
    try {
      // HAPI's own reading of the text, in two steps to keep the tree. Unlike parsing from text,
      // this keeps each entry's resource id as the resource states it (rather than taking it
      // from the entry's fullUrl), so the model and the tree always agree on it.
      if (!(JSON.readTree(text) instanceof ObjectNode tree)) {
        throw invalid("response was not valid FHIR");
      }
      JacksonStructure json = new JacksonStructure();
      json.setNativeObject(tree);
      return new Parsed<>(parser.parseResource(type, json), tree);
    } catch (JsonProcessingException | RuntimeException e) {
      // HAPI's messages quote the body, which may hold patient data: never pass them on.
      throw invalid("response was not valid FHIR");
    }
  }

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
