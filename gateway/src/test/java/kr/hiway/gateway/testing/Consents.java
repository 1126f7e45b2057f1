package kr.hiway.gateway.testing;

import ca.uhn.fhir.context.FhirContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Consent;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/** Consent resources as a patient app submits them. */
public final class Consents {

  private Consents() {}

  /**
   * A permit for {@code recipient}, valid from yesterday for 30 days.
   *
   * @param hospitals custodian hospital codes; empty for all
   * @param dataStart the data period's start, or empty for none
   * @param labels sensitive classes granted explicitly (v3 ActCode)
   */
  public static String json(
      String patientId,
      String recipient,
      String purpose,
      List<String> types,
      List<String> hospitals,
      String dataStart,
      String... labels) {
    LocalDate today = LocalDate.now();
    List<String> actors = new ArrayList<>();
    actors.add(actor("IRCP", recipient));
    hospitals.forEach(h -> actors.add(actor("CST", h)));
    String classes =
        types.stream()
            .map(t -> "{\"system\":\"http://hl7.org/fhir/resource-types\",\"code\":\"" + t + "\"}")
            .collect(Collectors.joining(","));
    String security =
        List.of(labels).stream()
            .map(l ->
                "{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ActCode\",\"code\":\""
                    + l
                    + "\"}")
            .collect(Collectors.joining(","));
    return """
    {"resourceType":"Consent","status":"active",
     "scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"patient-privacy"}]},
     "category":[{"coding":[{"system":"http://loinc.org","code":"59284-0"}]}],
     "patient":{"reference":"Patient/%s"},
     "provision":{"type":"permit","period":{"start":"%s","end":"%s"},
      "actor":[%s],
      %s
      "purpose":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActReason","code":"%s"}],
      "class":[%s]%s}}
    """
        .formatted(
            patientId,
            today.minusDays(1),
            today.plusDays(30),
            String.join(",", actors),
            labels.length == 0 ? "" : "\"securityLabel\":[" + security + "],",
            purpose,
            classes,
            dataStart.isEmpty() ? "" : ",\"dataPeriod\":{\"start\":\"" + dataStart + "\"}");
  }

  static String actor(String role, String org) {
    return "{\"role\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ParticipationType\",\"code\":\""
        + role
        + "\"}]},\"reference\":{\"reference\":\"Organization/"
        + org
        + "\"}}";
  }

  /** Registers SMART Backend Services recipients (private_key_jwt, client credentials). */
  public static void registerRecipients(RegisteredClientRepository clients, String... ids) {
    for (String id : ids) {
      clients.save(
          RegisteredClient.withId(id)
              .clientId(id)
              .clientName(id)
              .clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
              .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
              .scope("system/*.rs")
              .build());
    }
  }

  /** The consent {@code id} as it stands, with status inactive: the body of its revocation. */
  public static String revocation(GatewayHttp api, String patientToken, String id)
      throws Exception {
    Consent current = api.get("Consent/" + id, patientToken).resource(Consent.class);
    current.setStatus(Consent.ConsentState.INACTIVE);
    return FhirContext.forR4Cached().newJsonParser().encodeResourceToString(current);
  }
}
