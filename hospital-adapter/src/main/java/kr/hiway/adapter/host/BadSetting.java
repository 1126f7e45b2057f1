package kr.hiway.adapter.host;

/** A setting of the host's configuration that is missing or wrong; the message says which. */
final class BadSetting extends Exception {

  private final String setting;

  BadSetting(String setting, String problem) {
    super(setting + ": " + problem, null, false, false);
    this.setting = setting;
  }

  String setting() {
    return setting;
  }
}
