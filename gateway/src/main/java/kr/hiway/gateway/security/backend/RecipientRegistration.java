package kr.hiway.gateway.security.backend;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import kr.hiway.vocabulary.RecordType;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * A third-party recipient (a clinic, a research project) registered as a SMART Backend Services
 * client: the client-credentials grant, {@code private_key_jwt} authentication against the public
 * keys registered here by value, {@code system/*.rs} scopes, and the purpose of use its data
 * requests are bound to.
 *
 * <p>The keys are kept by value in the client's settings rather than fetched from a {@code
 * jwks_uri}: the gateway then never fetches a URL a client names, and a key change is an explicit,
 * audited registration change rather than whatever a remote server answers today.
 *
 * <p>Immutable and thread-safe. No component may be null; the constructor refuses keys the gateway
 * would not accept (symmetric keys, RSA under 2048 bits, curves other than P-256 and P-384) and
 * keeps only the public part of each key.
 *
 * @param clientId the OAuth client id, also the {@code iss} and {@code sub} of its assertions
 * @param name a human-readable name
 * @param purposeOfUse the HL7 v3 PurposeOfUse code the recipient is registered for ({@code TREAT},
 *     {@code HRESCH}, ...), carried in its access tokens as {@code purpose_of_use}
 * @param publicKeys the recipient's JWKS; at least one signing key
 */
public record RecipientRegistration(
    String clientId, String name, String purposeOfUse, JWKSet publicKeys) {

  /** How long a recipient's access token lives: SMART Backend Services recommends five minutes. */
  public static final Duration ACCESS_TOKEN_TTL = Duration.ofMinutes(5);

  /** The client setting holding the purpose of use. */
  static final String PURPOSE_SETTING = "settings.client.hiway.purpose";

  /** The client setting holding the public JWKS, as JSON. */
  static final String KEYS_SETTING = "settings.client.hiway.jwks";

  // A code, not free text: consent decisions are made on it.
  private static final Pattern PURPOSE_CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,31}");
  // The curves of ES256 and ES384, the EC algorithms accepted (ClientAssertionDecoders).
  private static final Set<Curve> CURVES = Set.of(Curve.P_256, Curve.P_384);

  public RecipientRegistration {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(purposeOfUse, "purposeOfUse");
    Objects.requireNonNull(publicKeys, "publicKeys");
    if (clientId.isBlank()) {
      throw new IllegalArgumentException("clientId is blank");
    }
    if (!PURPOSE_CODE.matcher(purposeOfUse).matches()) {
      throw new IllegalArgumentException("not a purpose-of-use code: " + purposeOfUse);
    }
    List<JWK> keys = new ArrayList<>();
    for (JWK key : publicKeys.getKeys()) {
      keys.add(acceptable(key).toPublicJWK());
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("no signing key for " + clientId);
    }
    publicKeys = new JWKSet(keys);
  }

  private static JWK acceptable(JWK key) {
    if (key instanceof RSAKey rsa && rsa.size() >= 2048) {
      return key;
    }
    if (key instanceof ECKey ec && CURVES.contains(ec.getCurve())) {
      return key;
    }
    throw new IllegalArgumentException(
        "key " + key.getKeyID() + " is not an RSA (2048+) or EC (P-256, P-384) key");
  }

  /**
   * The SMART v2 system scopes a recipient may be granted: all readable types, or one of them. Read
   * and search only; the gateway serves nothing else.
   */
  public static List<String> scopes() {
    List<String> scopes = new ArrayList<>(List.of("system/*.rs", "system/Patient.rs"));
    for (RecordType t : RecordType.values()) {
      scopes.add("system/" + t.fhirType() + ".rs");
    }
    return List.copyOf(scopes);
  }

  /** The client to save in the {@code RegisteredClientRepository}; its id is the client id. */
  public RegisteredClient toRegisteredClient() {
    return RegisteredClient.withId(clientId)
        .clientId(clientId)
        .clientName(name)
        .clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
        .scopes(s -> s.addAll(scopes()))
        .clientSettings(
            ClientSettings.builder()
                // Spring Authorization Server reports a client as private_key_jwt only when a
                // signature (not MAC) algorithm is set; which of the accepted algorithms the
                // client actually uses is decided by its keys (ClientAssertionDecoders).
                .tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.ES384)
                .requireAuthorizationConsent(false)
                .setting(PURPOSE_SETTING, purposeOfUse)
                .setting(KEYS_SETTING, publicKeys.toString(true))
                .build())
        .tokenSettings(
            TokenSettings.builder()
                .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                .accessTokenTimeToLive(ACCESS_TOKEN_TTL)
                .build())
        .build();
  }

  /** The purpose of use a client is registered for; empty for any other kind of client. */
  public static Optional<String> purposeOf(RegisteredClient client) {
    Object purpose = client.getClientSettings().getSetting(PURPOSE_SETTING);
    return purpose instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
  }

  /**
   * The public keys registered by value; empty if the client has none.
   *
   * @throws ParseException if the stored JWKS is not valid JSON Web Key Set
   */
  static Optional<JWKSet> registeredKeys(RegisteredClient client) throws ParseException {
    Object keys = client.getClientSettings().getSetting(KEYS_SETTING);
    if (!(keys instanceof String json) || json.isBlank()) {
      return Optional.empty();
    }
    // Only public keys are ever used, whatever was stored.
    return Optional.of(JWKSet.parse(json).toPublicJWKSet());
  }
}
