package kr.hiway.gateway.demo;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import kr.hiway.demo.simulator.Person;
import kr.hiway.demo.simulator.SyntheticPopulation;
import kr.hiway.gateway.account.PatientAccounts;
import kr.hiway.gateway.account.StaffAccounts;
import kr.hiway.gateway.account.StaffRole;
import kr.hiway.gateway.api.SmartConfiguration;
import kr.hiway.gateway.security.SecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * The demo's accounts and clients: patient accounts bound to synthetic persons ({@code patient47}
 * is the person with records at all 47 hospitals), the public {@code demo-app} and the confidential
 * {@code mobile-backend}.
 */
@Component
@ConditionalOnBooleanProperty(name = "hiway.demo.enabled", matchIfMissing = true)
class DemoSetup implements ApplicationRunner {

  /** The loopback redirect of a native app (RFC 8252): any port is accepted. */
  static final String LOOPBACK_REDIRECT = "http://127.0.0.1/callback";

  private static final Logger log = LoggerFactory.getLogger(DemoSetup.class);

  private final SyntheticPopulation population;
  private final PatientAccounts accounts;
  private final StaffAccounts staff;
  private final RegisteredClientRepository clients;
  private final PasswordEncoder passwords;
  private final SecurityProperties security;
  private final DemoProperties props;

  DemoSetup(
      SyntheticPopulation population,
      PatientAccounts accounts,
      StaffAccounts staff,
      RegisteredClientRepository clients,
      PasswordEncoder passwords,
      SecurityProperties security,
      DemoProperties props) {
    this.population = population;
    this.accounts = accounts;
    this.staff = staff;
    this.clients = clients;
    this.passwords = passwords;
    this.security = security;
    this.props = props;
  }

  @Override
  public void run(ApplicationArguments args) {
    accounts.createIfAbsent("patient47", "patient47", population.person(0).nationalId());
    for (int i = 1; i <= 9; i++) {
      Person person = population.person(i);
      accounts.createIfAbsent("patient" + i, "patient" + i, person.nationalId());
    }
    clients.save(demoApp());
    clients.save(demoWebApp());
    String secret = props.mobileBackendSecret();
    if (secret == null || secret.isBlank()) {
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      // Printed once so that a newcomer can try the confidential client; set
      // hiway.demo.mobile-backend-secret to choose it instead.
      log.info("demo client mobile-backend has the secret {}", secret);
    }
    clients.save(mobileBackend(secret));
    staff.createIfAbsent("regulator", "regulator", StaffRole.REGULATOR);
    staff.createIfAbsent("trustcenter", "trustcenter", StaffRole.TRUST_CENTER);
    // Re-identification takes two officers: one asks, the other approves.
    staff.createIfAbsent("trustcenter2", "trustcenter2", StaffRole.TRUST_CENTER);
    staff.createIfAbsent("operator", "operator", StaffRole.OPERATOR);
    log.info(
        "demo accounts: patient47 (all 47 hospitals), patient1..patient9, regulator, trustcenter,"
            + " trustcenter2,"
            + " operator; password = username");
  }

  private RegisteredClient demoApp() {
    return RegisteredClient.withId("demo-app")
        .clientId("demo-app")
        .clientName("Demo patient app (native, public)")
        .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .redirectUri(LOOPBACK_REDIRECT)
        .scopes(s -> s.addAll(SmartConfiguration.patientScopes()))
        .clientSettings(
            ClientSettings.builder()
                .requireProofKey(true)
                .requireAuthorizationConsent(true)
                .build())
        .tokenSettings(tokens())
        .build();
  }

  /**
   * A SMART app in a web page (public, PKCE), served from loopback on any port: its redirect URI's
   * origin is what CORS admits (see security/RegisteredOrigins).
   */
  private RegisteredClient demoWebApp() {
    return RegisteredClient.withId("demo-web-app")
        .clientId("demo-web-app")
        .clientName("Demo patient app (in a web page, public)")
        .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .redirectUri("http://127.0.0.1/web/callback")
        .scopes(s -> s.addAll(SmartConfiguration.patientScopes()))
        .clientSettings(
            ClientSettings.builder()
                .requireProofKey(true)
                .requireAuthorizationConsent(true)
                .build())
        .tokenSettings(tokens())
        .build();
  }

  private RegisteredClient mobileBackend(String secret) {
    return RegisteredClient.withId("mobile-backend")
        .clientId("mobile-backend")
        .clientSecret(passwords.encode(secret))
        .clientName("Mobile app backend (confidential)")
        .clientAuthenticationMethods(m ->
            m.addAll(
                List.of(
                    ClientAuthenticationMethod.CLIENT_SECRET_BASIC,
                    ClientAuthenticationMethod.CLIENT_SECRET_POST)))
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
        .redirectUri(LOOPBACK_REDIRECT)
        .scopes(s -> s.addAll(SmartConfiguration.patientScopes()))
        .clientSettings(
            ClientSettings.builder()
                .requireProofKey(true)
                .requireAuthorizationConsent(false)
                // The patient's own app: it may list and revoke their connected apps.
                .setting("hiway.account-access", true)
                .build())
        .tokenSettings(tokens())
        .build();
  }

  private TokenSettings tokens() {
    return TokenSettings.builder()
        .accessTokenTimeToLive(security.accessTokenTtl())
        .refreshTokenTimeToLive(security.refreshTokenTtl())
        .reuseRefreshTokens(false)
        .build();
  }
}
