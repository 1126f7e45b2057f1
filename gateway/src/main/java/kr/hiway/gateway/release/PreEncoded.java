package kr.hiway.gateway.release;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import kr.hiway.gateway.fanout.EncodedRecords;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;

/**
 * Resources encoded to JSON ahead of the response, each in its hospital's own task while slower
 * hospitals are still being waited for. Encoding is the biggest single cost of a large answer; done
 * this way it overlaps the wait instead of following it. {@link PreEncodedResponses} then writes
 * the Bundle around the ready bytes.
 */
public final class PreEncoded {

  private PreEncoded() {}

  /** Encodes every resource and keeps the bytes with it; returns the same list. */
  static List<Resource> encode(FhirContext fhir, List<Resource> resources) {
    IParser parser = fhir.newJsonParser();
    for (Resource r : resources) {
      EncodedRecords.attach(r, parser.encodeResourceToString(r).getBytes(StandardCharsets.UTF_8));
    }
    return resources;
  }

  /**
   * An empty resource of the same type and id that carries {@code r}'s bytes, or {@code r} itself
   * if it was not encoded ahead. Only for an answer that is written from the bytes.
   */
  public static Resource standIn(Resource r) {
    byte[] bytes = of(r);
    if (bytes == null) {
      return r;
    }
    return EncodedRecords.standIn(r.fhirType(), r.getIdPart(), bytes);
  }

  /** The bytes kept with a resource, or null if it was not encoded ahead (or changed since). */
  public static byte[] of(IBaseResource resource) {
    return EncodedRecords.of(resource);
  }
}
