package kr.hiway.gateway.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** The caller of the current request, from the access token Spring Security validated. */
public final class Callers {

  private Callers() {}

  /** The caller of the request this thread serves; empty if it carried no valid token. */
  public static Optional<Caller> current() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (!(auth instanceof JwtAuthenticationToken token)) {
      return Optional.empty();
    }
    return Optional.of(of(token.getToken()));
  }

  static Caller of(Jwt jwt) {
    String client = jwt.getClaimAsString(TokenClaims.CLIENT_ID);
    return new Caller(
        jwt.getSubject() == null ? "" : jwt.getSubject(),
        client == null ? "" : client,
        Optional.ofNullable(jwt.getClaimAsString(TokenClaims.PATIENT)),
        SmartScopes.parse(scopesOf(jwt)),
        Optional.ofNullable(jwt.getClaimAsString(TokenClaims.PURPOSE_OF_USE)));
  }

  /** The {@code scope} claim, whether a JSON array or a space-separated string. */
  static List<String> scopesOf(Jwt jwt) {
    Object scope = jwt.getClaims().get("scope");
    if (scope instanceof Collection<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    if (scope instanceof String s) {
      return Arrays.stream(s.split(" ")).filter(x -> !x.isBlank()).toList();
    }
    return List.of();
  }
}
