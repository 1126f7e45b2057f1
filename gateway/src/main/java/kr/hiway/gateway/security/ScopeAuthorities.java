package kr.hiway.gateway.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * Spring's default scope authorities ({@code SCOPE_} from {@code scope} or {@code scp}), worked out
 * once per distinct scope claim: an app sends the same scopes with every call, and splitting and
 * wrapping them was a seventieth of a read's CPU. Only tokens that passed the decoder's checks get
 * here, so the claims are the ones this server issued; the memory is bounded anyway. Thread-safe.
 */
final class ScopeAuthorities implements Converter<Jwt, Collection<GrantedAuthority>> {

  private static final int MAX_ENTRIES = 1_000;

  private record Claim(String name, Object value) {}

  private final JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();
  private final ConcurrentHashMap<Claim, Collection<GrantedAuthority>> known =
      new ConcurrentHashMap<>();

  /** Spring's default token-to-authentication converter, with these authorities. */
  static JwtAuthenticationConverter converter() {
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    converter.setJwtGrantedAuthoritiesConverter(new ScopeAuthorities());
    return converter;
  }

  @Override
  public Collection<GrantedAuthority> convert(Jwt jwt) {
    // The claim Spring's converter reads: scope if present, else scp.
    Map<String, Object> claims = jwt.getClaims();
    String name = claims.containsKey("scope") ? "scope" : "scp";
    Claim claim = new Claim(name, claims.get(name));
    Collection<GrantedAuthority> authorities = known.get(claim);
    if (authorities == null) {
      if (known.size() >= MAX_ENTRIES) {
        known.clear();
      }
      authorities = List.copyOf(scopes.convert(jwt));
      known.put(claim, authorities);
    }
    return authorities;
  }
}
