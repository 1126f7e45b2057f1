package kr.hiway.gateway.startup;

import java.util.List;

/**
 * Production mode was asked for and settings it needs are missing or unusable; thrown before the
 * application context exists, so that nothing (no database file, no key, no CA) is made up.
 */
final class MissingProductionSettingsException extends IllegalStateException {

  private final List<String> problems;

  MissingProductionSettingsException(List<String> problems) {
    super(
        "production mode (hiway.demo.enabled=false) needs these settings:\n  "
            + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per setting, each starting with the setting's name. */
  List<String> problems() {
    return problems;
  }
}
