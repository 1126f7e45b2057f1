package kr.hiway.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import kr.hiway.gateway.account.PatientAccount;
import kr.hiway.gateway.account.PatientAccounts;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The connected apps page for a patient signed in at the gateway ({@code /account/apps}): each app
 * with what it may see, when it was granted and last used, and a button that revokes it.
 */
@Controller
class ConnectedAppsPage {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Seoul"));

  private final ConnectedApps apps;
  private final PatientAccounts accounts;

  ConnectedAppsPage(ConnectedApps apps, PatientAccounts accounts) {
    this.apps = apps;
    this.accounts = accounts;
  }

  @GetMapping(value = "/account/apps", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> page(HttpServletRequest request, Principal user) {
    String patientId =
        accounts.byUsername(user.getName()).map(PatientAccount::patientId).orElse(null);
    CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
    String body =
        SignInPages.connectedApps(
            apps.of(user.getName(), patientId),
            t -> t == null ? "-" : WHEN.format(t),
            csrf.getParameterName(),
            csrf.getToken(),
            request.getParameter("revoked") != null);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
        .header("Cache-Control", "no-store")
        .header("X-Frame-Options", "DENY")
        .body(body);
  }

  @PostMapping("/account/apps/{clientId}/revoke")
  String revoke(@PathVariable String clientId, Principal user) {
    apps.revoke(user.getName(), clientId);
    return "redirect:/account/apps?revoked";
  }
}
