package kr.hiway.gateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import kr.hiway.gateway.error.FhirErrorResponses;
import kr.hiway.vocabulary.ErrorCode;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The bearer APIs' rate limits, once the token is known to be valid: per token, per patient and per
 * client. Over a limit → 429 {@code HIW-G026} with {@code Retry-After} and an OperationOutcome,
 * before anything else is done for the request.
 */
final class RateLimitFilter extends OncePerRequestFilter {

  private final RateLimits limits;
  private final RateLimitProperties props;
  private final FhirErrorResponses errors;

  RateLimitFilter(RateLimits limits, RateLimitProperties props, FhirErrorResponses errors) {
    this.limits = limits;
    this.props = props;
    this.errors = errors;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (props.enabled() && auth instanceof JwtAuthenticationToken token) {
      Duration wait = waitFor(token.getToken());
      if (!wait.isZero()) {
        tooMany(response, errors, wait, "Too many requests; try again later.");
        return;
      }
    }
    chain.doFilter(request, response);
  }

  private Duration waitFor(Jwt jwt) {
    String tokenId =
        jwt.getId() != null ? jwt.getId() : CachingJwtDecoder.hash(jwt.getTokenValue());
    Duration wait = limits.take("token", tokenId, props.token());
    String patient = jwt.getClaimAsString(TokenClaims.PATIENT);
    if (wait.isZero() && patient != null) {
      wait = limits.take("patient", patient, props.patient());
    }
    String client = jwt.getClaimAsString(TokenClaims.CLIENT_ID);
    if (wait.isZero() && client != null) {
      wait = limits.take("client", client, props.client());
    }
    return wait;
  }

  /** 429 with {@code Retry-After} in whole seconds, at least 1. */
  static void tooMany(
      HttpServletResponse response, FhirErrorResponses errors, Duration wait, String message)
      throws IOException {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    response.setHeader("Retry-After", Long.toString(seconds));
    errors.write(response, ErrorCode.TOO_MANY_REQUESTS, message);
  }
}
