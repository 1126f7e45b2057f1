package kr.hiway.gateway.fanout;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.IModelVisitor;
import kr.hiway.vocabulary.LinkageToken;
import kr.hiway.vocabulary.Ownership;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.BackboneElement;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Moves one hospital's resources into the gateway's id space, in place.
 *
 * <ul>
 *   <li>the id becomes {@link GlobalIds#of(String, String) code.localId};
 *   <li>{@code meta.source} becomes {@code urn:hiway:hospital:{code}};
 *   <li>a relative reference {@code Type/id} becomes {@code Type/code.id}, except one to the linked
 *       patient, which becomes {@code Patient/{gateway patient id}};
 *   <li>absolute, logical ({@code urn:}) and conditional references are removed (their display
 *       stays), because they would lead clients past the gateway; {@code #contained} ones stay;
 *   <li>every linkage-token identifier is removed: tokens must never reach a client;
 *   <li>a record that still holds the token elsewhere (free text, a code, an element id) is
 *       withheld whole.
 * </ul>
 *
 * <p>One per hospital exchange; not thread-safe (nor are the resources).
 */
final class Rewriter {

  private final FhirContext fhir;
  private final String hospitalCode;
  private final String localPatientId;
  private final String gatewayPatientId;
  private final String token;
  private boolean leaked;
  private boolean emptied;

  Rewriter(
      FhirContext fhir,
      String hospitalCode,
      String localPatientId,
      String gatewayPatientId,
      String token) {
    this.fhir = fhir;
    this.hospitalCode = hospitalCode;
    this.localPatientId = localPatientId;
    this.gatewayPatientId = gatewayPatientId;
    this.token = token;
  }

  /**
   * Rewrites {@code resource} in place and returns it; or null if the linkage token is still in it
   * where no rule removes it (free text, a code, an element id), a record to withhold.
   */
  Resource rewrite(Resource resource) {
    leaked = false;
    emptied = false;
    String localId = resource.getIdElement().getIdPart();
    resource.setIdElement(new IdType(resource.fhirType(), GlobalIds.of(hospitalCode, localId)));
    resource.getMeta().setSource(GlobalIds.source(hospitalCode));
    removeFromPatient(resource);
    if (resource instanceof DomainResource domain) {
      domain.getContained().forEach(this::removeFromPatient);
    }
    // One walk over the whole resource for both jobs: walks are most of the rewriting's cost.
    walk(resource);
    if (emptied) {
      dropEmptiedExtensions(resource);
    }
    return leaked ? null : resource;
  }

  /**
   * Leaves out extensions the rewriting left with neither value nor extensions (their value was a
   * linkage identifier or an outside reference): a bare url says nothing and is invalid FHIR. Rare,
   * so a walk of its own, repeated while a removal empties an enclosing extension.
   */
  private void dropEmptiedExtensions(Resource resource) {
    boolean[] removed = {true};
    while (removed[0]) {
      removed[0] = false;
      fhir.newTerser()
          .visit(
              resource,
              (IModelVisitor)
                  (owner, element, path, childDefinition, definition) -> {
                    if (element instanceof Element e) {
                      removed[0] |= e.getExtension().removeIf(Rewriter::isEmptyExtension);
                    }
                    if (element instanceof BackboneElement b) {
                      removed[0] |= b.getModifierExtension().removeIf(Rewriter::isEmptyExtension);
                    }
                    if (element instanceof DomainResource d) {
                      removed[0] |= d.getExtension().removeIf(Rewriter::isEmptyExtension);
                      removed[0] |= d.getModifierExtension().removeIf(Rewriter::isEmptyExtension);
                    }
                  });
    }
  }

  private static boolean isEmptyExtension(Extension extension) {
    return !extension.hasValue() && !extension.hasExtension();
  }

  private void walk(Resource resource) {
    fhir.newTerser()
        .visit(
            resource,
            (IModelVisitor)
                (owner, element, path, childDefinition, definition) -> {
                  if (element instanceof PrimitiveType<?> primitive && primitive.hasExtension()) {
                    // The walk does not enter a primitive's extensions: they get one of their
                    // own, held by a throwaway resource (the extensions are not copied).
                    Basic holder = new Basic();
                    holder.getExtension().addAll(primitive.getExtension());
                    walk(holder);
                    // What the walk emptied is left out (HAPI's encoder keeps it here).
                    primitive.getExtension().removeIf(e -> !e.hasValue() && !e.hasExtension());
                  }
                  visit(element);
                });
  }

  private void visit(IBase element) {
    if (element instanceof Reference reference) {
      rewrite(reference);
    } else if (element instanceof Identifier identifier && isLinkage(identifier)) {
      // Anywhere else (an extension, a contained resource's reference): emptied, which drops it
      // from any serialized form.
      identifier.setSystem(null).setValue(null).setType(null).setAssigner(null);
      identifier.setPeriod(null).setUse(null).setId(null);
      identifier.getExtension().clear();
      emptied = true;
    }
    // The children of what was just emptied are visited empty: what is left holds the token only
    // where no rule removes it.
    if (element instanceof IPrimitiveType<?> primitive) {
      leaked |= holdsToken(primitive.getValueAsString());
    }
    if (element instanceof Element e) {
      leaked |= holdsToken(e.getId());
    } else if (element instanceof Resource r) {
      leaked |= holdsToken(r.getIdElement().getIdPart());
    }
  }

  private boolean holdsToken(String value) {
    return value != null && value.contains(token);
  }

  private void rewrite(Reference reference) {
    if (reference.hasIdentifier() && isLinkage(reference.getIdentifier())) {
      reference.setIdentifier(null);
      emptied = true;
    }
    if (!reference.hasReference()) {
      return;
    }
    String target = target(reference.getReference());
    if (target == null) {
      reference.setReference(null);
      reference.setResource(null);
      emptied = true;
    } else {
      reference.setReference(target);
    }
  }

  /**
   * Where a reference to {@code target} points once rewritten: {@code #contained} stays; a relative
   * one moves into the gateway's ids (versions are the hospital's; the gateway serves current
   * versions only); null for one to be removed (absolute, logical, conditional).
   */
  String target(String target) {
    if (target.startsWith("#")) {
      return target;
    }
    Ownership.Relative ref = Ownership.Relative.parse(target);
    if (ref == null) {
      return null;
    }
    String type = ref.type();
    String id = ref.id();
    return type.equals("Patient") && id.equals(localPatientId)
        ? "Patient/" + gatewayPatientId
        : type + "/" + GlobalIds.of(hospitalCode, id);
  }

  private void removeFromPatient(Resource resource) {
    if (resource instanceof Patient patient) {
      patient.getIdentifier().removeIf(this::isLinkage);
    }
  }

  private boolean isLinkage(Identifier identifier) {
    return isLinkage(identifier.getSystem(), identifier.getValue());
  }

  /**
   * Whether an identifier of this system and value (either may be null) is a linkage identifier;
   * whitespace around them does not hide one.
   */
  boolean isLinkage(String system, String value) {
    return LinkageToken.SYSTEM.equals(stripped(system)) || token.equals(stripped(value));
  }

  FhirContext fhir() {
    return fhir;
  }

  String hospitalCode() {
    return hospitalCode;
  }

  String token() {
    return token;
  }

  private static String stripped(String s) {
    return s == null ? null : s.strip();
  }
}
