package kr.hiway.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kr.hiway.adapter.linkage.LinkageToken;
import kr.hiway.adapter.network.Hospital;
import kr.hiway.adapter.network.HospitalDirectory;
import kr.hiway.adapter.simulator.SimulatedHospital;
import kr.hiway.adapter.simulator.SyntheticPopulation;
import kr.hiway.adapter.source.RecordType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * The JSON path gives the same record as the model path: each resource is rewritten both ways and
 * HAPI's encodings of the two results must be identical.
 */
class JsonRewriterTest {

  static final FhirContext FHIR = FhirContext.forR4Cached();
  static final String TOKEN = FanOutRewriteTest.TOKEN;

  @Test
  void rewriteWhenHostileReferencesAndHiddenTokensThenSameAsModelPath() throws Exception {
    Observation o = FanOutRewriteTest.observation();
    o.setEncounter(new Reference("Encounter/E1"));
    o.addHasMember(new Reference("Observation/O2/_history/3"));
    o.addPerformer(new Reference("Patient/P2"));
    o.addPerformer(new Reference("https://snuh.example/fhir/Practitioner/9").setDisplay("Dr Kim"));
    o.addPerformer(new Reference("urn:uuid:6f1c9d4e-0000-4000-8000-000000000000"));
    o.addPerformer(new Reference("Practitioner?identifier=urn:x|1"));
    o.addPerformer(new Reference("#pat"));
    o.getSubject().setIdentifier(new Identifier().setSystem(LinkageToken.SYSTEM).setValue(TOKEN));
    o.addExtension(new Extension("urn:ext", new Identifier().setValue(TOKEN)));
    o.addExtension(new Extension("urn:ref", new Reference("Encounter/E9")));
    o.addExtension(new Extension("urn:abs", new Reference("http://x.example/Encounter/1")));
    o.addIdentifier().setSystem("urn:mrn").setValue("keep-me");
    o.addIdentifier().setSystem("urn:other").setValue(TOKEN);
    // Extensions on a primitive, one carrying a reference and one a hidden token.
    var status = o.getStatusElement();
    status.addExtension(new Extension("urn:why", new Reference("Practitioner/D1")));
    status.addExtension(new Extension("urn:leak", new Identifier().setValue(TOKEN)));
    o.setValue(new Quantity().setValue(new BigDecimal("1.50")).setUnit("mmol/L"));
    Patient contained = new Patient();
    contained.setId("pat");
    contained.addIdentifier().setSystem(LinkageToken.SYSTEM).setValue(TOKEN);
    contained.addIdentifier().setSystem("urn:mrn").setValue("M1");
    contained.addGeneralPractitioner(new Reference("Practitioner/G1"));
    o.addContained(contained);
    o.getMeta().setVersionId("7").addProfile("http://example.org/p").addTag("urn:t", "t", null);

    String json = assertSameBothWays(List.of(o)).get(0);

    assertThat(json).doesNotContain(TOKEN, LinkageToken.SYSTEM, "snuh.example", "x.example");
    assertThat(json).contains("\"value\":1.50", "keep-me", "Encounter/snuh.E9");
    assertThat(json).startsWith("{\"resourceType\":\"Observation\",\"id\":\"snuh.O1\",\"meta\":");
  }

  @Test
  void rewriteWhenNoMetaThenSourceStillSet() throws Exception {
    Observation o = new Observation();
    o.setId("O5");
    o.setStatus(Observation.ObservationStatus.FINAL);
    o.setSubject(new Reference("Patient/P1"));

    String json = assertSameBothWays(List.of(o)).get(0);

    assertThat(json).contains("\"source\":\"urn:hiway:hospital:snuh\"", "Patient/gw-1");
  }

  @Test
  void rewriteWhenSimulatedRecordsOfEveryTypeThenSameAsModelPath() throws Exception {
    List<Hospital> hospitals = HospitalDirectory.tertiaryHospitals().subList(0, 3);
    SyntheticPopulation population = SyntheticPopulation.generate(7, 20, hospitals);
    LinkageToken linkage = LinkageToken.withKey(new byte[32]);
    int checked = 0;
    for (Hospital h : hospitals) {
      SimulatedHospital source = new SimulatedHospital(population, h, linkage);
      for (int person = 0; person < 20; person++) {
        String local;
        try {
          local = source.localPatientId(person);
        } catch (IllegalArgumentException notHere) {
          continue;
        }
        for (RecordType type : RecordType.values()) {
          List<Resource> records = source.records(local, type);
          if (records.isEmpty()) {
            continue;
          }
          JsonRewriter json = new JsonRewriter(FHIR, "h1", local, "gw-9", TOKEN);
          Rewriter model = new Rewriter(FHIR, "h1", local, "gw-9", TOKEN);
          assertSameBothWays(records, json, model);
          checked += records.size();
        }
      }
    }
    assertThat(checked).isGreaterThan(200);
  }

  private static List<String> assertSameBothWays(List<? extends Resource> resources)
      throws Exception {
    return assertSameBothWays(
        resources,
        new JsonRewriter(FHIR, "snuh", "P1", "gw-1", TOKEN),
        new Rewriter(FHIR, "snuh", "P1", "gw-1", TOKEN));
  }

  /** Rewrites each resource from a searchset's JSON both ways; returns the JSON path's texts. */
  private static List<String> assertSameBothWays(
      List<? extends Resource> resources, JsonRewriter json, Rewriter model) throws Exception {
    Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
    resources.forEach(r -> bundle.addEntry().setResource(r));
    byte[] body =
        FHIR.newJsonParser().encodeResourceToString(bundle).getBytes(StandardCharsets.UTF_8);
    HospitalHttp.Answer answer =
        new HospitalHttp.Answer(200, Optional.of("application/fhir+json"), body);
    FhirBodies.Parsed<Bundle> parsed = FhirBodies.parseWithJson(FHIR, answer, Bundle.class);
    Bundle copy = FhirBodies.parse(FHIR, answer, Bundle.class);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < copy.getEntry().size(); i++) {
      Resource viaModel = model.rewrite(copy.getEntry().get(i).getResource());
      ObjectNode tree = (ObjectNode) parsed.json().get("entry").get(i).get("resource");
      String localId = parsed.resource().getEntry().get(i).getResource().getIdPart();
      String text = new String(json.rewrite(localId, tree), StandardCharsets.UTF_8);
      Resource viaJson = (Resource) FHIR.newJsonParser().parseResource(text);
      assertThat(FHIR.newJsonParser().encodeResourceToString(viaJson))
          .as("record %d", i)
          .isEqualTo(FHIR.newJsonParser().encodeResourceToString(viaModel));
      texts.add(text);
    }
    return texts;
  }
}
