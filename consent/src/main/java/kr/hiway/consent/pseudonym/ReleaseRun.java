package kr.hiway.consent.pseudonym;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Set;
import kr.hiway.consent.pseudonym.CompiledProfile.CopyPlan;
import kr.hiway.consent.pseudonym.CompiledProfile.ResourcePlan;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.BackboneElement;
import org.hl7.fhir.r4.model.BackboneType;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;

/**
 * Runs a {@link CompiledProfile} over the resources of one release: builds each output resource
 * anew from the rules, reading the input through HAPI's accessors only (which, unlike the model
 * getters, never create empty elements), so the caller's resources are left untouched.
 *
 * <p>Besides the profile, rules hold everywhere: a kept string or URI that {@link ResidualText}
 * flags is dropped; every kept date or time is moved by the person's offset and generalized ({@link
 * DateShifter}), instants dropped; a kept date or time falling on the person's birth date (which
 * the national identifier gives) is cut to the year of its shifted value, so that a condition with
 * onset at birth does not give the birth date away; and {@code meta.source} names the hospital as
 * the {@link ReleasePolicy} says.
 *
 * <p>Not thread-safe: one per release, on one thread.
 */
final class ReleaseRun {

  /** What a pseudonymized hospital's {@code meta.source} starts with; its pseudonym follows. */
  static final String HOSPITAL_SOURCE = "urn:hiway:hospital-pseudonym:";

  static final String DATA_ABSENT_REASON =
      "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

  /** Raised to leave out a resource carrying a modifier extension; no stack trace needed. */
  static final class Omit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private Omit() {
      super("modifier extension", null, false, false);
    }
  }

  private static final Omit OMIT = new Omit();

  private final CompiledProfile profile;
  private final ReleasePolicy policy;
  private final Set<String> resourceTypes;
  private final Pseudonyms pseudonyms;
  private final String person;
  private final String birthDate;
  private final ResidualText residual;
  private final DateShifter dates;
  private String scope = "";

  ReleaseRun(
      CompiledProfile profile,
      ReleasePolicy policy,
      Set<String> resourceTypes,
      Pseudonyms pseudonyms,
      String person,
      String birthDate,
      ResidualText residual,
      DateShifter dates) {
    this.profile = profile;
    this.policy = policy;
    this.dates = dates;
    this.resourceTypes = resourceTypes;
    this.pseudonyms = pseudonyms;
    this.person = person;
    this.birthDate = birthDate;
    this.residual = residual;
  }

  /**
   * The pseudonymized copy of one resource.
   *
   * @throws Omit if the resource must be left out
   */
  Resource resource(ResourcePlan plan, Resource source) {
    if (source instanceof DomainResource d && d.hasModifierExtension()) {
      throw OMIT;
    }
    scope = source.hasMeta() && source.getMeta().hasSource() ? source.getMeta().getSource() : "";
    Resource out = (Resource) plan.definition().newInstance();
    if (plan.pseudonymizeId()) {
      if (source instanceof Patient) {
        out.setId(person);
      } else if (source.hasIdElement() && source.getIdElement().hasIdPart()) {
        out.setId(pseudonyms.id(scope, source.fhirType(), source.getIdElement().getIdPart()));
      }
    }
    apply(plan.children(), source, out);
    hospital(out);
    return out;
  }

  /** The hospital of a kept {@code meta.source}, pseudonymized in the domain or removed. */
  private void hospital(Resource out) {
    if (!out.hasMeta() || !out.getMeta().hasSource()) {
      return;
    }
    switch (policy.hospitals()) {
      case PSEUDONYMIZE ->
          out.getMeta().setSource(HOSPITAL_SOURCE + pseudonyms.hospital(out.getMeta().getSource()));
      case REMOVE -> out.getMeta().setSourceElement(null);
    }
    if (out.getMeta().isEmpty()) {
      out.setMeta(null);
    }
  }

  private void apply(List<ChildRule> rules, Base source, Base out) {
    for (ChildRule rule : rules) {
      List<IBase> values = rule.child().getAccessor().getValues(source);
      if (values.isEmpty()) {
        continue;
      }
      boolean added = false;
      for (IBase value : values) {
        Treatment treatment = rule.treatmentOf(value);
        Base result = treatment == null ? null : treat(treatment, (Base) value);
        if (result != null && !result.isEmpty()) {
          rule.child().getMutator().addValue(out, result);
          added = true;
        }
      }
      if (!added && rule.required()) {
        rule.child().getMutator().addValue(out, mask((Base) values.get(0)));
      }
    }
  }

  private Base treat(Treatment treatment, Base value) {
    return switch (treatment) {
      case Treatment.Partial partial -> partial(partial, value);
      case Treatment.Simple simple ->
          switch (simple) {
            case KEEP -> copy(value);
            case PSEUDONYMIZE -> value instanceof Reference r ? reference(r) : null;
            case GENERALIZE_YEAR -> value instanceof BaseDateTimeType d ? dates.year(d) : null;
            case GENERALIZE_BAND -> band(value);
            case MASK -> mask(value);
          };
    };
  }

  private Base partial(Treatment.Partial partial, Base value) {
    refuseModifiers(value);
    Base out = (Base) partial.definition().newInstance();
    apply(partial.children(), value, out);
    return out;
  }

  /** A kept value, rebuilt without element ids and extensions. */
  private Base copy(Base value) {
    if (value instanceof PrimitiveType<?> primitive) {
      return primitive(primitive);
    }
    refuseModifiers(value);
    CopyPlan plan = copyPlan(value.getClass());
    if (plan == null) {
      return null;
    }
    Base out = (Base) plan.definition().newInstance();
    for (BaseRuntimeChildDefinition child : plan.children()) {
      List<IBase> values = child.getAccessor().getValues(value);
      boolean added = false;
      for (IBase v : values) {
        Base c = copy((Base) v);
        if (c != null && !c.isEmpty()) {
          child.getMutator().addValue(out, c);
          added = true;
        }
      }
      if (!added && !values.isEmpty() && child.getMin() > 0) {
        child.getMutator().addValue(out, mask((Base) values.get(0)));
      }
    }
    return out;
  }

  private CopyPlan copyPlan(Class<?> type) {
    // A profiled subclass (SimpleQuantity in a Quantity element) is copied as its base type.
    for (Class<?> c = type; c != null && c != Base.class; c = c.getSuperclass()) {
      CopyPlan plan = profile.copies().get(c);
      if (plan != null) {
        return plan;
      }
    }
    return null;
  }

  private Base primitive(PrimitiveType<?> value) {
    if (!value.hasValue()) {
      return null;
    }
    // Strings, and URIs such as meta.source, which may carry a request or record id after '#'.
    if ((value instanceof StringType || value instanceof UriType)
        && residual.identifies(value.getValueAsString())) {
      return null;
    }
    if (value instanceof BaseDateTimeType date) {
      return birthDate != null && date.getValueAsString().startsWith(birthDate)
          ? dates.year(date)
          : dates.shift(date);
    }
    PrimitiveType<?> out = (PrimitiveType<?>) value.copy();
    if (out.hasId()) {
      out.setId((String) null);
    }
    if (out.hasExtension()) {
      out.getExtension().clear();
    }
    return out;
  }

  /** The first year of a date's birth-year band, unshifted; null for anything else. */
  private Base band(Base value) {
    if (!(value instanceof DateType date) || !date.hasValue()) {
      return null;
    }
    int width = policy.birthBandYears();
    int year = Integer.parseInt(date.getValueAsString().substring(0, 4));
    return new DateType(String.format("%04d", year - Math.floorMod(year, width)));
  }

  private Reference reference(Reference source) {
    if (!source.hasReference()) {
      return null;
    }
    String target = source.getReference();
    // Contained (#), absolute or logical (a colon) and conditional (?) targets cannot be mapped
    // onto the release's pseudonyms, and may carry identifiers: they go.
    if (target.startsWith("#") || target.indexOf(':') >= 0 || target.indexOf('?') >= 0) {
      return null;
    }
    String[] parts = target.split("/", -1);
    boolean versioned = parts.length == 4 && parts[2].equals("_history");
    if ((parts.length != 2 && !versioned) || parts[1].isEmpty()) {
      return null;
    }
    String type = parts[0];
    if (!resourceTypes.contains(type)) {
      return null;
    }
    // One person per release: every Patient reference is to them. Versions are the source's.
    String id = type.equals("Patient") ? person : pseudonyms.id(scope, type, parts[1]);
    Reference out = new Reference(type + "/" + id);
    if (source.hasType() && resourceTypes.contains(source.getType())) {
      out.setType(source.getType());
    }
    return out;
  }

  private static Base mask(Base like) {
    Base masked;
    if (like instanceof PrimitiveType<?> primitive) {
      @SuppressWarnings({"unchecked", "rawtypes"})
      PrimitiveType<Object> empty = (PrimitiveType) primitive.copy();
      empty.setValue(null);
      empty.setId((String) null);
      empty.getExtension().clear();
      masked = empty;
    } else {
      try {
        masked = like.getClass().getDeclaredConstructor().newInstance();
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot mask " + like.fhirType(), unwrap(e));
      }
    }
    ((Element) masked).addExtension(new Extension(DATA_ABSENT_REASON, new CodeType("masked")));
    return masked;
  }

  private static void refuseModifiers(Base value) {
    if ((value instanceof BackboneElement b && b.hasModifierExtension())
        || (value instanceof BackboneType t && t.hasModifierExtension())) {
      throw OMIT;
    }
  }

  private static Throwable unwrap(ReflectiveOperationException e) {
    return e instanceof InvocationTargetException i && i.getCause() != null ? i.getCause() : e;
  }
}
