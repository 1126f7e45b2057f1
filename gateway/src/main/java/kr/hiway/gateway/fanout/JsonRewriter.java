package kr.hiway.gateway.fanout;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeChildChoiceDefinition;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.hiway.vocabulary.LinkageToken;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MarkdownType;
import org.hl7.fhir.r4.model.OidType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.UrlType;
import org.hl7.fhir.r4.model.UuidType;

/**
 * {@link Rewriter}'s rules applied to a record's JSON as the hospital sent it, for the patient's
 * own records answered as JSON: the record's JSON tree is changed in place and written out, and
 * HAPI's model of the record is not built at all ({@link JsonFirst}), since parsing, walking and
 * re-encoding the model were most of the gateway's work on a search. The walk is therefore also the
 * record's validity check: every primitive value is parsed as HAPI's strict parse would parse it
 * (by HAPI's own type for the element, or {@link FhirDates} for the everyday date forms), and a
 * value HAPI would refuse declines the record.
 *
 * <p>Only a record in <em>plain form</em> takes this path: every key names an element of HAPI's
 * definition of the type at that place, with the JSON shape the model holds (an array exactly where
 * the element repeats, a scalar of the right JSON type where a primitive is expected, at most one
 * {@code value[x]}), no empty or null values, no whitespace around text. Such a tree holds nothing
 * the model does not, element for element, so the rules below change it exactly where {@link
 * Rewriter} changes the model. Anything else returns null, and the caller takes the model path:
 * extensions on primitives ({@code _x}), {@code modifierExtension}, contained resources, narrative,
 * {@code fhir_comments}, unknown keys, other names HAPI reads for an element, base64 other than in
 * canonical form, a linkage identifier inside an extension, a local {@code #} reference, an
 * extension with both a value and extensions. As a last guard, written bytes that still hold the
 * patient's linkage token or the linkage system are refused too (the model path withholds a record
 * the token is left in).
 *
 * <p>One per hospital exchange; not thread-safe.
 */
final class JsonRewriter {

  private static final JsonFactory WRITER = new JsonFactory();
  private static final byte[] LINKAGE_SYSTEM = LinkageToken.SYSTEM.getBytes(StandardCharsets.UTF_8);

  /** Thrown inside the walk when the tree is not in plain form; never leaves this class. */
  private static final class NotPlain extends Exception {
    NotPlain() {
      super(null, null, false, false);
    }
  }

  private static final NotPlain NOT_PLAIN = new NotPlain();

  /** Primitive types whose parsing keeps any text as it is (HAPI's {@code parse} returns it). */
  private static final Set<Class<?>> ANY_TEXT =
      Set.of(
          StringType.class,
          MarkdownType.class,
          CodeType.class,
          UriType.class,
          UrlType.class,
          CanonicalType.class,
          OidType.class,
          UuidType.class);

  private final FhirContext fhir;
  private final Rewriter rules;
  private final String hospitalCode;
  private final byte[] tokenBytes;
  private final BaseRuntimeElementCompositeDefinition<?> extensionDefinition;

  /** Applies {@code rules}' reference and linkage rules (only those: no state of theirs). */
  JsonRewriter(Rewriter rules) {
    this.fhir = rules.fhir();
    this.rules = rules;
    this.hospitalCode = rules.hospitalCode();
    this.tokenBytes = rules.token().getBytes(StandardCharsets.UTF_8);
    this.extensionDefinition =
        (BaseRuntimeElementCompositeDefinition<?>) fhir.getElementDefinition(Extension.class);
  }

  /**
   * Rewrites {@code resource} (a record's JSON object, changed in place; its id as HAPI read it is
   * {@code localId}) and returns its JSON bytes, {@code resourceType}, {@code id} and {@code meta}
   * first as HAPI writes them; or null if the record is not in plain form (the tree may then be
   * half rewritten: only the model is to be used).
   */
  byte[] rewrite(String localId, ObjectNode resource) {
    String type = resource.path("resourceType").asText();
    RuntimeResourceDefinition definition;
    try {
      definition = fhir.getResourceDefinition(type);
    } catch (RuntimeException unknown) {
      return null;
    }
    JsonNode id = resource.get("id");
    if (id == null || !id.isTextual() || !id.asText().equals(localId)) {
      return null;
    }
    byte[] bytes;
    try {
      walk(resource, definition, true);
      ObjectNode meta = resource.get("meta") instanceof ObjectNode m ? m : resource.objectNode();
      meta.put("source", GlobalIds.source(hospitalCode));
      ByteArrayBuilder out = new ByteArrayBuilder(256);
      try (JsonGenerator g = WRITER.createGenerator(out, JsonEncoding.UTF8)) {
        g.writeStartObject();
        g.writeStringField("resourceType", type);
        g.writeStringField("id", GlobalIds.of(hospitalCode, localId));
        g.writeFieldName("meta");
        write(g, meta);
        for (Map.Entry<String, JsonNode> field : resource.properties()) {
          String name = field.getKey();
          if (!name.equals("resourceType") && !name.equals("id") && !name.equals("meta")) {
            g.writeFieldName(name);
            write(g, field.getValue());
          }
        }
        g.writeEndObject();
      }
      bytes = out.toByteArray();
    } catch (NotPlain | IOException e) {
      return null;
    }
    return containsEither(bytes, tokenBytes, LINKAGE_SYSTEM) ? null : bytes;
  }

  /**
   * Writes a tree as each node would write itself, without the mapper's serializer machinery (a
   * provider per call): numbers keep the type they were read as, decimals their digits.
   */
  private static void write(JsonGenerator g, JsonNode node) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT -> {
        g.writeStartObject();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          g.writeFieldName(field.getKey());
          write(g, field.getValue());
        }
        g.writeEndObject();
      }
      case ARRAY -> {
        g.writeStartArray();
        for (JsonNode element : node) {
          write(g, element);
        }
        g.writeEndArray();
      }
      case STRING -> g.writeString(node.textValue());
      case BOOLEAN -> g.writeBoolean(node.booleanValue());
      case NUMBER -> {
        switch (node.numberType()) {
          case INT -> g.writeNumber(node.intValue());
          case LONG -> g.writeNumber(node.longValue());
          case BIG_INTEGER -> g.writeNumber(node.bigIntegerValue());
          case BIG_DECIMAL -> g.writeNumber(node.decimalValue());
          case FLOAT -> g.writeNumber(node.floatValue());
          case DOUBLE -> g.writeNumber(node.doubleValue());
        }
      }
      case NULL -> g.writeNull();
      // Binary, POJO and missing nodes do not come out of parsing text; the walk refuses them.
      default -> throw new IOException("unexpected node " + node.getNodeType());
    }
  }

  /**
   * Walks one object of the given definition, checking its form and rewriting it; returns whether
   * the rewriting emptied it.
   */
  private boolean walk(
      ObjectNode node, BaseRuntimeElementCompositeDefinition<?> definition, boolean resource)
      throws NotPlain {
    List<BaseRuntimeChildDefinition> choices = null; // value[x] and its kind: one key each
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      JsonNode value = field.getValue();
      if (resource && (name.equals("resourceType") || name.equals("id"))) {
        continue; // checked by the caller
      }
      if (!resource && name.equals("id")) {
        text(value); // an element's id: a string, nothing to rewrite
        continue;
      }
      if (name.equals("extension")) {
        if (!(value instanceof ArrayNode array) || array.isEmpty()) {
          throw NOT_PLAIN;
        }
        for (JsonNode item : array) {
          extension(item);
        }
        continue;
      }
      if (name.equals("modifierExtension")) {
        throw NOT_PLAIN; // left to the model path
      }
      BaseRuntimeChildDefinition child = definition.getChildByName(name);
      BaseRuntimeElementDefinition<?> element = child == null ? null : child.getChildByName(name);
      if (element == null || !name.equals(canonicalName(child, element))) {
        throw NOT_PLAIN; // unknown here, or a name HAPI also reads
      }
      if (child instanceof RuntimeChildChoiceDefinition) {
        if (choices == null) {
          choices = new ArrayList<>(2);
        } else if (choices.contains(child)) {
          throw NOT_PLAIN; // a second value[x]
        }
        choices.add(child);
      }
      boolean repeats = child.getMax() != 1;
      if (value instanceof ArrayNode array) {
        if (!repeats || array.isEmpty()) {
          throw NOT_PLAIN;
        }
        for (int i = array.size() - 1; i >= 0; i--) {
          if (element(array.get(i), child, element)) {
            array.remove(i);
          }
        }
        if (array.isEmpty()) {
          fields.remove();
        }
      } else if (repeats) {
        throw NOT_PLAIN;
      } else if (element(value, child, element)) {
        fields.remove();
      }
    }
    return node.isEmpty();
  }

  /**
   * The name HAPI writes the element under: a strict parse also reads other names (say {@code
   * subjectResource} for {@code subject}), which a client need not know.
   */
  private static String canonicalName(
      BaseRuntimeChildDefinition child, BaseRuntimeElementDefinition<?> element) {
    return child instanceof RuntimeChildChoiceDefinition
        ? child.getChildNameByDatatype(element.getImplementingClass())
        : child.getElementName();
  }

  /** One value of an element; returns whether it is to be left out. */
  private boolean element(
      JsonNode value, BaseRuntimeChildDefinition child, BaseRuntimeElementDefinition<?> definition)
      throws NotPlain {
    switch (definition.getChildType()) {
      case PRIMITIVE_DATATYPE, ID_DATATYPE -> {
        primitive(value, definition.getImplementingClass());
        parses(value, child, definition);
        return false;
      }
      case COMPOSITE_DATATYPE, RESOURCE_BLOCK -> {
        if (!(value instanceof ObjectNode item) || item.isEmpty()) {
          throw NOT_PLAIN;
        }
        Class<?> type = definition.getImplementingClass();
        if (type == Identifier.class && isLinkage(item)) {
          return true;
        }
        if (type == Reference.class) {
          reference(item);
        }
        return walk(item, (BaseRuntimeElementCompositeDefinition<?>) definition, false);
      }
      default -> throw NOT_PLAIN; // narrative, resources held in elements, contained
    }
  }

  /**
   * An extension: a url and a value or extensions. One the rewriting would empty (a linkage
   * identifier or an outside reference as its value) is left to the model path, which drops it.
   */
  private void extension(JsonNode value) throws NotPlain {
    if (!(value instanceof ObjectNode item) || item.isEmpty()) {
      throw NOT_PLAIN;
    }
    text(item.get("url"));
    if (walk(item, extensionDefinition, false) || !hasValueOrExtensions(item)) {
      throw NOT_PLAIN;
    }
  }

  /**
   * Whether an extension has a value or extensions, and not both (which HAPI's strict parse may
   * refuse: the model path decides).
   */
  private static boolean hasValueOrExtensions(ObjectNode extension) {
    boolean value = false;
    boolean extensions = false;
    for (String name : (Iterable<String>) extension::fieldNames) {
      value |= name.startsWith("value");
      extensions |= name.equals("extension");
    }
    return value != extensions;
  }

  /**
   * A primitive's value as HAPI's strict parse reads it: by the element's own type (an enumeration
   * with its codes), whose parsing refuses a malformed date or an unknown code. The record then
   * goes the model path, which refuses the hospital's answer. Types whose parsing takes any text
   * are not asked.
   */
  private static void parses(
      JsonNode value, BaseRuntimeChildDefinition child, BaseRuntimeElementDefinition<?> definition)
      throws NotPlain {
    Class<?> type = definition.getImplementingClass();
    if (ANY_TEXT.contains(type) || FhirDates.certainlyValid(type, value.asText())) {
      return;
    }
    try {
      Object argument = child.getInstanceConstructorArguments();
      IPrimitiveType<?> primitive = (IPrimitiveType<?>) definition.newInstance(argument);
      primitive.setValueAsString(value.asText());
    } catch (RuntimeException refused) {
      throw NOT_PLAIN;
    }
  }

  /** A primitive's value: the JSON type HAPI writes it as. */
  private static void primitive(JsonNode value, Class<?> type) throws NotPlain {
    boolean plain;
    if (type == BooleanType.class) {
      plain = value.isBoolean();
    } else if (IntegerType.class.isAssignableFrom(type)) {
      plain = value.isIntegralNumber() && value.canConvertToInt();
    } else if (type == Base64BinaryType.class) {
      // HAPI decodes leniently and writes the canonical form: anything else is not what it holds.
      text(value);
      plain = isCanonicalBase64(value.asText());
    } else if (type == DecimalType.class) {
      plain =
          value.isIntegralNumber()
              || (value.isBigDecimal() && value.decimalValue().toString().indexOf('E') < 0);
    } else {
      text(value);
      plain = true;
    }
    if (!plain) {
      throw NOT_PLAIN;
    }
  }

  private static boolean isCanonicalBase64(String text) {
    try {
      return Base64.getEncoder().encodeToString(Base64.getDecoder().decode(text)).equals(text);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void text(JsonNode value) throws NotPlain {
    if (value == null || !value.isTextual()) {
      throw NOT_PLAIN;
    }
    String s = value.asText();
    if (s.isEmpty() || s.strip().length() != s.length()) {
      throw NOT_PLAIN;
    }
  }

  private void reference(ObjectNode reference) throws NotPlain {
    if (reference.get("identifier") instanceof ObjectNode identifier && isLinkage(identifier)) {
      reference.remove("identifier");
    }
    JsonNode target = reference.get("reference");
    if (target == null) {
      return;
    }
    text(target);
    if (target.asText().startsWith("#")) {
      // A local reference, in a record without contained resources: HAPI's strict parse refuses
      // one it cannot resolve, so the model path decides.
      throw NOT_PLAIN;
    }
    String rewritten = rules.target(target.asText());
    if (rewritten == null) {
      reference.remove("reference");
    } else {
      reference.put("reference", rewritten);
    }
  }

  private boolean isLinkage(ObjectNode identifier) {
    return rules.isLinkage(textOrNull(identifier, "system"), textOrNull(identifier, "value"));
  }

  private static String textOrNull(ObjectNode node, String name) {
    JsonNode value = node.get(name);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  /** Whether {@code haystack} holds {@code a} or {@code b} (neither empty), in one pass. */
  private static boolean containsEither(byte[] haystack, byte[] a, byte[] b) {
    byte a0 = a[0];
    byte b0 = b[0];
    for (int i = 0; i < haystack.length; i++) {
      byte x = haystack[i];
      if ((x == a0 && startsAt(haystack, i, a)) || (x == b0 && startsAt(haystack, i, b))) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsAt(byte[] haystack, int at, byte[] needle) {
    return haystack.length - at >= needle.length
        && Arrays.equals(haystack, at, at + needle.length, needle, 0, needle.length);
  }
}
