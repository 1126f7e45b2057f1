package kr.hiway.gateway.api;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import kr.hiway.gateway.fanout.AnswerForm;
import kr.hiway.gateway.fanout.ReleasedRecord;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleLinkComponent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a searchset Bundle around records {@linkplain ReleasedRecord.Encoded encoded ahead}, in
 * the same JSON shape HAPI would write: the answers in {@link AnswerForm#JSON}. XML, {@code
 * _pretty} and anything else go to HAPI as usual.
 *
 * <p>HAPI's bundle builder takes resources, and this hook sees only the Bundle it built; so an
 * encoded record goes through the builder as a {@linkplain #standIn stand-in}, an empty resource of
 * its type and id that carries its bytes. That is the one place where the bytes ride on a resource.
 */
final class PreEncodedResponses {

  /**
   * A flush writes the generator's buffer to the stream without flushing the stream itself (which
   * would send a chunk per record): records' bytes go straight to the stream in between.
   */
  private static final JsonFactory JSON =
      new JsonFactory().disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);

  private static final Logger log = LoggerFactory.getLogger(PreEncodedResponses.class);
  private static final String BYTES = PreEncodedResponses.class.getName() + ".bytes";

  private final FhirContext fhir;

  PreEncodedResponses(FhirContext fhir) {
    this.fhir = fhir;
  }

  @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
  public boolean write(
      RequestDetails request, ResponseDetails details, HttpServletResponse response)
      throws IOException {
    // Stand-ins are made only for an answer in JSON form: one among the entries says it is one.
    if (!(details.getResponseResource() instanceof Bundle bundle)
        || details.getResponseCode() != 200
        || bundle.getEntry().stream().noneMatch(e -> bytesOf(e.getResource()) != null)) {
      return true;
    }
    response.setStatus(200);
    response.setContentType("application/fhir+json;charset=UTF-8");
    try {
      writeBundle(bundle, response);
    } catch (IOException e) {
      // Writing the response fails only when the client has gone (a closed app, a lost
      // connection): nothing to answer any more, and nothing for the operators to act on.
      log.debug("client went away during the answer: {}", e.toString());
    }
    return false;
  }

  private void writeBundle(Bundle bundle, HttpServletResponse response) throws IOException {
    OutputStream out = response.getOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("resourceType", "Bundle");
      if (bundle.hasId()) {
        g.writeStringField("id", bundle.getIdElement().getIdPart());
      }
      if (bundle.getMeta().hasLastUpdated()) {
        g.writeObjectFieldStart("meta");
        g.writeStringField(
            "lastUpdated", bundle.getMeta().getLastUpdatedElement().getValueAsString());
        g.writeEndObject();
      }
      g.writeStringField("type", bundle.getType().toCode());
      if (bundle.hasTotal()) {
        g.writeNumberField("total", bundle.getTotal());
      }
      if (bundle.hasLink()) {
        g.writeArrayFieldStart("link");
        for (BundleLinkComponent link : bundle.getLink()) {
          g.writeStartObject();
          g.writeStringField("relation", link.getRelation());
          g.writeStringField("url", link.getUrl());
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      if (bundle.hasEntry()) {
        g.writeArrayFieldStart("entry");
        for (BundleEntryComponent entry : bundle.getEntry()) {
          writeEntry(g, out, entry);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    }
  }

  private void writeEntry(JsonGenerator g, OutputStream out, BundleEntryComponent entry)
      throws IOException {
    g.writeStartObject();
    if (entry.hasFullUrl()) {
      g.writeStringField("fullUrl", entry.getFullUrl());
    }
    byte[] encoded = bytesOf(entry.getResource());
    g.writeFieldName("resource");
    if (encoded != null) {
      // The generator writes the separator and counts a value written; the bytes follow it.
      g.writeRawValue("");
      g.flush();
      out.write(encoded);
    } else {
      g.writeRawValue(fhir.newJsonParser().encodeResourceToString(entry.getResource()));
    }
    if (entry.hasSearch() && entry.getSearch().hasMode()) {
      g.writeObjectFieldStart("search");
      g.writeStringField("mode", entry.getSearch().getMode().toCode());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  /**
   * The form of the answer to {@code request}: {@link AnswerForm#JSON}, written by this class, for
   * plain JSON; otherwise HAPI's.
   */
  static AnswerForm answerForm(RequestDetails request) {
    if (RestfulServerUtils.prettyPrintResponse(request.getServer(), request)) {
      return AnswerForm.HAPI;
    }
    RestfulServerUtils.ResponseEncoding encoding =
        RestfulServerUtils.determineResponseEncodingNoDefault(
            request, request.getServer().getDefaultResponseEncoding());
    return encoding == null || encoding.getEncoding() == EncodingEnum.JSON
        ? AnswerForm.JSON
        : AnswerForm.HAPI;
  }

  /** An empty resource of the record's type and id, carrying its bytes for {@link #write}. */
  static Resource standIn(ReleasedRecord.Encoded record) {
    Resource standIn = ResourceFactory.createResource(record.type());
    standIn.setIdElement(new IdType(record.type(), record.id()));
    standIn.setUserData(BYTES, record.json());
    return standIn;
  }

  /** The bytes a stand-in carries, or null for any other resource. */
  private static byte[] bytesOf(IBaseResource resource) {
    return resource.getUserData(BYTES) instanceof byte[] bytes ? bytes : null;
  }
}
