package kr.hiway.gateway.fanout;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
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

  private FhirBodies() {}

  static <T extends IBaseResource> T parse(
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
    IParser parser = fhir.newJsonParser();
    parser.setParserErrorHandler(new StrictErrorHandler());
    try {
      return parser.parseResource(type, text);
    } catch (RuntimeException e) {
      // HAPI's messages quote the body, which may hold patient data: never pass them on.
      throw invalid("response was not valid FHIR");
    }
  }

  /**
   * Refuses a record whose contained resources hold resources of their own (a Bundle, Parameters,
   * or contained within contained): the rewriting does not walk into a resource held in an element,
   * so a linkage token or an outside reference there would reach the client.
   */
  static void checkNoNestedResources(Resource resource) throws HospitalFailure {
    if (!(resource instanceof DomainResource domain)) {
      return;
    }
    for (Resource contained : domain.getContained()) {
      if (contained instanceof Bundle
          || contained instanceof Parameters
          || (contained instanceof DomainResource d && d.hasContained())) {
        throw invalid("answer held a contained resource that holds resources");
      }
    }
  }

  static HospitalFailure invalid(String detail) {
    return new HospitalFailure(Failure.INVALID_RESPONSE, detail);
  }
}
