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
    T parsed;
    try {
      parsed = parser.parseResource(type, text);
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

  static HospitalFailure invalid(String detail) {
    return new HospitalFailure(Failure.INVALID_RESPONSE, detail);
  }
}
