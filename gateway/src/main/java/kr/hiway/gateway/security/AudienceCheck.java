package kr.hiway.gateway.security;

import java.util.function.Consumer;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * SMART App Launch's {@code aud} at {@code /oauth2/authorize}: the FHIR server the app means to
 * call. An app that asks for FHIR scopes must name this gateway's FHIR base, or it gets an error
 * redirect and no code: otherwise an app talked into naming another server (a phishing FHIR
 * endpoint) would send that server a token good here. Scopes for the staff console alone ({@code
 * openid}, {@code regulator}, …) need no {@code aud}. Runs after the client and redirect URI are
 * checked, so the error goes back to the client's registered redirect URI.
 */
final class AudienceCheck implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

  private final String fhirBase;

  AudienceCheck(String fhirBase) {
    this.fhirBase = strip(fhirBase);
  }

  @Override
  public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
    OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
    Object aud = request.getAdditionalParameters().get("aud");
    boolean fhirScopes =
        request.getScopes().stream()
            .anyMatch(s ->
                s.startsWith("patient/")
                    || s.startsWith("user/")
                    || s.startsWith("system/")
                    || s.startsWith("launch"));
    if (aud == null && !fhirScopes) {
      return;
    }
    if (!(aud instanceof String named) || !strip(named).equals(fhirBase)) {
      OAuth2Error error =
          new OAuth2Error(
              OAuth2ErrorCodes.INVALID_REQUEST,
              "aud must be this server's FHIR base URL, " + fhirBase,
              "https://hl7.org/fhir/smart-app-launch/app-launch.html#request-authorization-code");
      throw new OAuth2AuthorizationCodeRequestAuthenticationException(error, request);
    }
  }

  private static String strip(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
