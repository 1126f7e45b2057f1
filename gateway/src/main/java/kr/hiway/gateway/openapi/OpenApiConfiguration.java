package kr.hiway.gateway.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.ExternalDocumentation;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import kr.hiway.gateway.account.StaffRole;
import kr.hiway.gateway.security.SecurityProperties;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3 description of the gateway's non-FHIR APIs, served at {@code /v3/api-docs}: the
 * staff APIs (operator, regulator, trust center), the consent ledger, the gateway CA and the
 * patient's account. springdoc finds the operations in the controllers; this adds what it cannot
 * see: who may call each one (the security schemes of this gateway's authorization server) and the
 * OperationOutcome errors. The FHIR API is HAPI's, not Spring MVC's, and describes itself.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  @Bean
  OpenAPI gatewayOpenApi(SecurityProperties security) {
    String base = security.issuer().toString().replaceAll("/+$", "");
    return new OpenAPI()
        .info(
            new Info()
                .title("Health Information Highway gateway: staff, CA and account APIs")
                .version("1")
                .description(
                    "The gateway's APIs other than FHIR. The FHIR API at "
                        + security.fhirBase()
                        + " describes itself: its CapabilityStatement is at "
                        + security.fhirBase()
                        + "/metadata and its SMART configuration at "
                        + security.fhirBase()
                        + "/.well-known/smart-configuration. Every error is a FHIR"
                        + " OperationOutcome whose issue carries a stable code (system "
                        + "urn:hiway:error, e.g. HIW-G006); the codes are listed in"
                        + " docs/errors.md."))
        .externalDocs(
            new ExternalDocumentation()
                .description("The FHIR API's CapabilityStatement")
                .url(security.fhirBase() + "/metadata"))
        .addServersItem(new Server().url(base).description("This gateway's public base URL"))
        .components(
            ErrorResponses.register(
                new Components()
                    .addSecuritySchemes(ApiAccess.STAFF, staff(base))
                    .addSecuritySchemes(ApiAccess.PATIENT, patient(base))));
  }

  @Bean
  OpenApiCustomizer accessAndErrors() {
    return new AccessAndErrors();
  }

  /** Staff tokens: the console client's authorization code flow. */
  private static SecurityScheme staff(String base) {
    Scopes scopes = new Scopes().addString("openid", "OpenID Connect sign-in");
    for (StaffRole role : StaffRole.values()) {
      scopes.addString(role.code(), "act in the " + role.code() + " role");
    }
    return new SecurityScheme()
        .type(SecurityScheme.Type.OAUTH2)
        .description(
            "A staff member's access token: a JWT (RS256) this gateway's authorization server"
                + " signs, keys at "
                + base
                + "/oauth2/jwks. Get one with the authorization code flow and PKCE (S256) as"
                + " the public client hiway-console, redirecting to "
                + base
                + "/console/callback or http://127.0.0.1:{any port}/callback. A role counts only"
                + " when the token carries both the staff member's role (claim role, from"
                + " their account) and the scope of that role; send it as Authorization:"
                + " Bearer. Discovery: "
                + base
                + "/.well-known/openid-configuration.")
        .flows(new OAuthFlows().authorizationCode(flow(base, scopes)));
  }

  /** The patient's own app: authorization code for a client registered for account access. */
  private static SecurityScheme patient(String base) {
    return new SecurityScheme()
        .type(SecurityScheme.Type.OAUTH2)
        .description(
            "A patient's access token (JWT, RS256, keys at "
                + base
                + "/oauth2/jwks) issued to a client registered for account access (the"
                + " patient's own app); a SMART app the patient connected is refused (403"
                + " HIW-G004). Sent as Authorization: Bearer.")
        .flows(
            new OAuthFlows()
                .authorizationCode(
                    flow(
                        base,
                        new Scopes()
                            .addString("openid", "OpenID Connect sign-in")
                            .addString("launch/patient", "the signed-in patient's context"))));
  }

  private static OAuthFlow flow(String base, Scopes scopes) {
    return new OAuthFlow()
        .authorizationUrl(base + "/oauth2/authorize")
        .tokenUrl(base + "/oauth2/token")
        .refreshUrl(base + "/oauth2/token")
        .scopes(scopes);
  }
}
