package kr.hiway.gateway.security;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.vocabulary.ErrorCode;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The patient's connected apps, for the patient's own mobile app backend: {@code GET
 * /api/account/apps} lists them, {@code DELETE /api/account/apps/{client_id}} revokes one. The
 * bearer token must be a patient's, issued to a client registered for account access ({@link
 * #ACCOUNT_ACCESS}): a SMART app the patient connected may not see or revoke the others.
 */
@RestController
@RequestMapping("/api/account/apps")
class ConnectedAppsApi {

  /** The client setting that lets a client's patient tokens manage the patient's apps. */
  static final String ACCOUNT_ACCESS = "hiway.account-access";

  private final ConnectedApps apps;
  private final RegisteredClientRepository clients;

  ConnectedAppsApi(ConnectedApps apps, RegisteredClientRepository clients) {
    this.apps = apps;
    this.clients = clients;
  }

  @GetMapping
  Map<String, Object> list() {
    Caller caller = patientCaller();
    List<Map<String, Object>> out =
        apps.of(caller.subject(), caller.patientId().orElseThrow()).stream()
            .map(ConnectedAppsApi::json)
            .toList();
    return Map.of("apps", out);
  }

  @DeleteMapping("/{clientId}")
  ResponseEntity<Void> revoke(@PathVariable String clientId) {
    Caller caller = patientCaller();
    if (apps.revoke(caller.subject(), clientId) == 0) {
      throw new GatewayException(ErrorCode.NOT_FOUND, "No connected app with that client_id.");
    }
    return ResponseEntity.noContent().build();
  }

  private Caller patientCaller() {
    Caller caller =
        Callers.current()
            .orElseThrow(() ->
                new GatewayException(ErrorCode.NOT_AUTHENTICATED, "An access token is required."));
    if (caller.patientId().isEmpty()) {
      throw new GatewayException(
          ErrorCode.INSUFFICIENT_SCOPE, "Only a patient's token can manage their connected apps.");
    }
    RegisteredClient client = clients.findByClientId(caller.clientId());
    if (client == null
        || !Boolean.TRUE.equals(client.getClientSettings().getSetting(ACCOUNT_ACCESS))) {
      throw new GatewayException(
          ErrorCode.INSUFFICIENT_SCOPE,
          "This app may not manage the patient's connected apps; use the patient's own app.");
    }
    return caller;
  }

  static Map<String, Object> json(ConnectedApps.App app) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("client_id", app.clientId());
    m.put("name", app.name());
    m.put("scopes", app.scopes());
    m.put("granted", text(app.granted()));
    m.put("last_used", text(app.lastUsed()));
    m.put("grants", app.grants());
    return m;
  }

  private static String text(Instant t) {
    return t == null ? null : t.toString();
  }
}
