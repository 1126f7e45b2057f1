package kr.hiway.gateway.startup;

/**
 * One setting is wrong, found before the part that needs it starts: {@link
 * BadSettingFailureAnalyzer} prints it as one line, the setting's name first, with no stack trace.
 * Public so that a part checking its own setting at start (the de-identification profile) reports
 * it the same way.
 */
public final class BadSettingException extends IllegalStateException {

  private final String setting;
  private final String problem;
  private final String action;

  /**
   * @param setting the setting's name, e.g. {@code server.port}
   * @param problem what is wrong with it, never a secret's value
   * @param action what the operator can do about it
   */
  public BadSettingException(String setting, String problem, String action) {
    super(setting + ": " + problem);
    this.setting = setting;
    this.problem = problem;
    this.action = action;
  }

  String setting() {
    return setting;
  }

  String problem() {
    return problem;
  }

  String action() {
    return action;
  }
}
