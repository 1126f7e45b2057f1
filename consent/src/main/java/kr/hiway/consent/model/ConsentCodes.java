package kr.hiway.consent.model;

/**
 * The code systems and codes of the Consent shape the gateway accepts. Constants only.
 *
 * <p>The recipient of a consent is a third party's OAuth client id: it is named either as {@code
 * Organization/{client-id}} or as an identifier with system {@link #CLIENT_ID_SYSTEM}. Hospitals
 * are named as {@code Organization/{hospital-code}}, the same code as in {@code _source} and in
 * global record ids.
 */
public final class ConsentCodes {

  public static final String CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope";
  public static final String PATIENT_PRIVACY = "patient-privacy";
  public static final String LOINC = "http://loinc.org";
  public static final String PATIENT_CONSENT_LOINC = "59284-0";
  public static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
  public static final String INFORMATION_ACCESS = "INFA";
  public static final String OPT_IN = "OPTIN";
  public static final String PARTICIPATION_TYPE =
      "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
  public static final String RECIPIENT_ROLE = "IRCP";
  public static final String CUSTODIAN_ROLE = "CST";
  public static final String ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
  public static final String RESOURCE_TYPES = "http://hl7.org/fhir/resource-types";
  public static final String CONSENT_ACTION = "http://terminology.hl7.org/CodeSystem/consentaction";

  /** The identifier system naming a recipient by its OAuth client id. */
  public static final String CLIENT_ID_SYSTEM = "urn:hiway:oauth-client-id";

  private ConsentCodes() {}
}
