package kr.hiway.gateway.testing;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A SMART standalone launch as a native app does it: authorization code with PKCE (S256) through
 * the real sign-in form, then the code exchanged for tokens. Each instance is one browser (its own
 * cookies); not thread-safe.
 */
public final class SmartLogin {

  public static final String REDIRECT = "http://127.0.0.1:54321/callback";
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /** What came back from the token endpoint. */
  public record Tokens(int status, JsonNode body, Map<String, String> headers) {
    public String accessToken() {
      return body.path("access_token").asString();
    }

    public String refreshToken() {
      return body.path("refresh_token").asString(null);
    }
  }

  private String aud;
  private String redirect = REDIRECT;
  private java.util.Set<String> untick = java.util.Set.of();

  /**
   * This login with these record types unticked on the authorization page, as a patient who keeps
   * them from the app.
   */
  public SmartLogin unticking(String... types) {
    this.untick = java.util.Set.of(types);
    return this;
  }

  private static final Pattern INPUT =
      Pattern.compile(
          "<input type=\"(hidden|checkbox)\" name=\"([^\"]+)\"(?: id=\"[^\"]*\")? value=\"([^\"]*)\"");

  /**
   * The authorization page as a patient answers it: everything ticked stays, except the types
   * {@link #unticking} names; returns where the gateway then redirects.
   */
  private String allow(String page) throws Exception {
    String html = get(page).body();
    int start = html.indexOf("id=\"allow\"");
    int end = html.indexOf("</form>", start);
    if (start < 0 || end < 0) {
      throw new IllegalStateException("no authorization form on " + page);
    }
    StringBuilder body = new StringBuilder();
    Matcher m = INPUT.matcher(html.substring(start, end));
    while (m.find()) {
      String name = m.group(2);
      String value = unescape(m.group(3));
      boolean box = m.group(1).equals("checkbox");
      if (box && (untick.contains(value) || untick.contains(typeOf(value)))) {
        continue;
      }
      if (!body.isEmpty()) {
        body.append('&');
      }
      body.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
    return location(post(base + "/oauth2/authorize", body.toString()));
  }

  private static String typeOf(String scope) {
    int slash = scope.indexOf('/');
    return slash < 0 ? scope : scope.substring(slash + 1).split("\\.")[0];
  }

  private static String unescape(String html) {
    return html.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  /** This login with another redirect URI, for a client registered with it. */
  public SmartLogin withRedirect(String redirect) {
    this.redirect = redirect;
    return this;
  }

  public SmartLogin(String base) {
    this.base = base;
  }

  /**
   * This login with another {@code aud} than the gateway's FHIR base, as a misled app would send.
   */
  public SmartLogin withAud(String aud) {
    this.aud = aud;
    return this;
  }

  /**
   * The FHIR base the app means to call, as SMART's {@code aud}: the issuer the gateway announces
   * (which may differ from the address this test reaches it at) with {@code /fhir}.
   */
  private String aud() throws Exception {
    if (aud == null) {
      HttpResponse<String> discovery = get(base + "/.well-known/openid-configuration");
      aud = JSON.readTree(discovery.body()).path("issuer").asString() + "/fhir";
    }
    return aud;
  }

  /** Signs in and returns the authorization code sent to the redirect URI. */
  public String authorize(
      String clientId,
      String username,
      String password,
      String scope,
      String challenge,
      String method)
      throws Exception {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("response_type", "code");
    q.put("client_id", clientId);
    q.put("redirect_uri", redirect);
    q.put("scope", scope);
    q.put("state", "s" + System.nanoTime());
    q.put("aud", aud());
    if (challenge != null) {
      q.put("code_challenge", challenge);
      q.put("code_challenge_method", method);
    }
    HttpResponse<String> first = get(base + "/oauth2/authorize?" + form(q));
    String next = location(first);
    if (next.contains("/login")) {
      HttpResponse<String> page = get(absolute(next));
      Matcher m = CSRF.matcher(page.body());
      if (!m.find()) {
        throw new IllegalStateException("no CSRF token on the sign-in page");
      }
      HttpResponse<String> posted =
          post(
              base + "/login",
              form(Map.of("username", username, "password", password, "_csrf", m.group(1))));
      next = location(posted);
      if (next.contains("error")) {
        throw new IllegalStateException("sign-in refused");
      }
      next = location(get(absolute(next)));
    }
    if (next.contains("/oauth2/consent")) {
      next = allow(absolute(next));
    }
    if (!next.startsWith(redirect)) {
      throw new IllegalStateException("no code: redirected to " + next);
    }
    Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(next);
    if (!code.find()) {
      throw new IllegalStateException("no code: " + next);
    }
    return java.net.URLDecoder.decode(code.group(1), StandardCharsets.UTF_8);
  }

  /** The whole launch for the public demo app: sign in, then exchange the code. */
  public Tokens signIn(String username, String password, String scope) throws Exception {
    return signIn("demo-app", username, password, scope);
  }

  /** The whole flow for a public client: sign in, then exchange the code with PKCE. */
  public Tokens signIn(String clientId, String username, String password, String scope)
      throws Exception {
    String verifier = verifier();
    String code = authorize(clientId, username, password, scope, challenge(verifier), "S256");
    return exchange(clientId, null, code, verifier);
  }

  public Tokens exchange(String clientId, String secret, String code, String verifier)
      throws Exception {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("grant_type", "authorization_code");
    f.put("code", code);
    f.put("redirect_uri", redirect);
    if (verifier != null) {
      f.put("code_verifier", verifier);
    }
    return token(clientId, secret, f);
  }

  public Tokens refresh(String clientId, String secret, String refreshToken, String scope)
      throws Exception {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("grant_type", "refresh_token");
    f.put("refresh_token", refreshToken);
    if (scope != null) {
      f.put("scope", scope);
    }
    return token(clientId, secret, f);
  }

  /** The whole flow for a confidential client: sign in, then exchange the code with its secret. */
  public Tokens signIn(
      String clientId, String secret, String username, String password, String scope)
      throws Exception {
    String verifier = verifier();
    String code = authorize(clientId, username, password, scope, challenge(verifier), "S256");
    return exchange(clientId, secret, code, verifier);
  }

  /** Revokes a token (RFC 7009) as a confidential client; returns the status. */
  public int revoke(String clientId, String secret, String token) throws Exception {
    String basic =
        Base64.getEncoder()
            .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/oauth2/revoke"))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("token", token))))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private Tokens token(String clientId, String secret, Map<String, String> f) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
            .header("Content-Type", "application/x-www-form-urlencoded");
    if (secret == null) {
      f.put("client_id", clientId);
    } else {
      String basic =
          Base64.getEncoder()
              .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
      request.header("Authorization", "Basic " + basic);
    }
    HttpResponse<String> response =
        http.send(
            request.POST(HttpRequest.BodyPublishers.ofString(form(f))).build(),
            HttpResponse.BodyHandlers.ofString());
    Map<String, String> headers = new LinkedHashMap<>();
    response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
    return new Tokens(response.statusCode(), JSON.readTree(response.body()), headers);
  }

  public static String verifier() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String challenge(String verifier) throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }

  /** A page of the gateway in this browser (with its sign-in session). */
  public HttpResponse<String> browse(String path) throws Exception {
    return get(base + path);
  }

  /** A form posted in this browser (with its sign-in session). */
  public HttpResponse<String> submit(String path, Map<String, String> fields) throws Exception {
    return post(base + path, form(fields));
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String url, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "text/html")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String location(HttpResponse<String> response) {
    return response
        .headers()
        .firstValue("Location")
        .orElseThrow(() ->
            new IllegalStateException(
                "expected a redirect, got " + response.statusCode() + ": " + response.body()));
  }

  private String absolute(String location) {
    return location.startsWith("http") ? location : base + location;
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e ->
            URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
