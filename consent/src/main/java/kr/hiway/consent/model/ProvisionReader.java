package kr.hiway.consent.model;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ProvisionComponent;
import org.hl7.fhir.r4.model.Consent.provisionActorComponent;
import org.hl7.fhir.r4.model.Reference;

/**
 * Reads the one permit provision of a Consent. Whatever the gateway cannot enforce is refused, not
 * ignored: a nested deny, a code- or instance-level restriction or an action it does not know would
 * each narrow the grant, and ignoring one would release more than the patient meant. Not
 * thread-safe; one per parse.
 */
final class ProvisionReader {

  private static final String P = "Consent.provision";
  private static final Pattern ORGANIZATION =
      Pattern.compile("Organization/([A-Za-z0-9\\-.]{1,64})");
  private static final Pattern HOSPITAL_CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._~-]{1,64}");
  private static final Set<String> ACTIONS = Set.of("access", "use", "disclose");

  /** What the provision grants, apart from the consent's validity. */
  record Terms(
      String recipient,
      Set<PurposeOfUse> purposes,
      Set<RecordType> types,
      Set<String> custodians,
      TimeRange dataPeriod,
      Set<SensitiveClass> labels) {}

  private final Problems problems;

  ProvisionReader(Problems problems) {
    this.problems = problems;
  }

  Terms read(ProvisionComponent p) {
    if (p.hasModifierExtension()) {
      problems.add(P + ".modifierExtension", "modifier extensions are not understood here");
    }
    if (p.getType() == null) {
      problems.add(P + ".type", "required: permit");
    } else if (p.getType() != ConsentProvisionType.PERMIT) {
      problems.add(P + ".type", "must be permit; to withdraw a consent, revoke it");
    }
    if (p.hasProvision()) {
      problems.add(
          P + ".provision",
          "nested provisions (exceptions, further permits or denies) are not supported;"
              + " submit one consent for each grant");
    }
    if (p.hasCode()) {
      problems.add(P + ".code", "code-level grants are not supported; use class and securityLabel");
    }
    if (p.hasData()) {
      problems.add(P + ".data", "grants of single resources are not supported");
    }
    readActions(p.getAction());
    String recipient = null;
    Set<String> custodians = new LinkedHashSet<>();
    int recipients = 0;
    for (provisionActorComponent actor : p.getActor()) {
      if (hasRole(actor.getRole(), ConsentCodes.RECIPIENT_ROLE)) {
        recipients++;
        recipient = recipient(actor.getReference());
      } else if (hasRole(actor.getRole(), ConsentCodes.CUSTODIAN_ROLE)) {
        String code = custodian(actor.getReference());
        if (code != null) {
          custodians.add(code);
        }
      } else {
        problems.add(
            P + ".actor.role",
            "must be IRCP (the recipient) or CST (a hospital) of "
                + ConsentCodes.PARTICIPATION_TYPE);
      }
    }
    if (recipients == 0) {
      problems.add(P + ".actor", "a recipient is required: one actor with role IRCP");
    } else if (recipients > 1) {
      problems.add(
          P + ".actor", "exactly one recipient (role IRCP) is allowed, found " + recipients);
    }
    return new Terms(
        recipient,
        purposes(p.getPurpose()),
        types(p.getClass_()),
        custodians,
        dataPeriod(p),
        labels(p.getSecurityLabel()));
  }

  private void readActions(List<CodeableConcept> actions) {
    for (CodeableConcept action : actions) {
      for (Coding c : action.getCoding()) {
        if (!ConsentCodes.CONSENT_ACTION.equals(c.getSystem()) || !ACTIONS.contains(c.getCode())) {
          problems.add(
              P + ".action", "when given, must be access, use or disclose (consentaction)");
          return;
        }
      }
    }
  }

  private String recipient(Reference ref) {
    if (ref.hasReference()) {
      Matcher m = ORGANIZATION.matcher(ref.getReference());
      if (m.matches()) {
        return m.group(1);
      }
    } else if (ref.hasIdentifier()
        && ConsentCodes.CLIENT_ID_SYSTEM.equals(ref.getIdentifier().getSystem())
        && ref.getIdentifier().getValue() != null
        && CLIENT_ID.matcher(ref.getIdentifier().getValue()).matches()) {
      return ref.getIdentifier().getValue();
    }
    problems.add(
        P + ".actor.reference",
        "the recipient is named as Organization/{client-id} or by an identifier with system "
            + ConsentCodes.CLIENT_ID_SYSTEM);
    return null;
  }

  private String custodian(Reference ref) {
    Matcher m = ORGANIZATION.matcher(ref.hasReference() ? ref.getReference() : "");
    if (m.matches() && HOSPITAL_CODE.matcher(m.group(1)).matches()) {
      return m.group(1);
    }
    problems.add(P + ".actor.reference", "a hospital (role CST) is named as Organization/{code}");
    return null;
  }

  private Set<PurposeOfUse> purposes(List<Coding> codings) {
    Set<PurposeOfUse> out = EnumSet.noneOf(PurposeOfUse.class);
    for (Coding c : codings) {
      var purpose = PurposeOfUse.ofCode(c.getCode());
      if (ConsentCodes.ACT_REASON.equals(c.getSystem()) && purpose.isPresent()) {
        out.add(purpose.get());
      } else {
        problems.add(
            P + ".purpose",
            Problems.shown(c.getCode())
                + " is not a purpose a consent may grant; accepted (v3-ActReason): "
                + names(PurposeOfUse.values()));
      }
    }
    if (codings.isEmpty()) {
      problems.add(P + ".purpose", "at least one purpose is required");
    }
    return out;
  }

  private Set<RecordType> types(List<Coding> codings) {
    Set<RecordType> out = EnumSet.noneOf(RecordType.class);
    for (Coding c : codings) {
      var kind = RecordType.ofFhirType(c.getCode());
      if (ConsentCodes.RESOURCE_TYPES.equals(c.getSystem()) && kind.isPresent()) {
        out.add(kind.get());
      } else {
        StringBuilder accepted = new StringBuilder();
        for (RecordType k : RecordType.values()) {
          accepted.append(accepted.isEmpty() ? "" : ", ").append(k.fhirType());
        }
        problems.add(
            P + ".class",
            Problems.shown(c.getCode())
                + " is not a record type the gateway relays; accepted: "
                + accepted);
      }
    }
    if (codings.isEmpty()) {
      problems.add(P + ".class", "at least one record type is required (resource-types)");
    }
    return out;
  }

  private Set<SensitiveClass> labels(List<Coding> codings) {
    Set<SensitiveClass> out = EnumSet.noneOf(SensitiveClass.class);
    for (Coding c : codings) {
      var label = SensitiveClass.ofLabel(c.getCode());
      if (ConsentCodes.ACT_CODE.equals(c.getSystem()) && label.isPresent()) {
        out.add(label.get());
      } else {
        StringBuilder accepted = new StringBuilder();
        for (SensitiveClass s : SensitiveClass.values()) {
          accepted.append(accepted.isEmpty() ? "" : ", ").append(s.label());
        }
        problems.add(
            P + ".securityLabel",
            Problems.shown(c.getCode())
                + " is not a sensitive class a consent may name; accepted (v3-ActCode): "
                + accepted);
      }
    }
    return out;
  }

  private TimeRange dataPeriod(ProvisionComponent p) {
    if (!p.hasDataPeriod()) {
      return TimeRange.ALWAYS;
    }
    String start = p.getDataPeriod().getStartElement().getValueAsString();
    String end = p.getDataPeriod().getEndElement().getValueAsString();
    TimeRange from = time(start, P + ".dataPeriod.start");
    TimeRange to = time(end, P + ".dataPeriod.end");
    if ((start != null && from == null) || (end != null && to == null)) {
      return null;
    }
    if (from != null && to != null && !from.start().isBefore(to.end())) {
      problems.add(P + ".dataPeriod.end", "must not be before the start");
      return null;
    }
    return new TimeRange(from == null ? null : from.start(), to == null ? null : to.end());
  }

  private TimeRange time(String text, String field) {
    if (text == null) {
      return null;
    }
    try {
      return FhirTimes.parse(text);
    } catch (IllegalArgumentException e) {
      problems.add(field, e.getMessage());
      return null;
    }
  }

  private static boolean hasRole(CodeableConcept role, String code) {
    return ConsentReader.hasCoding(List.of(role), ConsentCodes.PARTICIPATION_TYPE, code);
  }

  private static String names(Enum<?>[] values) {
    StringBuilder s = new StringBuilder();
    for (Enum<?> v : values) {
      s.append(s.isEmpty() ? "" : ", ").append(v.name());
    }
    return s.toString();
  }
}
