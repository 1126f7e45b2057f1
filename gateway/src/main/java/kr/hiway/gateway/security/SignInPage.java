package kr.hiway.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in form ({@link SignInPages#login}); Spring Security handles what it posts. */
@Controller
class SignInPage {

  @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> login(HttpServletRequest request) {
    CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
        .header("Cache-Control", "no-store")
        .header("X-Frame-Options", "DENY")
        .body(
            SignInPages.login(
                csrf.getParameterName(), csrf.getToken(), request.getParameter("error") != null));
  }
}
