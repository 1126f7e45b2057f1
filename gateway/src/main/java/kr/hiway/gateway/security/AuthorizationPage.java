package kr.hiway.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import kr.hiway.vocabulary.RecordType;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The authorization page (SMART patient-selected scopes): after sign-in, the patient sees which app
 * asks for what and unticks what it may not see. A scope for one type is a box of its own; a
 * wildcard ({@code patient/*.rs}) is offered as one box per type, and {@link #narrowing} replaces
 * it in the grant by the types the patient kept. The token then carries only what was chosen.
 */
@Controller
class AuthorizationPage {

  /** The form field listing the types kept under a wildcard scope. */
  static final String TYPES = "types";

  /** Marks a form that offered types, so that none kept means none, not "not asked". */
  static final String OFFERED = "types_offered";

  /** Always part of a grant the patient allows: who they are, and to stay signed in. */
  private static final Map<String, String[]> ALWAYS =
      Map.of(
          "openid", new String[] {"로그인 확인", "Confirm who you are"},
          "fhirUser", new String[] {"내 사용자 정보", "Your user identity"},
          "profile", new String[] {"내 프로필", "Your profile"},
          "launch/patient", new String[] {"나의 환자 정보 선택", "Choose you as the patient"},
          "offline_access", new String[] {"로그아웃 전까지 계속 연결", "Stay connected until you revoke it"});

  /** What a patient may keep or untick under a wildcard, in the order shown. */
  static final Map<String, String[]> TYPE_NAMES = typeNames();

  private static Map<String, String[]> typeNames() {
    Map<String, String[]> m = new LinkedHashMap<>();
    m.put("Patient", new String[] {"인적 정보", "Your demographics"});
    Map<RecordType, String[]> records =
        Map.of(
            RecordType.ALLERGY_INTOLERANCE, new String[] {"알레르기", "Allergies"},
            RecordType.CONDITION, new String[] {"진단·질환", "Conditions"},
            RecordType.DIAGNOSTIC_REPORT, new String[] {"검사 보고서", "Diagnostic reports"},
            RecordType.DOCUMENT_REFERENCE, new String[] {"진료 문서", "Clinical documents"},
            RecordType.ENCOUNTER, new String[] {"진료 내역", "Visits"},
            RecordType.IMMUNIZATION, new String[] {"예방접종", "Immunizations"},
            RecordType.MEDICATION_REQUEST, new String[] {"처방", "Prescriptions"},
            RecordType.OBSERVATION, new String[] {"검사 결과·측정값", "Test results and vitals"},
            RecordType.PROCEDURE, new String[] {"시술·수술", "Procedures"});
    for (RecordType t : RecordType.values()) {
      m.put(t.fhirType(), records.get(t));
    }
    m.put("Consent", new String[] {"정보 제공 동의", "Your data-sharing consents"});
    m.put("AuditEvent", new String[] {"내 정보 열람 기록", "Who saw your data"});
    return java.util.Collections.unmodifiableMap(m);
  }

  private final RegisteredClientRepository clients;

  AuthorizationPage(RegisteredClientRepository clients) {
    this.clients = clients;
  }

  @GetMapping(value = "/oauth2/consent", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> page(
      HttpServletRequest request,
      @RequestParam("client_id") String clientId,
      @RequestParam("scope") String scope,
      @RequestParam("state") String state) {
    RegisteredClient client = clients.findByClientId(clientId);
    if (client == null) {
      return ResponseEntity.badRequest()
          .contentType(MediaType.TEXT_PLAIN)
          .body("unknown client_id");
    }
    List<SignInPages.Choice> choices = new ArrayList<>();
    List<SignInPages.Choice> always = new ArrayList<>();
    List<String> hidden = new ArrayList<>();
    boolean offered = false;
    for (String s : new LinkedHashSet<>(Arrays.asList(scope.split(" ")))) {
      if (s.isBlank()) {
        continue;
      }
      String[] fixed = ALWAYS.get(s);
      if (fixed != null) {
        always.add(new SignInPages.Choice("scope", s, fixed[0], fixed[1]));
        hidden.add(s);
      } else if (s.startsWith("patient/*.")) {
        hidden.add(s);
        if (!offered) {
          offered = true;
          TYPE_NAMES.forEach((type, names) ->
              choices.add(new SignInPages.Choice(TYPES, type, names[0], names[1])));
        }
      } else {
        String type = s.contains("/") ? s.substring(s.indexOf('/') + 1).split("\\.")[0] : s;
        String[] names = TYPE_NAMES.getOrDefault(type, new String[] {s, s});
        choices.add(new SignInPages.Choice("scope", s, names[0], names[1] + " (" + s + ")"));
      }
    }
    CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
    String body =
        SignInPages.authorize(
            client.getClientName(),
            clientId,
            state,
            choices,
            always,
            hidden,
            offered,
            csrf == null ? "_csrf" : csrf.getParameterName(),
            csrf == null ? "" : csrf.getToken());
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
        .header("Cache-Control", "no-store")
        .header("X-Frame-Options", "DENY")
        .body(body);
  }

  /**
   * Narrows each wildcard {@code patient/*.X} the patient allowed to {@code patient/T.X} for the
   * types they kept ticked, when the page offered types: in the stored choice (the authorization
   * consent), which {@link TokenClaims} applies to every token of the app for this patient.
   */
  static Consumer<OAuth2AuthorizationConsentAuthenticationContext> narrowing() {
    return context -> {
      OAuth2AuthorizationConsentAuthenticationToken consent = context.getAuthentication();
      Map<String, Object> params = consent.getAdditionalParameters();
      if (params.get(OFFERED) == null) {
        return;
      }
      Set<String> kept = new LinkedHashSet<>();
      Object types = params.get(TYPES);
      if (types instanceof String one) {
        kept.add(one);
      } else if (types instanceof String[] many) {
        kept.addAll(Arrays.asList(many));
      }
      kept.retainAll(TYPE_NAMES.keySet());
      context
          .getAuthorizationConsent()
          .authorities(authorities -> {
            List<GrantedAuthority> wildcards =
                authorities.stream()
                    .filter(a -> a.getAuthority().startsWith("SCOPE_patient/*."))
                    .toList();
            for (GrantedAuthority wildcard : wildcards) {
              authorities.remove(wildcard);
              String suffix = wildcard.getAuthority().substring("SCOPE_patient/*".length());
              for (String type : kept) {
                authorities.add(new SimpleGrantedAuthority("SCOPE_patient/" + type + suffix));
              }
            }
          });
    };
  }
}
