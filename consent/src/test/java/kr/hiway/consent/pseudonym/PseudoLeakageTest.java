package kr.hiway.consent.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.util.FhirTerser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import kr.hiway.demo.simulator.Person;
import kr.hiway.vocabulary.Hospital;
import kr.hiway.vocabulary.LinkageToken;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pseudonymizes the release of every person of a demo population (all records at all their
 * hospitals) and looks for anything identifying in the JSON that would leave the gateway.
 */
class PseudoLeakageTest {

  private static final int PERSONS = 2_000;
  private static final int GATEWAY_SHAPE_PERSONS = 200;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static PseudoFixtures.Network network;
  private static Pseudonymizer pseudonymizer;

  @BeforeAll
  static void setUp() {
    PseudoFixtures.fhir();
    network = PseudoFixtures.network(PERSONS);
    pseudonymizer = PseudoFixtures.pseudonymizer("leakage");
  }

  @Test
  void pseudonymizeWhenEveryPersonReleasedThenNothingIdentifyingSurvives() {
    ConcurrentLinkedQueue<String> leaks = new ConcurrentLinkedQueue<>();
    AtomicInteger resources = new AtomicInteger();
    IntStream.range(0, PERSONS)
        .parallel()
        .forEach(i -> {
          List<Resource> release = network.release(i);
          resources.addAndGet(scan(i, release, "hospital shape", leaks));
          if (i < GATEWAY_SHAPE_PERSONS) {
            scan(i, network.gatewayRelease(i), "gateway shape", leaks);
          }
        });
    assertThat(resources.get()).as("resources scanned").isGreaterThan(PERSONS * 10);
    assertThat(leaks).as("identifying strings found in pseudonymized output").isEmpty();
  }

  @Test
  void scanWhenIdentifierLeftInOutputThenLeakReported() {
    // Guards the scan above against passing vacuously: a release with the name put back must fail.
    List<Resource> release = network.release(1);
    PseudonymizedRelease out =
        pseudonymizer.pseudonymize("irb-1", network.population().person(1).nationalId(), release);
    Person person = network.population().person(1);
    ((Patient) out.resources().get(0)).addName().setText(person.familyName() + person.givenName());
    List<String> found = new ArrayList<>();
    IParser parser = PseudoFixtures.fhir().newJsonParser();
    for (Resource r : out.resources()) {
      found.addAll(hits(parser.encodeResourceToString(r), needles(1, release)));
    }
    assertThat(found).isNotEmpty();
  }

  /** Pseudonymizes one release, adds any needle found to {@code leaks}; returns the output size. */
  private static int scan(
      int index, List<Resource> release, String shape, ConcurrentLinkedQueue<String> leaks) {
    Person person = network.population().person(index);
    Set<String> needles = needles(index, release);
    PseudonymizedRelease out = pseudonymizer.pseudonymize("irb-1", person.nationalId(), release);
    IParser parser = PseudoFixtures.fhir().newJsonParser();
    for (Resource r : out.resources()) {
      for (String hit : hits(parser.encodeResourceToString(r), needles)) {
        leaks.add("person " + index + " (" + shape + ") " + r.fhirType() + ": " + hit);
      }
    }
    return out.resources().size();
  }

  /** Everything identifying about the person that the source release holds. */
  static Set<String> needles(int index, List<Resource> release) {
    return needlesFor(network, index, release);
  }

  static Set<String> needlesFor(PseudoFixtures.Network network, int index, List<Resource> release) {
    Person p = network.population().person(index);
    Set<String> n = new LinkedHashSet<>();
    n.add(p.familyName() + p.givenName());
    n.add(p.familyName() + " " + p.givenName());
    if (p.givenName().length() >= 2) {
      n.add(p.givenName());
    }
    String id = p.nationalId();
    String digits = id.replace("-", "");
    n.add(id);
    n.add(digits);
    n.add(digits.substring(0, 6) + " " + digits.substring(6));
    n.add(digits.substring(6));
    n.add(p.phone());
    n.add(p.phone().replace("-", ""));
    n.add(p.phone().replace('-', ' '));
    n.add(p.addressLine());
    n.add(p.birthDate().toString());
    n.add(p.birthDate().toString().replace("-", ""));
    FhirTerser terser = PseudoFixtures.fhir().newTerser();
    for (Resource r : release) {
      if (r instanceof Patient patient) {
        for (Identifier identifier : patient.getIdentifier()) {
          n.add(identifier.getValue());
        }
      }
      for (Reference ref : terser.getAllPopulatedChildElementsOfType(r, Reference.class)) {
        if (ref.hasDisplay()) {
          n.add(ref.getDisplay());
        }
      }
    }
    for (Hospital h : network.population().hospitalsOf(index)) {
      n.add(network.hospitals().get(h.code()).localPatientId(index));
      n.add(PseudoFixtures.SOURCE_PREFIX + h.code() + ":mrn");
    }
    // Not personal data, but a sign that an identifier got through.
    n.add(LinkageToken.SYSTEM);
    n.remove(null);
    return n;
  }

  /** The needles found in one resource's JSON, in any string, number or decoded attachment. */
  static List<String> hits(String json, Set<String> needles) {
    List<String> found = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    try {
      collect(JSON.readTree(json), texts);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String text : texts) {
      for (String needle : needles) {
        if (text.contains(needle)) {
          found.add("'" + needle + "' in '" + text + "'");
        }
      }
    }
    return found;
  }

  private static void collect(JsonNode node, List<String> texts) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        texts.add(field.getKey());
        if (field.getKey().equals("data") && field.getValue().isTextual()) {
          // Attachment data should not survive at all; if it did, its content must be clean too.
          texts.add("data:" + field.getValue().asText());
          texts.add(
              new String(
                  Base64.getDecoder().decode(field.getValue().asText()), StandardCharsets.UTF_8));
        }
        collect(field.getValue(), texts);
      }
    } else if (node.isArray()) {
      node.forEach(child -> collect(child, texts));
    } else if (node.isValueNode()) {
      texts.add(node.asText());
    }
  }
}
