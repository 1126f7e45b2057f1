package kr.hiway.consent.model;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import java.time.Instant;
import java.util.Objects;
import org.hl7.fhir.r4.model.Consent;

/**
 * Maps between FHIR R4 {@code Consent} resources and the domain records: a submitted Consent is
 * validated into a {@link ConsentGrant}; stored terms are written back as a canonical Consent for
 * GET and read again from the stored JSON.
 *
 * <p>The accepted shape: {@code status} active; {@code scope} patient-privacy; a {@code category}
 * of LOINC 59284-0 or v3-ActCode INFA; {@code patient} as {@code Patient/{id}}; {@code policyRule}
 * optional but OPTIN when given; exactly one {@code provision} of type permit with one IRCP actor
 * (the recipient's OAuth client id, see {@link ConsentCodes#CLIENT_ID_SYSTEM}), CST actors for
 * hospitals (none for all), at least one {@code purpose} ({@link PurposeOfUse}), at least one
 * {@code class} ({@link RecordType}), optional {@code securityLabel}s ({@link SensitiveClass}), an
 * optional {@code dataPeriod} with open ends allowed, and a {@code period} with both ends, at most
 * five years long and not yet over. {@code dateTime}, {@code id} and {@code meta} of a submission
 * are ignored: the gateway sets them.
 *
 * <p>Thread-safe: the FHIR context is, and a parser is made for each call. Arguments must not be
 * null.
 */
public final class ConsentFhir {

  private final FhirContext fhir;

  /**
   * @param fhir an R4 context; building one takes seconds, so share the application's
   */
  public ConsentFhir(FhirContext fhir) {
    this.fhir = Objects.requireNonNull(fhir, "fhir");
    if (fhir.getVersion().getVersion() != FhirVersionEnum.R4) {
      throw new IllegalArgumentException("an R4 FhirContext is required");
    }
  }

  /**
   * Validates a Consent as a patient submits it (POST).
   *
   * @param json the request body
   * @param now the time of the request; a consent whose period has ended by then is refused
   * @return the grant, for {@code ConsentStore.create}
   * @throws ConsentValidationException with every problem found; {@link
   *     ConsentValidationException#unparseable()} when the body is not a FHIR R4 Consent
   */
  public ConsentGrant parseSubmitted(String json, Instant now) {
    Objects.requireNonNull(now, "now");
    return read(parse(json), ConsentReader.Mode.SUBMITTED, now);
  }

  /** As {@link #parseSubmitted(String, Instant)}, for a Consent already parsed by the caller. */
  public ConsentGrant validateSubmitted(Consent consent, Instant now) {
    Objects.requireNonNull(consent, "consent");
    Objects.requireNonNull(now, "now");
    return read(consent, ConsentReader.Mode.SUBMITTED, now);
  }

  /**
   * Reads terms back from the JSON this class wrote. Only the structure is checked, not rules that
   * depend on the time (a stored consent may have expired) or may tighten later.
   *
   * @throws IllegalStateException if the JSON is not a stored consent; stored data is trusted, so
   *     this is a fault, not a client error
   */
  public ConsentTerms parseStored(String json) {
    Consent c;
    ConsentGrant grant;
    try {
      c = parse(json);
      grant = read(c, ConsentReader.Mode.STORED, Instant.EPOCH);
    } catch (ConsentValidationException e) {
      throw new IllegalStateException("stored consent is not valid: " + e.getMessage(), e);
    }
    String version = c.getMeta().getVersionId();
    String updated = c.getMeta().getLastUpdatedElement().getValueAsString();
    if (!c.hasIdElement() || version == null || updated == null) {
      throw new IllegalStateException("stored consent lacks id, versionId or lastUpdated");
    }
    return grant.toTerms(
        c.getIdElement().getIdPart(),
        Integer.parseInt(version),
        ConsentStatus.ofCode(c.getStatusElement().getValueAsString()).orElseThrow(),
        FhirTimes.parse(updated).start());
  }

  /** The canonical FHIR Consent of stored terms, with {@code meta.versionId} and lastUpdated. */
  public Consent toFhir(ConsentTerms terms) {
    return ConsentWriter.write(Objects.requireNonNull(terms, "terms"));
  }

  /** {@link #toFhir} as compact JSON, the form the store keeps. */
  public String toJson(ConsentTerms terms) {
    return fhir.newJsonParser().encodeResourceToString(toFhir(terms));
  }

  private Consent parse(String json) {
    Objects.requireNonNull(json, "json");
    Problems problems = new Problems();
    IParser parser = fhir.newJsonParser().setParserErrorHandler(new ParseErrors(problems));
    Consent consent;
    try {
      consent = parser.parseResource(Consent.class, json);
    } catch (DataFormatException e) {
      // HAPI's message can quote the body; say only what kind of failure it was.
      boolean wrongType = e.getMessage() != null && e.getMessage().contains("HAPI-1814");
      problems.add(
          "Consent",
          wrongType
              ? "the body is a FHIR resource, but not a Consent"
              : "the body is not FHIR JSON");
      throw problems.failure(true);
    }
    if (!problems.isEmpty()) {
      throw problems.failure(true);
    }
    return consent;
  }

  private static ConsentGrant read(Consent c, ConsentReader.Mode mode, Instant now) {
    Problems problems = new Problems();
    ConsentGrant grant = new ConsentReader(problems, mode, now).read(c);
    if (grant == null) {
      throw problems.failure(false);
    }
    return grant;
  }
}
