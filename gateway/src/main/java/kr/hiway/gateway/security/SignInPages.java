package kr.hiway.gateway.security;

import java.util.List;
import org.springframework.web.util.HtmlUtils;

/**
 * The pages a patient meets while an app signs them in: the sign-in form, the wait after too many
 * tries, and the authorization page. Korean first, with English; real labels, keyboard order, one
 * column that fits a phone. Every value from outside is HTML-escaped here.
 */
final class SignInPages {

  private SignInPages() {}

  /** Escapes what HTML needs ({@code < > & " '}), and leaves Korean and other text as it is. */
  private static String htmlEscape(String s) {
    return HtmlUtils.htmlEscape(s, "UTF-8");
  }

  private static final String STYLE =
      """
      <style>
        body { font-family: "Noto Sans KR", "Nanum Gothic", system-ui, sans-serif; margin: 0;
               background: #f4f6f8; color: #1b1f23; }
        main { max-width: 26rem; margin: 0 auto; padding: 1.5rem 1rem; }
        h1 { font-size: 1.35rem; margin: 0 0 1rem; }
        h1 small, .en { display: block; font-size: .85rem; color: #57606a; font-weight: normal; }
        form, section { background: #fff; border-radius: .5rem; padding: 1rem;
                        box-shadow: 0 1px 3px rgba(0,0,0,.12); }
        label { display: block; margin: .75rem 0 .25rem; font-weight: 600; }
        input[type=text], input[type=password] { width: 100%; box-sizing: border-box;
               font-size: 1rem; padding: .6rem; border: 1px solid #8c959f; border-radius: .35rem; }
        button { width: 100%; margin-top: 1rem; font-size: 1rem; padding: .7rem;
                 border: 0; border-radius: .35rem; background: #0b5cad; color: #fff; }
        button.secondary { background: #fff; color: #0b5cad; border: 1px solid #0b5cad; }
        button:focus, input:focus { outline: 3px solid #f0b400; outline-offset: 1px; }
        .error { background: #ffebe9; border: 1px solid #cf222e; padding: .6rem;
                 border-radius: .35rem; margin-bottom: .75rem; }
        fieldset { border: 0; padding: 0; margin: .75rem 0 0; }
        legend { font-weight: 600; margin-bottom: .25rem; }
        .choice { display: flex; gap: .6rem; align-items: flex-start; padding: .45rem 0;
                  border-top: 1px solid #eaeef2; }
        .choice input { width: 1.25rem; height: 1.25rem; margin-top: .15rem; }
        .choice label { margin: 0; font-weight: normal; }
      </style>
      """;

  private static String page(String title, String body) {
    return """
    <!DOCTYPE html>
    <html lang="ko">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>%s</title>
    %s
    </head>
    <body><main>
    %s
    </main></body>
    </html>
    """
        .formatted(htmlEscape(title), STYLE, body);
  }

  /** The sign-in form, posting username and password (and the CSRF token) to {@code /login}. */
  static String login(String csrfParameter, String csrfToken, boolean failed) {
    String error =
        failed
            ? """
            <p class="error" role="alert">아이디 또는 비밀번호가 올바르지 않습니다.
            <span class="en" lang="en">The username or password is not correct.</span></p>
            """
            : "";
    return page(
        "로그인 · Sign in",
        """
        <h1>마이 헬스웨이 로그인<small lang="en">Sign in to My Healthway</small></h1>
        <form method="post" action="login">
        %s
        <label for="username">아이디 <span class="en" lang="en">Username</span></label>
        <input type="text" id="username" name="username" autocomplete="username"
               autocapitalize="none" required autofocus>
        <label for="password">비밀번호 <span class="en" lang="en">Password</span></label>
        <input type="password" id="password" name="password" autocomplete="current-password"
               required>
        <input type="hidden" name="%s" value="%s">
        <button type="submit">로그인 <span lang="en">· Sign in</span></button>
        </form>
        """
            .formatted(error, htmlEscape(csrfParameter), htmlEscape(csrfToken)));
  }

  /** The answer to a sign-in that must wait {@code seconds}. */
  static String tooManyTries(long seconds) {
    return page(
        "잠시 후 다시 시도 · Try again later",
        """
        <h1>잠시 후 다시 시도해 주세요<small lang="en">Please try again later</small></h1>
        <section role="alert">
        <p>로그인 시도가 너무 많습니다. %d초 후에 다시 시도해 주세요.</p>
        <p class="en" lang="en">Too many sign-in attempts. Try again in %d seconds.</p>
        <p><a href="login">로그인으로 돌아가기 · Back to sign in</a></p>
        </section>
        """
            .formatted(seconds, seconds));
  }

  /**
   * One line of the authorization page: a box posting {@code value} as form field {@code field}.
   */
  record Choice(String field, String value, String korean, String english) {}

  /**
   * The authorization page: {@code app} asks for {@code choices}; the patient keeps what they tick.
   * It posts to the authorization endpoint as Spring Authorization Server's consent form: {@code
   * hidden} scopes always (the wildcards and the sign-in scopes), each ticked box, and, when {@code
   * offered}, the marker that types were offered. Deny posts no scope at all.
   */
  static String authorize(
      String app,
      String clientId,
      String state,
      List<Choice> choices,
      List<Choice> always,
      List<String> hidden,
      boolean offered,
      String csrfParameter,
      String csrfToken) {
    StringBuilder boxes = new StringBuilder();
    int i = 0;
    for (Choice c : choices) {
      String id = "choice-" + i++;
      boxes.append(
          """
          <div class="choice">
          <input type="checkbox" name="%s" id="%s" value="%s" checked>
          <label for="%s">%s <span class="en" lang="en">%s</span></label>
          </div>
          """
              .formatted(
                  htmlEscape(c.field()),
                  id,
                  htmlEscape(c.value()),
                  id,
                  htmlEscape(c.korean()),
                  htmlEscape(c.english())));
    }
    StringBuilder fixed = new StringBuilder();
    for (Choice c : always) {
      fixed.append(
          "<li>%s <span class=\"en\" lang=\"en\">%s</span></li>\n"
              .formatted(htmlEscape(c.korean()), htmlEscape(c.english())));
    }
    StringBuilder keep = new StringBuilder();
    for (String scope : hidden) {
      keep.append(
          "<input type=\"hidden\" name=\"scope\" value=\"%s\">\n".formatted(htmlEscape(scope)));
    }
    if (offered) {
      keep.append(
          "<input type=\"hidden\" name=\"%s\" value=\"1\">\n".formatted(AuthorizationPage.OFFERED));
    }
    String common =
        """
        <input type="hidden" name="client_id" value="%s">
        <input type="hidden" name="state" value="%s">
        <input type="hidden" name="%s" value="%s">
        """
            .formatted(
                htmlEscape(clientId),
                htmlEscape(state),
                htmlEscape(csrfParameter),
                htmlEscape(csrfToken));
    return page(
        "앱 권한 허용 · Authorize an app",
        """
        <h1>%s 앱이 내 건강정보를 요청합니다
        <small lang="en">%s asks to see your health records</small></h1>
        <form method="post" action="authorize" id="allow">
        %s%s
        <p>허용할 항목을 선택하세요. 선택하지 않은 기록은 앱이 볼 수 없습니다.
        <span class="en" lang="en">Choose what the app may see. It cannot see what you untick.
        </span></p>
        <fieldset>
        <legend>기록 종류 <span class="en" lang="en">Record types</span></legend>
        %s
        </fieldset>
        <p>항상 포함 <span class="en" lang="en">Always included</span></p>
        <ul>
        %s
        </ul>
        <button type="submit" id="allow-button">허용 <span lang="en">· Allow</span></button>
        </form>
        <form method="post" action="authorize" id="deny">
        %s
        <button type="submit" class="secondary" id="deny-button">거부
        <span lang="en">· Deny</span></button>
        </form>
        """
            .formatted(htmlEscape(app), htmlEscape(app), common, keep, boxes, fixed, common));
  }

  /** The connected apps page: each app, what it may see, and a button revoking it. */
  static String connectedApps(
      List<ConnectedApps.App> apps,
      java.util.function.Function<java.time.Instant, String> when,
      String csrfParameter,
      String csrfToken,
      boolean revoked) {
    StringBuilder list = new StringBuilder();
    for (ConnectedApps.App app : apps) {
      list.append(
          """
          <section aria-labelledby="app-%1$s">
          <h2 id="app-%1$s">%2$s</h2>
          <p>허용한 항목 <span class="en" lang="en">May see</span>: %3$s</p>
          <p>허용한 때 <span class="en" lang="en">Granted</span>: %4$s<br>
          마지막 사용 <span class="en" lang="en">Last used</span>: %5$s</p>
          <form method="post" action="apps/%1$s/revoke">
          <input type="hidden" name="%6$s" value="%7$s">
          <button type="submit" class="secondary">연결 해제 <span lang="en">· Revoke</span>
          <span class="en" lang="en">%2$s</span></button>
          </form>
          </section>
          """
              .formatted(
                  htmlEscape(app.clientId()),
                  htmlEscape(app.name()),
                  htmlEscape(String.join(", ", app.scopes())),
                  htmlEscape(when.apply(app.granted())),
                  htmlEscape(when.apply(app.lastUsed())),
                  htmlEscape(csrfParameter),
                  htmlEscape(csrfToken)));
    }
    if (apps.isEmpty()) {
      list.append(
          "<section><p>연결된 앱이 없습니다. <span class=\"en\" lang=\"en\">No app holds"
              + " access to your records.</span></p></section>");
    }
    String notice =
        revoked
            ? "<p class=\"error\" role=\"status\">연결을 해제했습니다. <span class=\"en\""
                + " lang=\"en\">The app was disconnected; its tokens no longer work.</span></p>"
            : "";
    return page(
        "연결된 앱 · Connected apps",
        """
        <h1>연결된 앱<small lang="en">Apps connected to your records</small></h1>
        %s
        %s
        """
            .formatted(notice, list));
  }
}
