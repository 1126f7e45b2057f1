package kr.hiway.gateway.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kr.hiway.gateway.audit.AuditTrail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;

/**
 * The apps holding a patient's grants, and their revocation. An app is listed while one of its
 * grants can still give tokens (a live access or refresh token). Revoking an app removes every one
 * of its grants for this patient, which refuses their access tokens on every instance at the next
 * request ({@link RotationAwareAuthorizationService#remove}), and forgets the patient's choice for
 * it, so that the app must ask again on the authorization page.
 */
@Component
public class ConnectedApps {

  /** One app: its client, name, what it may see, when first granted and last used. */
  public record App(
      String clientId,
      String name,
      List<String> scopes,
      Instant granted,
      Instant lastUsed,
      int grants) {}

  private final JdbcClient jdbc;
  private final RegisteredClientRepository clients;
  private final OAuth2AuthorizationService authorizations;
  private final OAuth2AuthorizationConsentService consents;
  private final AuditTrail audit;
  private final Clock clock;

  ConnectedApps(
      JdbcClient jdbc,
      RegisteredClientRepository clients,
      OAuth2AuthorizationService authorizations,
      OAuth2AuthorizationConsentService consents,
      AuditTrail audit,
      Clock clock) {
    this.jdbc = jdbc;
    this.clients = clients;
    this.authorizations = authorizations;
    this.consents = consents;
    this.audit = audit;
    this.clock = clock;
  }

  private record GrantRow(
      String id, String clientKey, Set<String> scopes, Instant granted, Instant issued) {}

  private List<GrantRow> live(String username) {
    Timestamp now = Timestamp.from(clock.instant());
    return jdbc.sql(
            "SELECT id, registered_client_id, authorized_scopes,"
                + " COALESCE(authorization_code_issued_at, access_token_issued_at),"
                + " access_token_issued_at FROM oauth2_authorization"
                + " WHERE principal_name = ? AND authorization_grant_type = 'authorization_code'"
                + " AND (refresh_token_expires_at > ? OR access_token_expires_at > ?)")
        .params(username, now, now)
        .query((rs, n) ->
            new GrantRow(
                rs.getString(1),
                rs.getString(2),
                scopes(rs.getString(3)),
                instant(rs.getTimestamp(4)),
                instant(rs.getTimestamp(5))))
        .list();
  }

  /**
   * The apps holding live grants of this user (whose patient is {@code patientId}), newest first.
   */
  public List<App> of(String username, String patientId) {
    Map<String, List<GrantRow>> byClient = new LinkedHashMap<>();
    for (GrantRow g : live(username)) {
      byClient.computeIfAbsent(g.clientKey(), k -> new ArrayList<>()).add(g);
    }
    List<App> apps = new ArrayList<>();
    byClient.forEach((key, grants) -> {
      RegisteredClient client = clients.findById(key);
      if (client == null) {
        return;
      }
      Set<String> scopes = new LinkedHashSet<>();
      OAuth2AuthorizationConsent choice = consents.findById(key, username);
      if (choice != null) {
        scopes.addAll(choice.getScopes());
      } else {
        grants.forEach(g -> scopes.addAll(g.scopes()));
      }
      Instant granted =
          grants.stream()
              .map(GrantRow::granted)
              .filter(java.util.Objects::nonNull)
              .min(Comparator.naturalOrder())
              .orElse(null);
      Instant lastToken =
          grants.stream()
              .map(GrantRow::issued)
              .filter(java.util.Objects::nonNull)
              .max(Comparator.naturalOrder())
              .orElse(null);
      Instant lastUsed =
          patientId == null
              ? lastToken
              : audit.lastAccess(patientId, client.getClientId()).orElse(lastToken);
      apps.add(
          new App(
              client.getClientId(),
              client.getClientName(),
              List.copyOf(scopes),
              granted,
              lastUsed,
              grants.size()));
    });
    apps.sort(Comparator.comparing(App::lastUsed, Comparator.nullsLast(Comparator.reverseOrder())));
    return apps;
  }

  /**
   * Revokes every grant of the app {@code clientId} for this user; returns how many there were (0:
   * the app held none).
   */
  public int revoke(String username, String clientId) {
    RegisteredClient client = clients.findByClientId(clientId);
    if (client == null) {
      return 0;
    }
    int revoked = 0;
    for (GrantRow g : live(username)) {
      if (!g.clientKey().equals(client.getId())) {
        continue;
      }
      OAuth2Authorization grant = authorizations.findById(g.id());
      if (grant != null) {
        authorizations.remove(grant);
        revoked++;
      }
    }
    Optional.ofNullable(consents.findById(client.getId(), username)).ifPresent(consents::remove);
    return revoked;
  }

  private static Set<String> scopes(String csv) {
    Set<String> out = new LinkedHashSet<>();
    if (csv != null) {
      for (String s : csv.split(",")) {
        if (!s.isBlank()) {
          out.add(s.trim());
        }
      }
    }
    return out;
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
