package kr.hiway.gateway.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.hiway.gateway.account.PatientAccount;
import kr.hiway.gateway.account.PatientAccounts;
import kr.hiway.gateway.account.StaffRole;
import kr.hiway.gateway.security.backend.RecipientRegistration;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Which key signs a token ({@code kid}), and what SMART on FHIR adds to tokens: the FHIR base URL
 * as audience, the {@code patient} launch context and {@code fhirUser} for a signed-in patient, and
 * {@code patient} beside the access token in the token response; for a third-party recipient (SMART
 * Backend Services), the purpose of use it is registered for.
 */
final class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

  static final String PATIENT = "patient";
  static final String FHIR_USER = "fhirUser";
  static final String CLIENT_ID = "client_id";
  static final String PURPOSE_OF_USE = "purpose_of_use";

  /**
   * The id of the grant (authorization) a token was issued under, so that revoking the grant
   * revokes its access tokens on every instance ({@link RevokedGrants}).
   */
  static final String GRANT = "grant_id";

  /** A staff member's role ({@code regulator}, {@code trust-center}), from their account. */
  static final String ROLE = "hiway_role";

  private final PatientAccounts accounts;
  private final String fhirBase;
  private final String signingKeyId;
  private final OAuth2AuthorizationConsentService consents;

  /** {@code signingKeyId} is the {@code kid} of the key that signs: one of several published. */
  TokenClaims(
      PatientAccounts accounts,
      String fhirBase,
      String signingKeyId,
      OAuth2AuthorizationConsentService consents) {
    this.accounts = accounts;
    this.fhirBase = fhirBase;
    this.signingKeyId = signingKeyId;
    this.consents = consents;
  }

  /**
   * The scopes the token carries: those authorized, but with each wildcard {@code patient/*.X}
   * replaced by the types the patient kept for this app on the authorization page, as their stored
   * choice ({@link AuthorizationPage#narrowing}) says. Without a stored choice, as authorized.
   */
  private List<String> chosenScopes(JwtEncodingContext context) {
    List<String> authorized = new ArrayList<>(context.getAuthorizedScopes());
    if (context.getPrincipal() == null
        || authorized.stream().noneMatch(s -> s.startsWith("patient/*."))) {
      return authorized;
    }
    OAuth2AuthorizationConsent choice =
        consents.findById(context.getRegisteredClient().getId(), context.getPrincipal().getName());
    if (choice == null) {
      return authorized;
    }
    List<String> chosen = new ArrayList<>();
    for (String scope : authorized) {
      if (!scope.startsWith("patient/*.") || choice.getScopes().contains(scope)) {
        chosen.add(scope);
        continue;
      }
      String suffix = scope.substring("patient/*".length());
      for (String kept : choice.getScopes()) {
        if (kept.startsWith("patient/") && kept.endsWith(suffix) && !chosen.contains(kept)) {
          chosen.add(kept);
        }
      }
    }
    return chosen;
  }

  @Override
  public void customize(JwtEncodingContext context) {
    // With several keys in the set, the encoder signs with the one this names (and refuses to
    // guess); verifiers find the key by it.
    context.getJwsHeader().keyId(signingKeyId);
    Optional<PatientAccount> patient = patientOf(context);
    if (patient.isEmpty() && asksForAPatient(context)) {
      // A staff member (or anyone without a patient account) signed in to a patient app: there is
      // no patient to give the token, so the scopes cannot be granted. A client error, not a 500.
      throw new OAuth2AuthenticationException(
          new OAuth2Error(
              OAuth2ErrorCodes.INVALID_SCOPE,
              "patient scopes need a patient's sign-in; this account has no patient record",
              null));
    }
    if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
      // An ArrayList, not List.of: the claims are stored with the authorization and read back by
      // a Jackson allow-list that knows ArrayList but not the JDK's immutable lists.
      context.getClaims().audience(new ArrayList<>(List.of(fhirBase)));
      context.getClaims().claim("scope", new ArrayList<>(chosenScopes(context)));
      context.getClaims().claim(CLIENT_ID, context.getRegisteredClient().getClientId());
      if (context.getAuthorization() != null) {
        context.getClaims().claim(GRANT, context.getAuthorization().getId());
      }
      // Bound to the client at registration, never taken from the request.
      RecipientRegistration.purposeOf(context.getRegisteredClient())
          .ifPresent(purpose -> context.getClaims().claim(PURPOSE_OF_USE, purpose));
      patient.ifPresent(p ->
          context
              .getClaims()
              .claim(PATIENT, p.patientId())
              .claim(FHIR_USER, "Patient/" + p.patientId()));
      staffRoleOf(context).ifPresent(role -> context.getClaims().claim(ROLE, role.code()));
    } else if ("id_token".equals(context.getTokenType().getValue())) {
      patient.ifPresent(p -> context.getClaims().claim(FHIR_USER, "Patient/" + p.patientId()));
    }
  }

  /** A user's token whose scopes are a patient's: the patient launch context or patient/ scopes. */
  private static boolean asksForAPatient(JwtEncodingContext context) {
    if (context.getPrincipal() == null
        || AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
      return false;
    }
    return context.getAuthorizedScopes().stream()
        .anyMatch(s -> s.equals("launch/patient") || s.startsWith("patient/"));
  }

  private static Optional<StaffRole> staffRoleOf(JwtEncodingContext context) {
    Authentication principal = context.getPrincipal();
    if (principal == null
        || AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
      return Optional.empty();
    }
    return principal.getAuthorities().stream()
        .flatMap(a -> StaffRole.ofAuthority(a.getAuthority()).stream())
        .findFirst();
  }

  private Optional<PatientAccount> patientOf(JwtEncodingContext context) {
    if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
      return Optional.empty();
    }
    Authentication principal = context.getPrincipal();
    if (principal == null
        || principal.getAuthorities().stream()
            .noneMatch(a -> PatientAccounts.ROLE_PATIENT.equals(a.getAuthority()))) {
      return Optional.empty();
    }
    return accounts.byUsername(principal.getName());
  }

  /** Puts the {@code patient} context beside the access token, as SMART App Launch asks. */
  static java.util.function.Consumer<OAuth2AccessTokenAuthenticationContext> responseCustomizer(
      JwtDecoder decoder) {
    return context -> {
      OAuth2AccessTokenAuthenticationToken auth = context.getAuthentication();
      String token = auth.getAccessToken().getTokenValue();
      org.springframework.security.oauth2.jwt.Jwt jwt = decoder.decode(token);
      // The scopes the token carries: what the patient chose, which may be narrower than
      // authorized.
      context.getAccessTokenResponse().scopes(new java.util.LinkedHashSet<>(Callers.scopesOf(jwt)));
      Object patient = jwt.getClaims().get(PATIENT);
      if (patient != null) {
        Map<String, Object> extra = new LinkedHashMap<>(auth.getAdditionalParameters());
        extra.put(PATIENT, patient);
        context.getAccessTokenResponse().additionalParameters(extra);
      }
    };
  }
}
