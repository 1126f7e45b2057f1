package kr.hiway.gateway.security;

import kr.hiway.gateway.account.StaffRole;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * The staff's client, registered at every start: the web console at {@code /console} and command
 * line tools on a loopback redirect (RFC 8252, any port), public, PKCE only, no refresh tokens: a
 * staff session lasts as long as one access token.
 */
@Component
class ConsoleClient implements ApplicationRunner {

  /** The client id. */
  static final String ID = "hiway-console";

  private final RegisteredClientRepository clients;
  private final SecurityProperties security;

  ConsoleClient(RegisteredClientRepository clients, SecurityProperties security) {
    this.clients = clients;
    this.security = security;
  }

  @Override
  public void run(ApplicationArguments args) {
    String issuer = security.issuer().toString().replaceAll("/+$", "");
    clients.save(
        RegisteredClient.withId(ID)
            .clientId(ID)
            .clientName("Consent ledger console (staff)")
            .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri("http://127.0.0.1/callback")
            .redirectUri(issuer + "/console/callback")
            .scope(OidcScopes.OPENID)
            .scope(StaffSecurityConfiguration.scopeOf(StaffRole.REGULATOR))
            .scope(StaffSecurityConfiguration.scopeOf(StaffRole.TRUST_CENTER))
            .scope(StaffSecurityConfiguration.scopeOf(StaffRole.OPERATOR))
            .clientSettings(
                ClientSettings.builder()
                    .requireProofKey(true)
                    .requireAuthorizationConsent(false)
                    .build())
            .tokenSettings(
                TokenSettings.builder().accessTokenTimeToLive(security.accessTokenTtl()).build())
            .build());
  }
}
