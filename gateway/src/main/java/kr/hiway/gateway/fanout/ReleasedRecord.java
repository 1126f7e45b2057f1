package kr.hiway.gateway.fanout;

import ca.uhn.fhir.parser.IParser;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.hl7.fhir.r4.model.Resource;

/**
 * A record as released, validated and rewritten into the gateway's id space (see {@link FanOut}):
 * HAPI's model of it, or only its final JSON. Never null components.
 */
public sealed interface ReleasedRecord {

  /** The record's FHIR type. */
  String type();

  /** The record's gateway id, {@code code.localId}. */
  String id();

  /**
   * HAPI's model. The resource is fresh for each call and belongs to whoever holds it, who may
   * change it; it is not thread-safe.
   */
  record Parsed(Resource resource) implements ReleasedRecord {

    public Parsed {
      Objects.requireNonNull(resource, "resource");
    }

    @Override
    public String type() {
      return resource.fhirType();
    }

    @Override
    public String id() {
      return resource.getIdElement().getIdPart();
    }
  }

  /**
   * The record's complete JSON (UTF-8), for an answer the gateway writes itself ({@link
   * AnswerForm#JSON}). The bytes are not copied: nobody may change them.
   */
  record Encoded(String type, String id, byte[] json) implements ReleasedRecord {

    public Encoded {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(json, "json");
    }

    /** {@code model} encoded by {@code parser}, which only the calling thread may be using. */
    public static Encoded of(IParser parser, Resource model) {
      return new Encoded(
          model.fhirType(),
          model.getIdElement().getIdPart(),
          parser.encodeResourceToString(model).getBytes(StandardCharsets.UTF_8));
    }
  }
}
