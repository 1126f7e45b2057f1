package kr.hiway.gateway.security.backend;

import com.nimbusds.jwt.JWTParser;
import jakarta.servlet.http.HttpServletRequest;
import java.text.ParseException;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads a SMART Backend Services token request, which names its client only inside the assertion
 * ({@code iss}), not in a {@code client_id} parameter. Spring Authorization Server's own converter
 * requires {@code client_id}; this one takes it from the assertion's {@code iss} instead,
 * unverified: it only chooses whose registered keys the signature is then checked against, and
 * {@link ClientAssertionChecks} requires {@code iss} to be that client.
 *
 * <p>Only for the client-credentials grant: for an authorization-code request Spring's converter
 * also carries the PKCE parameters along, so those are left to it. Stateless and thread-safe.
 */
final class AssertionClientIdConverter implements AuthenticationConverter {

  static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  private static final ClientAuthenticationMethod JWT_ASSERTION =
      new ClientAuthenticationMethod(JWT_BEARER);

  @Override
  public Authentication convert(HttpServletRequest request) {
    String[] assertion = request.getParameterValues(OAuth2ParameterNames.CLIENT_ASSERTION);
    String[] type = request.getParameterValues(OAuth2ParameterNames.CLIENT_ASSERTION_TYPE);
    if (assertion == null
        || type == null
        || request.getParameter(OAuth2ParameterNames.CLIENT_ID) != null
        || !AuthorizationGrantType.CLIENT_CREDENTIALS
            .getValue()
            .equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))
        || !JWT_BEARER.equals(type[0])) {
      return null; // not ours: Spring's converters decide
    }
    if (assertion.length != 1 || type.length != 1) {
      throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
    }
    return new OAuth2ClientAuthenticationToken(
        issuerOf(assertion[0]), JWT_ASSERTION, assertion[0], Map.of());
  }

  private static String issuerOf(String assertion) {
    try {
      String issuer = JWTParser.parse(assertion).getJWTClaimsSet().getIssuer();
      if (issuer != null && !issuer.isBlank()) {
        return issuer;
      }
    } catch (ParseException e) {
      // Not a JWT: refused below like any other bad credential.
    }
    throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
  }
}
