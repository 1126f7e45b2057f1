package kr.hiway.gateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import kr.hiway.gateway.error.FhirErrorResponses;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The sign-in form's guard ({@link SignInLimits}): refuses a try that must wait, before its
 * password is looked at, with 429 and {@code Retry-After} (a page for a browser, an
 * OperationOutcome for anything else), and counts each outcome.
 */
final class SignInGuard extends OncePerRequestFilter
    implements AuthenticationFailureHandler, AuthenticationSuccessHandler {

  private final SignInLimits limits;
  private final FhirErrorResponses errors;
  private final AuthenticationFailureHandler failure =
      new SimpleUrlAuthenticationFailureHandler("/login?error");
  private final AuthenticationSuccessHandler success =
      new SavedRequestAwareAuthenticationSuccessHandler();

  SignInGuard(SignInLimits limits, FhirErrorResponses errors) {
    this.limits = limits;
    this.errors = errors;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Duration wait = limits.check(request.getParameter("username"), request.getRemoteAddr());
    if (wait.isZero()) {
      chain.doFilter(request, response);
      return;
    }
    String accept = request.getHeader("Accept");
    if (accept != null && accept.contains("text/html")) {
      long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
      response.setStatus(429);
      response.setHeader("Retry-After", Long.toString(seconds));
      response.setContentType("text/html;charset=UTF-8");
      response.setHeader("Cache-Control", "no-store");
      response
          .getOutputStream()
          .write(SignInPages.tooManyTries(seconds).getBytes(StandardCharsets.UTF_8));
      return;
    }
    RateLimitFilter.tooMany(
        response, errors, wait, "Too many sign-in attempts from here; try again later.");
  }

  @Override
  public void onAuthenticationFailure(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException, ServletException {
    limits.failed(request.getParameter("username"), request.getRemoteAddr());
    failure.onAuthenticationFailure(request, response, e);
  }

  @Override
  public void onAuthenticationSuccess(
      HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException, ServletException {
    limits.succeeded(authentication.getName(), request.getRemoteAddr());
    success.onAuthenticationSuccess(request, response, authentication);
  }
}
