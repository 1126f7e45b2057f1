package kr.hiway.gateway.fanout;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IJsonLikeParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.parser.json.jackson.JacksonStructure;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;

/** Turns a 200 answer into a resource, strictly: anything doubtful is invalid. */
final class FhirBodies {

  private static final ObjectMapper JSON = reader();

  private FhirBodies() {}

  static <T extends IBaseResource> T parse(
      FhirContext fhir, HospitalHttp.Answer answer, Class<T> type) throws HospitalFailure {
    return parse(fhir, tree(answer), type);
  }

  /**
   * The answer's JSON object, read as HAPI's own reader reads it, after the checks every answer
   * must pass: a JSON content type, a body, well-formed UTF-8.
   */
  static ObjectNode tree(HospitalHttp.Answer answer) throws HospitalFailure {
    if (!HospitalHttp.isJson(answer.contentType())) {
      throw invalid("response was not FHIR JSON");
    }
    if (answer.body().length == 0) {
      throw invalid("response was empty");
    }
    // JSON is UTF-8; a lenient decoder would hide corruption behind replacement characters.
    if (!isUtf8Json(answer.body())) {
      throw invalid("response was not valid UTF-8");
    }
    return tree(answer.body());
  }

  /** {@code body}'s JSON object; the body is known to be UTF-8. */
  static ObjectNode tree(byte[] body) throws HospitalFailure {
    try {
      if (JSON.readTree(body) instanceof ObjectNode object) {
        return object;
      }
    } catch (IOException | RuntimeException e) {
      // Jackson's messages quote the body, which may hold patient data: never pass them on.
    }
    throw invalid("response was not valid FHIR");
  }

  /**
   * HAPI's strict reading of a tree (which it does not change): the model is built from the tree
   * before anyone changes it, and a second tokenizing of the text would cost as much as the first.
   */
  static <T extends IBaseResource> T parse(FhirContext fhir, ObjectNode tree, Class<T> type)
      throws HospitalFailure {
    // Parsers are cheap and not thread-safe: one per body.
    IJsonLikeParser parser = (IJsonLikeParser) fhir.newJsonParser();
    parser.setParserErrorHandler(new StrictErrorHandler());
    T parsed;
    try {
      JacksonStructure json = new JacksonStructure();
      json.setNativeObject(tree);
      parsed = parser.parseResource(type, json);
    } catch (RuntimeException e) {
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
    return parsed;
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

  /**
   * Whether {@code bytes} are well-formed UTF-8 (Unicode's table 3-7: no overlong forms, no
   * surrogates, nothing past U+10FFFF), checked without decoding them. NUL, never valid in JSON
   * text, is refused too: with it the parser could take the bytes for UTF-16 or UTF-32.
   */
  static boolean isUtf8Json(byte[] bytes) {
    int i = 0;
    int n = bytes.length;
    while (i < n) {
      int b = bytes[i] & 0xFF;
      if (b < 0x80) {
        if (b == 0) {
          return false;
        }
        i++;
        continue;
      }
      int length;
      int low = 0x80;
      int high = 0xBF;
      if (b >= 0xC2 && b <= 0xDF) {
        length = 2;
      } else if (b >= 0xE0 && b <= 0xEF) {
        length = 3;
        low = b == 0xE0 ? 0xA0 : 0x80;
        high = b == 0xED ? 0x9F : 0xBF;
      } else if (b >= 0xF0 && b <= 0xF4) {
        length = 4;
        low = b == 0xF0 ? 0x90 : 0x80;
        high = b == 0xF4 ? 0x8F : 0xBF;
      } else {
        return false;
      }
      if (i + length > n) {
        return false;
      }
      int second = bytes[i + 1] & 0xFF;
      if (second < low || second > high) {
        return false;
      }
      for (int k = 2; k < length; k++) {
        if ((bytes[i + k] & 0xC0) != 0x80) {
          return false;
        }
      }
      i += length;
    }
    return true;
  }

  static HospitalFailure invalid(String detail) {
    return new HospitalFailure(Failure.INVALID_RESPONSE, detail);
  }
}
