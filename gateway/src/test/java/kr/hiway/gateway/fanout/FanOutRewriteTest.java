package kr.hiway.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import kr.hiway.vocabulary.LinkageToken;
import kr.hiway.vocabulary.Ownership;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** How a released resource is rewritten, and whose a resource is. */
class FanOutRewriteTest {

  static final FhirContext FHIR = FhirContext.forR4Cached();
  static final String TOKEN = "tok-ABC_123";

  final Rewriter rewriter = new Rewriter(FHIR, "snuh", "P1", "gw-1", TOKEN);

  static Observation observation() {
    Observation o = new Observation();
    o.setId("http://snuh.example/fhir/Observation/O1/_history/2");
    o.getMeta().setSource("http://snuh.example/emr#1");
    o.setStatus(Observation.ObservationStatus.FINAL);
    o.setSubject(new Reference("Patient/P1"));
    return o;
  }

  @Test
  void rewriteWhenRecordThenIdSourceAndPatientReferenceRewritten() {
    Observation o = (Observation) rewriter.rewrite(observation());

    assertThat(o.getIdElement().getValue()).isEqualTo("Observation/snuh.O1");
    assertThat(o.getMeta().getSource()).isEqualTo("urn:hiway:hospital:snuh");
    assertThat(o.getSubject().getReference()).isEqualTo("Patient/gw-1");
  }

  @Test
  void rewriteWhenRelativeReferencesThenIntoGlobalIds() {
    Observation o = observation();
    o.setEncounter(new Reference("Encounter/E1"));
    o.addHasMember(new Reference("Observation/O2/_history/3"));
    o.addPerformer(new Reference("Patient/P2"));

    rewriter.rewrite(o);

    assertThat(o.getEncounter().getReference()).isEqualTo("Encounter/snuh.E1");
    assertThat(o.getHasMemberFirstRep().getReference()).isEqualTo("Observation/snuh.O2");
    assertThat(o.getPerformerFirstRep().getReference()).isEqualTo("Patient/snuh.P2");
  }

  @Test
  void rewriteWhenAbsoluteLogicalOrConditionalReferenceThenRemovedKeepingDisplay() {
    Observation o = observation();
    o.addPerformer(new Reference("https://snuh.example/fhir/Practitioner/9").setDisplay("Dr Kim"));
    o.addPerformer(new Reference("urn:uuid:6f1c9d4e-0000-4000-8000-000000000000"));
    o.addPerformer(new Reference("Practitioner?identifier=urn:x|1"));
    o.setDevice(new Reference("#dev"));

    rewriter.rewrite(o);

    assertThat(o.getPerformer()).noneMatch(Reference::hasReference);
    assertThat(o.getPerformer().get(0).getDisplay()).isEqualTo("Dr Kim");
    assertThat(o.getDevice().getReference()).isEqualTo("#dev");
    assertThat(FHIR.newJsonParser().encodeResourceToString(o)).doesNotContain("snuh.example");
  }

  @Test
  void rewriteWhenPatientThenLinkageIdentifierRemovedOthersKept() {
    Patient p = new Patient();
    p.setId("P1");
    p.addIdentifier().setSystem(LinkageToken.SYSTEM).setValue(TOKEN);
    p.addIdentifier().setSystem("urn:other").setValue(TOKEN);
    p.addIdentifier().setSystem("urn:test:mrn").setValue("MRN-1");

    rewriter.rewrite(p);

    assertThat(p.getIdElement().getValue()).isEqualTo("Patient/snuh.P1");
    assertThat(p.getIdentifier()).extracting(Identifier::getValue).containsExactly("MRN-1");
  }

  @Test
  void rewriteWhenTokenHiddenElsewhereThenNotSerialized() {
    Observation o = observation();
    o.getSubject().setIdentifier(new Identifier().setSystem(LinkageToken.SYSTEM).setValue(TOKEN));
    o.addExtension(new Extension("urn:ext", new Identifier().setValue(TOKEN)));
    Patient contained = new Patient();
    contained.setId("pat");
    contained.addIdentifier().setSystem(LinkageToken.SYSTEM).setValue(TOKEN);
    o.addContained(contained);

    rewriter.rewrite(o);

    String json = FHIR.newJsonParser().encodeResourceToString(o);
    assertThat(json).doesNotContain(TOKEN, LinkageToken.SYSTEM);
    assertThat(json).as("an extension left without its value").doesNotContain("urn:ext");
  }

  @Test
  void rewriteWhenExtensionsEmptiedThenLeftOutNestedToo() {
    Observation o = observation();
    o.addExtension(new Extension("urn:abs", new Reference("https://elsewhere.example/Patient/9")));
    Extension outer = new Extension("urn:outer");
    outer.addExtension(new Extension("urn:inner", new Identifier().setSystem(LinkageToken.SYSTEM)));
    o.addExtension(outer);
    o.getCode().addExtension(new Extension("urn:kept", new Reference("Encounter/E1")));

    rewriter.rewrite(o);

    String json = FHIR.newJsonParser().encodeResourceToString(o);
    assertThat(json).doesNotContain("urn:abs", "urn:outer", "urn:inner", "elsewhere");
    assertThat(json).contains("urn:kept", "Encounter/snuh.E1");
  }

  @Test
  void rewriteWhenLinkageIdentifierHasTokenAsElementIdThenDroppedWhole() {
    Observation o = observation();
    o.addIdentifier().setSystem(LinkageToken.SYSTEM).setValue("x").setId(TOKEN);
    o.addIdentifier().setSystem("urn:mrn").setValue(TOKEN).setId(TOKEN);

    assertThat(rewriter.rewrite(o)).isSameAs(o);

    String json = FHIR.newJsonParser().encodeResourceToString(o);
    assertThat(json).doesNotContain(TOKEN, LinkageToken.SYSTEM, "identifier");
  }

  /** Where no rule can take the token out, the record is withheld whole. */
  @Test
  void rewriteWhenTokenLeftInTextCodeOrElementIdThenWithheld() {
    Observation inNote = observation();
    inNote.addNote().setText("linked as " + TOKEN + "\u200b");
    Observation inCode = observation();
    inCode.getCode().addCoding().setSystem(LinkageToken.SYSTEM).setCode(TOKEN);
    Observation inId = observation();
    inId.getCode().setText("glucose").setId(TOKEN);
    Observation inNarrative = observation();
    inNarrative
        .getText()
        .setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">" + TOKEN + "</div>");
    Observation inPrimitiveWithExtension = observation();
    inPrimitiveWithExtension
        .getCode()
        .getTextElement()
        .setValue(TOKEN)
        .addExtension(new Extension("urn:x", new org.hl7.fhir.r4.model.StringType("a")));
    Observation plain = observation();
    plain.getCode().setText("glucose");

    assertThat(rewriter.rewrite(inNote)).isNull();
    assertThat(rewriter.rewrite(inCode)).isNull();
    assertThat(rewriter.rewrite(inId)).isNull();
    assertThat(rewriter.rewrite(inNarrative)).isNull();
    assertThat(rewriter.rewrite(inPrimitiveWithExtension)).isNull();
    assertThat(rewriter.rewrite(plain)).isSameAs(plain);
  }

  @Test
  void rewriteWhenTokenOrReferenceInPrimitiveExtensionThenHandledLikeAnyOther() {
    Observation o = observation();
    o.getStatusElement()
        .addExtension(new Extension("urn:leak", new Identifier().setValue(TOKEN)))
        .addExtension(new Extension("urn:who", new Reference("Practitioner/D1")));

    rewriter.rewrite(o);

    String json = FHIR.newJsonParser().encodeResourceToString(o);
    assertThat(json).doesNotContain(TOKEN, "urn:leak").contains("Practitioner/snuh.D1");
  }

  @Test
  void rewriteWhenIdTooLongThenHashedWithinSixtyFourChars() {
    Observation o = observation();
    o.setId("O" + "x".repeat(63));

    rewriter.rewrite(o);

    assertThat(o.getIdElement().getIdPart()).matches("snuh\\.[a-z2-7]{52}");
  }

  @ParameterizedTest
  @EnumSource(RecordType.class)
  void belongsToWhenPatientReferenceIsLinkedPatientThenTrue(RecordType type) throws Exception {
    Resource r = type.resourceClass().getConstructor().newInstance();
    String element = Ownership.referenceElement(r.fhirType());
    FHIR.newTerser().addElement(r, element + ".reference", "Patient/P1");

    assertThat(Ownership.belongsTo(r, "P1")).isTrue();
    assertThat(Ownership.belongsTo(r, "P2")).isFalse();
  }

  @Test
  void belongsToWhenNoRelativePatientReferenceThenFalse() {
    Observation absolute = observation();
    absolute.setSubject(new Reference("http://snuh.example/fhir/Patient/P1"));
    Observation group = observation();
    group.setSubject(new Reference("Group/P1"));
    Observation none = observation();
    none.setSubject(null);
    AllergyIntolerance bySubjectOnly = new AllergyIntolerance();
    bySubjectOnly.setRecorder(new Reference("Patient/P1"));
    Patient other = new Patient();
    other.setId("P2");

    assertThat(Ownership.belongsTo(absolute, "P1")).isFalse();
    assertThat(Ownership.belongsTo(group, "P1")).isFalse();
    assertThat(Ownership.belongsTo(none, "P1")).isFalse();
    assertThat(Ownership.belongsTo(bySubjectOnly, "P1")).isFalse();
    assertThat(Ownership.belongsTo(other, "P1")).isFalse();
  }
}
