package kr.hiway.gateway.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports missing production settings as Boot's start-up failure report, without a stack trace. */
class MissingProductionSettingsFailureAnalyzer
    extends AbstractFailureAnalyzer<MissingProductionSettingsException> {

  @Override
  protected FailureAnalysis analyze(Throwable root, MissingProductionSettingsException cause) {
    return new FailureAnalysis(
        "The gateway runs in production mode (hiway.demo.enabled=false), which makes up no"
            + " database, URL, key or CA. Missing or unusable:\n  "
            + String.join("\n  ", cause.problems()),
        "Set each setting above (README \"Production settings\", docs/deployment.md), or run the"
            + " demo (hiway.demo.enabled=true).",
        cause);
  }
}
