package kr.hiway.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

class ScopeAuthoritiesTest {

  private static Jwt jwt(Map<String, Object> claims) {
    Jwt.Builder b =
        Jwt.withTokenValue("t")
            .header("alg", "RS256")
            .subject("someone")
            .issuedAt(Instant.EPOCH)
            .expiresAt(Instant.EPOCH.plusSeconds(60));
    claims.forEach(b::claim);
    return b.build();
  }

  @Test
  void convertWhenAnyScopeClaimThenAsSpringsDefault() {
    JwtAuthenticationConverter spring = new JwtAuthenticationConverter();
    JwtAuthenticationConverter ours = ScopeAuthorities.converter();
    List<Map<String, Object>> cases =
        List.of(
            Map.of("scope", "patient/*.rs launch/patient openid"),
            Map.of("scope", "patient/*.rs patient/*.rs"),
            Map.of("scope", ""),
            Map.of("scp", List.of("a", "b")),
            Map.of("scope", "x", "scp", List.of("y")),
            Map.of("scope", List.of("p q")),
            Map.of("other", "z"));
    for (int round = 0; round < 2; round++) { // the second round comes from the cache
      for (Map<String, Object> claims : cases) {
        AbstractAuthenticationToken expected = spring.convert(jwt(claims));
        AbstractAuthenticationToken actual = ours.convert(jwt(claims));
        // By name: the bearer factor's authority carries the time it was granted.
        assertThat(actual.getAuthorities())
            .as(claims.toString())
            .extracting(GrantedAuthority::getAuthority)
            .containsExactlyInAnyOrderElementsOf(
                expected.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
        assertThat(actual.getName()).isEqualTo(expected.getName());
        assertThat(actual.getPrincipal().getClass()).isEqualTo(expected.getPrincipal().getClass());
      }
    }
  }
}
