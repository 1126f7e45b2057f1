package kr.hiway.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Finds the bearer token in the Authorization header as Spring's default resolver does (RFC 6750
 * section 2.1: {@code Bearer} and a token68), without a regular expression on every request. A
 * request that names {@code access_token} as a parameter goes to the default resolver, which
 * refuses it: tokens in URLs end up in logs.
 */
final class HeaderBearerTokens implements BearerTokenResolver {

  private static final String SCHEME = "Bearer ";

  private final DefaultBearerTokenResolver fallback = new DefaultBearerTokenResolver();

  @Override
  public String resolve(HttpServletRequest request) {
    if (request.getParameter("access_token") != null) {
      return fallback.resolve(request);
    }
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "bearer", 0, 6)) {
      return null; // another scheme, or none: not ours to judge
    }
    if (!wellFormed(header)) {
      throw new OAuth2AuthenticationException(
          BearerTokenErrors.invalidToken("Bearer token is malformed"));
    }
    return header.substring(SCHEME.length());
  }

  /** As {@code ^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$}, case-insensitive in the scheme. */
  static boolean wellFormed(String header) {
    if (header.length() <= SCHEME.length()
        || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return false;
    }
    int i = SCHEME.length();
    int n = header.length();
    while (i < n && tokenChar(header.charAt(i))) {
      i++;
    }
    if (i == SCHEME.length()) {
      return false;
    }
    while (i < n && header.charAt(i) == '=') {
      i++;
    }
    return i == n;
  }

  private static boolean tokenChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~'
        || c == '+'
        || c == '/';
  }
}
