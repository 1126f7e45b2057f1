package kr.hiway.gateway.fanout;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceFactory;

/**
 * Records carried as their final JSON: the bytes ride on the resource, and a stand-in is an empty
 * resource of the record's type and id that carries nothing else. Whoever needs the record itself
 * (an XML answer, say) parses the bytes.
 */
public final class EncodedRecords {

  private static final String KEY = EncodedRecords.class.getName();

  private EncodedRecords() {}

  /** An empty resource of {@code type} and {@code id} carrying {@code json}. */
  public static Resource standIn(String type, String id, byte[] json) {
    Resource standIn = ResourceFactory.createResource(type);
    standIn.setIdElement(new IdType(type, id));
    attach(standIn, json);
    return standIn;
  }

  /** Keeps {@code json}, the record's complete JSON, with {@code resource}. */
  public static void attach(Resource resource, byte[] json) {
    resource.setUserData(KEY, json);
  }

  /** The JSON kept with a resource, or null. */
  public static byte[] of(IBaseResource resource) {
    return resource.getUserData(KEY) instanceof byte[] bytes ? bytes : null;
  }
}
