package kr.hiway.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * CORS for browser apps (SMART apps running in a page): a request from an origin that some
 * registered client redirects to gets CORS headers; any other origin gets none, so a browser never
 * lets that page read the answer. A loopback redirect URI registered without a port ({@code
 * http://127.0.0.1/callback}, RFC 8252) admits that loopback host on any port.
 *
 * <p>Tokens travel in the {@code Authorization} header, never in cookies: no credentials are
 * allowed. Preflights are answered for the methods and headers the FHIR API and the token endpoints
 * take, and cached by the browser for 10 minutes.
 *
 * <p>The registered origins are read from the clients' table and kept {@link #REFRESH}: a client
 * registered or removed through another instance is known here within that time. Harmless when
 * stale: CORS only lets a browser page read what its token already allows; it grants nothing.
 */
final class RegisteredOrigins implements CorsConfigurationSource {

  static final Duration REFRESH = Duration.ofSeconds(30);

  private record Known(Set<String> origins, Set<String> loopbackAnyPort, Instant readAt) {}

  private final JdbcClient jdbc;
  private final Clock clock;
  private volatile Known known = new Known(Set.of(), Set.of(), Instant.MIN);

  RegisteredOrigins(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public CorsConfiguration getCorsConfiguration(HttpServletRequest request) {
    String origin = request.getHeader("Origin");
    if (origin == null || !allowed(origin)) {
      return null; // no CORS headers at all
    }
    CorsConfiguration cors = new CorsConfiguration();
    cors.setAllowedOrigins(List.of(origin));
    cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE", "OPTIONS"));
    cors.setAllowedHeaders(
        List.of("Authorization", "Content-Type", "Accept", "Prefer", "If-None-Exist", "DPoP"));
    cors.setExposedHeaders(List.of("Location", "Content-Location", "ETag", "Retry-After"));
    cors.setAllowCredentials(false);
    cors.setMaxAge(Duration.ofMinutes(10));
    return cors;
  }

  boolean allowed(String origin) {
    Known k = current();
    String o = origin.toLowerCase(Locale.ROOT);
    if (k.origins().contains(o)) {
      return true;
    }
    URI uri;
    try {
      uri = URI.create(o);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return uri.getScheme() != null
        && uri.getHost() != null
        && k.loopbackAnyPort().contains(uri.getScheme() + "://" + uri.getHost());
  }

  private Known current() {
    Known k = known;
    Instant now = clock.instant();
    if (now.isBefore(k.readAt().plus(REFRESH))) {
      return k;
    }
    Set<String> origins = new HashSet<>();
    Set<String> loopback = new HashSet<>();
    for (String uris :
        jdbc.sql(
                "SELECT redirect_uris FROM oauth2_registered_client WHERE redirect_uris IS NOT NULL")
            .query(String.class)
            .list()) {
      for (String redirect : uris.split(",")) {
        add(redirect.strip(), origins, loopback);
      }
    }
    k = new Known(Set.copyOf(origins), Set.copyOf(loopback), now);
    known = k;
    return k;
  }

  private static void add(String redirect, Set<String> origins, Set<String> loopback) {
    URI uri;
    try {
      uri = URI.create(redirect);
    } catch (IllegalArgumentException e) {
      return;
    }
    if (uri.getScheme() == null || uri.getHost() == null) {
      return; // a private-use scheme (com.example.app:/callback): not a web origin
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return;
    }
    if (uri.getPort() < 0 && isLoopback(host)) {
      loopback.add(scheme + "://" + host);
    }
    origins.add(scheme + "://" + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
  }

  private static boolean isLoopback(String host) {
    return host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("localhost");
  }
}
