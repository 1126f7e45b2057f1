package kr.hiway.gateway.fanout;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kr.hiway.vocabulary.Ownership;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceFactory;

/**
 * A searchset page read JSON first, for records that {@link JsonRewriter} will write: HAPI's model
 * of such a record is not built (it was most of a search's cost, and the JSON path never looks at
 * it).
 *
 * <p>An entry holding nothing but a {@code fullUrl} that agrees with its record's id, a {@code
 * match} or {@code include} search mode and a record of a known type other than Patient with a
 * valid id (and none of the parts the JSON path always declines: narrative, contained resources,
 * modifier extensions, extensions on primitives) becomes a <em>skeleton</em>: a resource of the
 * record's type holding only its id and the reference that says whose it is ({@link
 * Ownership#referenceElement}), with a {@link Skeleton} beside it that holds the record's JSON.
 * Every other entry is parsed by HAPI strictly, alone in a one-entry searchset (so HAPI's rules,
 * the {@code fullUrl} overriding the id among them, apply to it as in the whole page), and so is
 * the page around the entries. The JSON path's walk then checks a skeleton's record as strictly as
 * HAPI would (every key an element, every primitive value parsed by HAPI's own type); a record it
 * declines is parsed by HAPI after all ({@link Skeleton#model}), from the page's bytes as the
 * hospital sent them, and a record HAPI refuses makes the hospital's whole answer invalid, as
 * before.
 *
 * <p>Stateless; thread-safe.
 */
final class JsonFirst {

  private static final Set<String> ENTRY_KEYS = Set.of("fullUrl", "resource", "search");

  /**
   * What a skeleton stands for: its record's JSON, and where that record is in the hospital's
   * bytes. Used by the one thread that releases the hospital's answer; not thread-safe.
   */
  static final class Skeleton {
    private final Resource resource;
    private final ObjectNode json;
    private final Sent page;
    private final int index;

    private Skeleton(Resource resource, ObjectNode json, Sent page, int index) {
      this.resource = resource;
      this.json = json;
      this.page = page;
      this.index = index;
    }

    /** The record's JSON, as the hospital sent it until someone changes it. */
    ObjectNode json() {
      return json;
    }

    /**
     * HAPI's strict model of the record, read afresh from the hospital's bytes (its JSON may have
     * been changed by a rewriting that was abandoned).
     *
     * @throws HospitalFailure if HAPI refuses it: the hospital's answer is invalid
     */
    Resource model(FhirContext fhir) throws HospitalFailure {
      Resource model = alone(fhir, page.entry(index)).getResource();
      if (model == null
          || !model.fhirType().equals(resource.fhirType())
          || !resource.getIdElement().getIdPart().equals(model.getIdElement().getIdPart())) {
        throw FhirBodies.invalid("response was not valid FHIR"); // cannot be: same bytes, rules
      }
      return model;
    }
  }

  /**
   * A page as the hospital sent it, read again at most once however many of its records are
   * declined. Used by the one thread that releases the hospital's answer; not thread-safe.
   */
  private static final class Sent {
    private final byte[] bytes;
    private ArrayNode entries;

    Sent(byte[] bytes) {
      this.bytes = bytes;
    }

    JsonNode entry(int index) throws HospitalFailure {
      if (entries == null) {
        entries = (ArrayNode) FhirBodies.tree(bytes).get("entry");
      }
      return entries.get(index);
    }
  }

  /**
   * Top-level keys of a record the JSON path always declines (narrative, contained resources,
   * modifier extensions): such a record is parsed by HAPI at once rather than read twice.
   */
  private static final Set<String> DECLINED = Set.of("text", "contained", "modifierExtension");

  private JsonFirst() {}

  /**
   * One page, its plain entries as skeletons; see the class comment. Each skeleton's {@link
   * Skeleton} is put in {@code skeletons}.
   */
  static Bundle page(
      FhirContext fhir, HospitalHttp.Answer answer, Map<Resource, Skeleton> skeletons)
      throws HospitalFailure {
    ObjectNode tree = FhirBodies.tree(answer);
    if (!(tree.get("entry") instanceof ArrayNode entries)) {
      return FhirBodies.parse(fhir, tree, Bundle.class); // no entries, or not an array of them
    }
    ObjectNode shell = tree.objectNode();
    for (Map.Entry<String, JsonNode> field : tree.properties()) {
      if (!field.getKey().equals("entry")) {
        shell.set(field.getKey(), field.getValue());
      }
    }
    Bundle page = FhirBodies.parse(fhir, shell, Bundle.class);
    Sent sent = new Sent(answer.body());
    for (int i = 0; i < entries.size(); i++) {
      JsonNode entry = entries.get(i);
      Skeleton skeleton = skeleton(entry, sent, i);
      if (skeleton != null) {
        skeletons.put(skeleton.resource, skeleton);
        page.addEntry().setResource(skeleton.resource);
      } else {
        page.addEntry(alone(fhir, entry));
      }
    }
    return page;
  }

  /** An entry parsed by HAPI strictly, as the only entry of a searchset. */
  private static Bundle.BundleEntryComponent alone(FhirContext fhir, JsonNode entry)
      throws HospitalFailure {
    ObjectNode one = JsonNodeFactory.instance.objectNode();
    one.put("resourceType", "Bundle");
    one.put("type", "searchset");
    one.putArray("entry").add(entry);
    Bundle parsed = FhirBodies.parse(fhir, one, Bundle.class);
    if (parsed.getEntry().size() != 1) {
      throw FhirBodies.invalid("response was not valid FHIR");
    }
    return parsed.getEntry().get(0);
  }

  /** A skeleton for a plain entry, the {@code index}th of {@code page}, or null. */
  private static Skeleton skeleton(JsonNode entry, Sent page, int index) {
    if (!(entry instanceof ObjectNode e) || !(e.get("resource") instanceof ObjectNode record)) {
      return null;
    }
    for (String key : (Iterable<String>) e::fieldNames) {
      if (!ENTRY_KEYS.contains(key)) {
        return null;
      }
    }
    for (String key : (Iterable<String>) record::fieldNames) {
      if (DECLINED.contains(key) || key.startsWith("_")) {
        return null;
      }
    }
    String type = text(record, "resourceType");
    String id = text(record, "id");
    Optional<RecordType> recordType = type == null ? Optional.empty() : RecordType.ofFhirType(type);
    if (recordType.isEmpty() || !GlobalIds.isFhirId(id)) {
      return null;
    }
    if (e.has("fullUrl") && !agrees(text(e, "fullUrl"), type, id)) {
      return null;
    }
    if (e.has("search") && !isMatchOrInclude(e.get("search"))) {
      return null;
    }
    Resource skeleton = ResourceFactory.createResource(type);
    skeleton.setId(id);
    String owner = Ownership.referenceElement(type);
    if (record.get(owner) instanceof ObjectNode reference) {
      String target = text(reference, "reference");
      if (target != null) {
        skeleton.setProperty(owner, new Reference(target));
      }
    }
    return new Skeleton(skeleton, record, page, index);
  }

  /**
   * Whether a {@code fullUrl} names the record {@code type/id} (relative, or at the end of an http
   * or https URL with no query, fragment or history in it), and HAPI, which takes the record's id
   * from the {@code fullUrl}, reads that same type and id from it.
   */
  private static boolean agrees(String fullUrl, String type, String id) {
    if (fullUrl == null
        || fullUrl.contains("/_history/")
        || fullUrl.indexOf('?') >= 0
        || fullUrl.indexOf('#') >= 0) {
      return false;
    }
    String relative = type + "/" + id;
    boolean names =
        fullUrl.equals(relative)
            || ((fullUrl.startsWith("http://") || fullUrl.startsWith("https://"))
                && fullUrl.endsWith("/" + relative));
    IdType read = new IdType(fullUrl);
    return names && id.equals(read.getIdPart()) && type.equals(read.getResourceType());
  }

  private static boolean isMatchOrInclude(JsonNode search) {
    if (!(search instanceof ObjectNode s)) {
      return false;
    }
    for (Map.Entry<String, JsonNode> field : s.properties()) {
      boolean plain =
          switch (field.getKey()) {
            case "mode" ->
                field.getValue().isTextual()
                    && (field.getValue().asText().equals("match")
                        || field.getValue().asText().equals("include"));
            case "score" -> field.getValue().isNumber();
            default -> false;
          };
      if (!plain) {
        return false;
      }
    }
    return true;
  }

  private static String text(ObjectNode node, String name) {
    JsonNode value = node.get(name);
    return value != null && value.isTextual() ? value.asText() : null;
  }
}
